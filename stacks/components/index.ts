/**
 * The Pulumi components of cdk8s-cni (package entry `cdk8s-cni/pulumi`): clusters whose networking comes from one
 * ClusterNetwork spec, and the spec's manifests on any cluster. Each checks everything before its first resource.
 */
export { AksCluster, type AksClusterArgs } from './aks-cluster';
export { EksCluster, EKS_WEBHOOK_PORTS, type EksClusterArgs } from './eks-cluster';
export { KubeadmCluster, type KubeadmClusterArgs } from './kubeadm-cluster';
export { ClusterNetworkManifests, partitionObjects, type ClusterNetworkManifestsArgs } from './manifests';
export { StackConfigError } from '../errors';
export type { AksClusterOptions, EksClusterOptions, KubeadmClusterOptions } from '../options';
export { runProgram, type ProgramOptions } from '../program';
