/** `cdk8s-cni/migrate`: the runbook for moving a running cluster from one CNI to another. */
export * from '../migrate';
