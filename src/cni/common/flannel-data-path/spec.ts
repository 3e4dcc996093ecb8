/** The Flannel data-path settings of a spec: `cni.type: flannel` and Canal's `cni.flannel`. Leaf module: schema only. */
import { z } from 'zod';
import { intInRange, strictObject } from '../../../spec/zod-helpers';

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
      listenPort: intInRange(1, 65535, 'WireGuard UDP listen port of the IPv4 tunnel (ListenPort).').default(51820),
      listenPortV6: intInRange(1, 65535, 'WireGuard UDP listen port of the IPv6 tunnel (ListenPortV6), independent of listenPort.').default(51821),
      persistentKeepaliveInterval: intInRange(0, 65535, 'Keepalive interval in seconds (0 = off).').default(0),
    },
    'WireGuard backend options.',
  ).optional(),
};
