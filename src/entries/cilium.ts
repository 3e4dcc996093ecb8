/** `cdk8s-cni/cilium`: the Cilium construct, its props and CiliumNetworkPolicy. */
export * from '../cni/cilium/props';
export * from '../cni/cilium/cilium';
export * from '../cni/cilium/policy-types';
export * from '../cni/cilium/network-policy';
