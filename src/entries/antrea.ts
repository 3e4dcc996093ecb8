/** `cdk8s-cni/antrea`: the Antrea construct, its props and Antrea-native policy constructs (no other CNI is loaded). */
export * from '../cni/antrea/index';
