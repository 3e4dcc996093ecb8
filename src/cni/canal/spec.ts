/** `spec.cni` when `type: canal`: Flannel's data path plus Calico's policy agent (Felix). Leaf module: schema only. */
import { z } from 'zod';
import { cniCommonShape, strictObject } from '../../spec/zod-helpers';
import { felixSchema } from '../common/calico-policy/spec';
import { flannelNetworkShape } from '../common/flannel-data-path/spec';

export const canalCniSchema = strictObject(
  {
    type: z.literal('canal'),
    ...cniCommonShape,
    flannel: strictObject(flannelNetworkShape, 'The Flannel data path (net-conf.json in canal-config).').default({ backend: 'vxlan' }),
    iface: z.string().default('').meta({ description: 'Interface flanneld uses between nodes (canal_iface); empty: the interface of the default route.' }),
    felix: felixSchema.optional(),
  },
  'Canal: Flannel networking (VXLAN by default) with Calico network policy (canal.yaml); node subnets from the Node podCIDR.',
);

export type CanalCniSpec = z.input<typeof canalCniSchema>;
export type ResolvedCanalCni = z.output<typeof canalCniSchema>;
