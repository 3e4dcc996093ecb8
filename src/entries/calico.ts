/** `cdk8s-cni/calico`: the Calico construct, IP pools, BGP, Calico network policies and Typha. */
export * from './calico-policy';
export * from '../cni/calico/props';
export * from '../cni/calico/calico';
export * from '../cni/calico/ip-pool';
export * from '../cni/calico/bgp-configuration';
export * from '../cni/calico/bgp-peer';
export * from '../cni/calico/bgp-filter';
export { type CalicoIpAutodetectionMethod } from '../cni/calico/ip-autodetection';
export { calicoNodeConfigScript, type CalicoNodeConfigTool } from '../cni/calico/node-config';
export * from '../cni/calico/policy-rule';
export * from '../cni/calico/global-network-policy';
export * from '../cni/calico/network-policy';
export * from '../cni/calico/typha';
export type { IPAMConfigSpec } from '../cni/calico/ipam-config';
