/** `spec.cni` when `type: flannel` (and the `flannel` block of Canal). Leaf module: schema only. */
import { z } from 'zod';
import { cniCommonShape, strictObject } from '../../spec/zod-helpers';
import { flannelNetworkShape } from '../common/flannel-data-path/spec';

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
