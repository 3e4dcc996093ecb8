/**
 * `spec.cni`: a union discriminated on `type`. Each CNI owns its schema in `src/cni/<type>/spec.ts`; adding a CNI
 * means adding its schema here and its module in `src/cni/registry.ts`.
 */
import { z } from 'zod';
import { ciliumCniSchema } from '../cni/cilium/spec';
import { awsVpcCniSchema } from '../cni/aws-vpc-cni/spec';
import { azureCniSchema } from '../cni/azure-cni/spec';
import { calicoCniSchema } from '../cni/calico/spec';
import { canalCniSchema } from '../cni/canal/spec';
import { flannelCniSchema } from '../cni/flannel/spec';
import { weaveCniSchema } from '../cni/weave/spec';
import { kubeRouterCniSchema } from '../cni/kube-router/spec';
import { antreaCniSchema } from '../cni/antrea/spec';

export const cniSchema = z
  .discriminatedUnion('type', [flannelCniSchema, calicoCniSchema, canalCniSchema, awsVpcCniSchema, azureCniSchema, ciliumCniSchema, weaveCniSchema, kubeRouterCniSchema, antreaCniSchema])
  .meta({ description: 'The primary CNI and its settings; `type` selects the plugin.' });

export type CniSpec = z.input<typeof cniSchema>;
export type ResolvedCni = z.output<typeof cniSchema>;
/** The `type` values of every CNI this library supports. */
export type CniType = ResolvedCni['type'];
