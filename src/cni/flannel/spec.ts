/** `spec.cni` when `type: flannel` (and the `flannel` block of Canal). Leaf module: schema only. */
import { z } from 'zod';
import { cniCommonShape, intInRange, strictObject } from '../../spec/zod-helpers';

export const flannelBackendSchema = z.enum(['vxlan', 'host-gw', 'wireguard']).meta({ description: 'Flannel backend (Backend.Type in net-conf.json).' });

/** The Flannel data-path settings; shared by `cni.type: flannel` and Canal's `cni.flannel`. */
export const flannelNetworkShape = {
  backend: flannelBackendSchema.default('vxlan'),
  vxlan: strictObject(
    {
      vni: intInRange(0, 16777215, 'VXLAN network identifier.').default(1),
      port: intInRange(1, 65535, 'UDP port for VXLAN (kernel default 8472).').default(8472),
      directRouting: z.boolean().default(false).meta({ description: 'Route directly (host-gw style) between nodes on the same subnet.' }),
    },
    'VXLAN backend options.',
  ).optional(),
  wireguard: strictObject(
    {
      listenPort: intInRange(1, 65535, 'WireGuard UDP listen port.').default(51820),
      persistentKeepaliveInterval: intInRange(0, 65535, 'Keepalive interval in seconds (0 = off).').default(0),
    },
    'WireGuard backend options.',
  ).optional(),
};

export const flannelCniSchema = strictObject(
  {
    type: z.literal('flannel'),
    ...cniCommonShape,
    ...flannelNetworkShape,
    enableNFTables: z.boolean().default(false).meta({ description: 'Masquerade with nftables instead of iptables (EnableNFTables).' }),
  },
  'Flannel: a simple overlay (VXLAN) or host-gw / WireGuard data path, with node subnets from the Kubernetes node podCIDR.',
);

export type FlannelCniSpec = z.input<typeof flannelCniSchema>;
export type ResolvedFlannelCni = z.output<typeof flannelCniSchema>;
