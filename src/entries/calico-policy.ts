/** Calico's shared policy data path (Calico and Canal): Felix, kube-controllers, CRDs and custom resources. */
export * from '../cni/common/crd-definition';
export * from '../cni/common/calico-policy/props';
export * from '../cni/common/calico-policy/resources';
export * from '../cni/common/calico-policy/custom-resource';
export * from '../cni/common/calico-policy/felix-configuration';
export * from '../cni/common/calico-policy/kube-controllers';
export { calicoCrdDefinitions } from '../cni/common/calico-policy/calico-crds';
