/** The Felix block of a spec, shared by `cni.type: calico` and Canal. Leaf module: schema only. */
import { z } from 'zod';
import { intInRange, strictObject } from '../../../spec/zod-helpers';

/** FelixConfiguration fields the spec accepts (upstream names); written to the `default` FelixConfiguration. */
export const felixSchema = strictObject(
  {
    wireguardEnabled: z.boolean().optional().meta({ description: 'Encrypt IPv4 pod traffic between nodes with WireGuard.' }),
    wireguardEnabledV6: z.boolean().optional().meta({ description: 'Encrypt IPv6 pod traffic between nodes with WireGuard.' }),
    wireguardListeningPort: intInRange(1, 65535, 'WireGuard UDP port of the IPv4 tunnel (upstream default 51820).').optional(),
    wireguardListeningPortV6: intInRange(1, 65535, 'WireGuard UDP port of the IPv6 tunnel, independent of wireguardListeningPort (upstream default 51821).').optional(),
    bpfEnabled: z.boolean().optional().meta({ description: 'eBPF data plane (replaces kube-proxy); needs kubernetesServiceEndpoint.' }),
    prometheusMetricsEnabled: z.boolean().optional().meta({ description: 'Serve Felix Prometheus metrics.' }),
    prometheusMetricsPort: intInRange(1, 65535, 'Felix metrics port (upstream default 9091).').optional(),
    logSeverityScreen: z.enum(['Debug', 'Info', 'Warning', 'Error', 'Fatal']).optional().meta({ description: 'Felix log level.' }),
    extra: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({
        description:
          'Further FelixConfiguration spec fields the spec does not model, by their upstream names (e.g. bpfExternalServiceMode, natPortRange). Checked against the FelixConfiguration CRD schema; a field modelled above is refused (set the typed field instead). What these fields do is not checked further.',
      }),
  },
  'Felix (the per-node policy/data-plane agent) settings: FelixConfiguration `default`.',
);

export type ResolvedFelix = z.output<typeof felixSchema>;
