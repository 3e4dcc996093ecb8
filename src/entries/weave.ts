/** `cdk8s-cni/weave`: the Weave Net construct and its props. */
export * from '../cni/weave/props';
export * from '../cni/weave/weave';
