/** `cdk8s-cni/flannel`: the Flannel construct and its props (no other CNI is loaded). */
export * from '../cni/common/flannel-data-path/props';
export * from '../cni/common/flannel-data-path/net-conf';
export * from '../cni/flannel/props';
export * from '../cni/flannel/flannel';
