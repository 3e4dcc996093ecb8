/**
 * Every CNI the library supports, by `spec.cni.type`. The mapped type makes the compiler insist that each type in the
 * spec union (src/spec/cni-schema.ts) has a module here. Modules load on first use (`require` in the loader), so an
 * app or a CLI run pays only for the CNI its spec names.
 */
import type { CniType, ResolvedCni } from '../spec/cni-schema';
import type { CniModule } from './common/cni-module';

type ModuleTable = { readonly [K in CniType]: () => CniModule<Extract<ResolvedCni, { type: K }>> };

/* One line per CNI: `type: () => (require('./<cni>/module') as typeof import('./<cni>/module')).<cni>Module,` */
const MODULES: ModuleTable = {
  flannel: () => (require('./flannel/module') as typeof import('./flannel/module')).flannelModule,
  cilium: () => (require('./cilium/module') as typeof import('./cilium/module')).ciliumModule,
  weave: () => (require('./weave/module') as typeof import('./weave/module')).weaveModule,
  'aws-vpc-cni': () => (require('./aws-vpc-cni/module') as typeof import('./aws-vpc-cni/module')).awsVpcCniModule,
  'azure-cni': () => (require('./azure-cni/module') as typeof import('./azure-cni/module')).azureCniModule,
  calico: () => (require('./calico/module') as typeof import('./calico/module')).calicoModule,
  canal: () => (require('./canal/module') as typeof import('./canal/module')).canalModule,
  'kube-router': () => (require('./kube-router/module') as typeof import('./kube-router/module')).kubeRouterModule,
  antrea: () => (require('./antrea/module') as typeof import('./antrea/module')).antreaModule,
};

/** The module for a CNI type (loaded on the first call for that type). */
export function cniModuleFor(type: CniType): CniModule {
  return MODULES[type]() as unknown as CniModule;
}

/** All supported `spec.cni.type` values. */
export const CNI_TYPES = Object.keys(MODULES) as CniType[];
