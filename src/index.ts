/**
 * `cdk8s-cni`: the whole library (re-exports only). Each concern also has its own entry point (`cdk8s-cni/calico`,
 * `cdk8s-cni/plan`, … in src/entries/), so an app pays only for what it loads; CNI modules behind the registry load
 * on first use.
 */
export * from './entries/spec';
export * from './entries/plan';
export * from './cni/common/cni-module';
export * from './cni/common/images';
export * from './cni/common/versions';
export * from './cni/common/canonical-json';
export * from './cni/common/sync-waves';
export * from './cni/registry';
export * from './charts/cluster-network-chart';
export * from './synth';
export * from './entries/flannel';
export * from './entries/cilium';
export * from './entries/weave';
export * from './entries/calico';
export * from './entries/canal';
export * from './entries/aws-vpc-cni';
export * from './entries/azure-cni';
export * from './entries/kube-router';
export * from './entries/antrea';
export * from './entries/multus';
export * from './entries/kubeadm';
export * from './entries/dataplane';
export * from './entries/teardown';
export * from './entries/migrate';
