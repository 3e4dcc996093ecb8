/**
 * Every CNI the library supports, by `spec.cni.type`. The mapped type makes the compiler insist that each type in the
 * spec union (src/spec/cni-schema.ts) has a module here.
 */
import type { CniType, ResolvedCni } from '../spec/cni-schema';
import type { CniModule } from './common/cni-module';
import { ciliumModule } from './cilium/module';
import { awsVpcCniModule } from './aws-vpc-cni/module';
import { azureCniModule } from './azure-cni/module';
import { calicoModule } from './calico/module';
import { canalModule } from './canal/module';
import { flannelModule } from './flannel/module';
import { weaveModule } from './weave/module';
import { antreaModule } from './antrea/module';

type ModuleTable = { readonly [K in CniType]: CniModule<Extract<ResolvedCni, { type: K }>> };

const MODULES: ModuleTable = {
  flannel: flannelModule,
  cilium: ciliumModule,
  weave: weaveModule,
  'aws-vpc-cni': awsVpcCniModule,
  'azure-cni': azureCniModule,
  calico: calicoModule,
  canal: canalModule,
  antrea: antreaModule,
};

/** The module for a CNI type. */
export function cniModuleFor(type: CniType): CniModule {
  return MODULES[type] as unknown as CniModule;
}

/** All supported `spec.cni.type` values. */
export const CNI_TYPES = Object.keys(MODULES) as CniType[];
