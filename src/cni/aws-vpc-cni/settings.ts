/** `spec.cni` (type aws-vpc-cni) → aws-node settings. Every spec setting maps to its env var; `false` is kept. */
import type { NetworkWith } from '../common/cni-module';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import type { AwsVpcCniSettings, EniConfigProps } from './props';
import type { ResolvedAwsVpcCni } from './spec';

export type AwsVpcCniNetwork = NetworkWith<ResolvedAwsVpcCni>;

/** Narrows a resolved network to `spec.cni.type: aws-vpc-cni`, or throws (for the functions the stacks call). */
export function asAwsVpcCniNetwork(network: ResolvedClusterNetwork, caller: string): AwsVpcCniNetwork {
  if (network.spec.cni.type !== 'aws-vpc-cni') throw new Error(`${caller}: spec.cni.type is ${network.spec.cni.type}, expected aws-vpc-cni`);
  return network as AwsVpcCniNetwork;
}

/** The aws-node settings of a spec. `AWS_VPC_ENI_MTU` follows `spec.nodes.mtu` (the underlay MTU). */
export function awsVpcCniSettings(n: AwsVpcCniNetwork): AwsVpcCniSettings {
  const c = n.spec.cni;
  return {
    enablePrefixDelegation: c.prefixDelegation.enabled,
    warmPrefixTarget: c.prefixDelegation.warmPrefixTarget,
    warmEniTarget: c.warmENITarget,
    warmIpTarget: c.warmIPTarget,
    minimumIpTarget: c.minimumIPTarget,
    maxEni: c.maxENI,
    customNetworkConfig: c.customNetworking.enabled,
    eniConfigLabelDef: c.customNetworking.enabled ? c.customNetworking.eniConfigLabelDef : undefined,
    enablePodEni: c.podENI,
    podSecurityGroupEnforcingMode: c.podSecurityGroupEnforcingMode,
    disableTcpEarlyDemux: c.disableTcpEarlyDemux,
    externalSnat: c.externalSNAT,
    excludeSnatCidrs: c.excludeSnatCIDRs,
    randomizeSnat: c.randomizeSNAT,
    eniMtu: n.spec.nodes.mtu,
    nodePortSupport: c.nodePortSupport,
    vethPrefix: c.vethPrefix,
    enableNetworkPolicy: c.networkPolicy.enabled,
    networkPolicyEnforcingMode: c.networkPolicy.enforcingMode,
  };
}

/** The ENIConfigs of a spec (only with custom networking). */
export function awsEniConfigs(n: AwsVpcCniNetwork): EniConfigProps[] {
  const cn = n.spec.cni.customNetworking;
  if (!cn.enabled) return [];
  return cn.eniConfigs.map((e) => ({ name: e.name, subnet: e.subnet, securityGroups: e.securityGroups }));
}
