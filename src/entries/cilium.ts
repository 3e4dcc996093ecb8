/** `cdk8s-cni/cilium`: the Cilium construct, its props and CiliumNetworkPolicy. */
export * from '../cni/cilium/props';
export * from '../cni/cilium/cilium';
export * from '../cni/cilium/policy-types';
export * from '../cni/cilium/network-policy';
export type { CiliumAgent, CiliumAgentProps } from '../cni/cilium/agent-daemonset';
export type { CiliumEnvoy, CiliumEnvoyProps } from '../cni/cilium/envoy';
export type { CiliumOperator, CiliumOperatorProps } from '../cni/cilium/operator';
export type { ResolvedCiliumProps } from '../cni/cilium/defaults';
export type { ResolvedHubbleTlsAuto } from '../cni/cilium/defaults';
