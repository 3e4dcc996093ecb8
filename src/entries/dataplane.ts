/// <reference types="node" preserve="true" />
/** `cdk8s-cni/dataplane`: runs the real CNI plugins in network namespaces to verify a synthesized config (Linux, root). */
export * from '../dataplane';
