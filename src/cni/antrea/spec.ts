/**
 * `spec.cni` when `type: antrea`. Leaf module: schema only. Field names follow antrea-agent.conf /
 * antrea-controller.conf of Antrea v2.7.0 (build/charts/antrea/conf).
 */
import { z } from 'zod';
import { cidrString, cniCommonShape, intInRange, secretKeyRef, strictObject } from '../../spec/zod-helpers';

/** `trafficEncapMode` values antrea-agent accepts (pkg/agent/config/traffic_encap_mode.go). */
export const antreaTrafficEncapModes = ['encap', 'noEncap', 'hybrid', 'networkPolicyOnly'] as const;
/** `tunnelType` values antrea-agent accepts. */
export const antreaTunnelTypes = ['geneve', 'vxlan', 'gre', 'stt'] as const;
/** `trafficEncryptionMode` values antrea-agent accepts. */
export const antreaEncryptionModes = ['none', 'ipsec', 'wireGuard'] as const;

/** `spec.cni.ipsec`: the IPsec pre-shared key, as a Secret reference only. */
export const antreaIpsecSchema = strictObject(
  {
    pskSecret: secretKeyRef('The IPsec pre-shared key: a reference to a key of a Secret in kube-system (set as ANTREA_IPSEC_PSK on the agent), never the key itself.', {
      what: 'IPsec pre-shared key',
      namespace: 'kube-system',
      fields: 'name+key',
    }),
  },
  'IPsec (trafficEncryptionMode ipsec, PSK authentication as antrea-ipsec.yml).',
);

/** `spec.cni.antreaProxy`: AntreaProxy settings. */
export const antreaProxySchema = strictObject(
  {
    enable: z.boolean().default(true).meta({ description: 'antreaProxy.enable: Antrea serves ClusterIP Services in OVS (required by noEncap, hybrid and networkPolicyOnly).' }),
    proxyAll: z
      .boolean()
      .default(false)
      .meta({ description: 'antreaProxy.proxyAll: also NodePort, LoadBalancer and host traffic, so kube-proxy is not installed (needs kubeAPIServerOverride).' }),
    skipServices: z.array(z.string().min(1)).default([]).meta({ description: 'antreaProxy.skipServices: `namespace/name` Services (or bare ClusterIPs) AntreaProxy ignores.' }),
  },
  'AntreaProxy.',
);

/** `spec.cni.nodeIPAM`: Antrea's own node IPAM (instead of kube-controller-manager's). */
export const antreaNodeIpamSchema = strictObject(
  {
    enable: z.boolean().default(false).meta({ description: 'nodeIPAM.enableNodeIPAM: antrea-controller allocates Node podCIDRs (kube-controller-manager then must not: kubeadm gets --allocate-node-cidrs=false).' }),
    clusterCIDRs: z
      .array(cidrString('A range the controller splits into per-node blocks (at most one per IP family).'))
      .min(1)
      .max(2)
      .optional()
      .meta({ description: 'nodeIPAM.clusterCIDRs. Default: spec.pods.cidrs.' }),
  },
  'Antrea NodeIPAM (per-node pod ranges allocated by antrea-controller; masks from spec.pods.nodeMaskSize / nodeMaskSizeIPv6).',
);

/** `spec.cni` when `type: antrea`. */
export const antreaCniSchema = strictObject(
  {
    type: z.literal('antrea'),
    ...cniCommonShape,
    trafficEncapMode: z
      .enum(antreaTrafficEncapModes)
      .default('encap')
      .meta({ description: 'trafficEncapMode: encap (overlay), noEncap (routed by the underlay), hybrid (overlay only across subnets), networkPolicyOnly (policy only, chained after another CNI).' }),
    tunnelType: z.enum(antreaTunnelTypes).default('geneve').meta({ description: 'tunnelType (encap and hybrid). GRE carries IPv4 only.' }),
    tunnelPort: intInRange(1, 65535, 'tunnelPort. Default: the IANA port of the tunnel type (Geneve 6081/udp, VXLAN 4789/udp, STT 7471/tcp).').optional(),
    trafficEncryptionMode: z.enum(antreaEncryptionModes).default('none').meta({ description: 'trafficEncryptionMode between nodes (encap mode only).' }),
    ipsec: antreaIpsecSchema.optional(),
    wireGuardPort: intInRange(1, 65535, 'wireGuard.port (trafficEncryptionMode wireGuard).').default(51820),
    noSNAT: z.boolean().default(false).meta({ description: 'noSNAT: do not masquerade pod traffic leaving the cluster (noEncap only; the underlay must route pod addresses).' }),
    antreaProxy: antreaProxySchema.default({ enable: true, proxyAll: false, skipServices: [] }),
    kubeAPIServerOverride: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'kubeAPIServerOverride (agent and controller): the API server as `host`, `host:port` or `https://host:port`, bypassing the kubernetes Service; required with antreaProxy.proxyAll.' }),
    nodeIPAM: antreaNodeIpamSchema.default({ enable: false }),
    featureGates: z
      .record(z.string(), z.boolean())
      .default({})
      .meta({ description: 'featureGates, written into antrea-agent.conf and/or antrea-controller.conf as the chart does (each file gets the gates its component has).' }),
  },
  'Antrea: Open vSwitch data path (Geneve/VXLAN/GRE/STT overlay, noEncap, hybrid or policy-only), AntreaProxy, IPsec/WireGuard and Antrea-native tiered policy.',
);

/** `spec.cni` for Antrea as written. */
export type AntreaCniSpec = z.input<typeof antreaCniSchema>;
/** `spec.cni` for Antrea with defaults applied. */
export type ResolvedAntreaCni = z.output<typeof antreaCniSchema>;
