/** `cdk8s-cni/teardown`: what to remove from nodes when a CNI is uninstalled. */
export * from '../teardown';
export type { KubeObject } from '../synth';
