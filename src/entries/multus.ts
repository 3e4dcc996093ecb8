/** `cdk8s-cni/multus`: Multus, NetworkAttachmentDefinitions, CNI plugin and IPAM configs, and `attachNetworks`. */
export * from '../cni/multus/props';
export * from '../cni/multus/multus';
export * from '../cni/multus/crd';
export * from '../cni/multus/network-attachment-definition';
export * from '../cni/multus/cni-config';
export * from '../cni/multus/plugins';
export * from '../cni/multus/ipam';
export * from '../cni/multus/attach';
export * from '../cni/multus/whereabouts/props';
export * from '../cni/multus/whereabouts/whereabouts';
export * from '../cni/multus/linux-names';
export * from '../cni/multus/validate-network';
export * from '../cni/multus/address-ranges';
export type * from '../cni/multus/spec';
