/** `cdk8s-cni/kube-router`: the kube-router construct and its props (no other CNI is loaded). */
export * from '../cni/kube-router/props';
export * from '../cni/kube-router/kube-router';
