/** `spec.cni` (type aws-vpc-cni) → aws-node settings. Every spec setting maps to its env var; `false` is kept. */
import { Cidr } from '../../plan/cidr';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import type { NetworkWith } from '../common/cni-module';
import { networkOfType } from '../common/narrow';
import type { AwsVpcCniSettings, EniConfigProps } from './props';
import type { ResolvedAwsVpcCni } from './spec';

export type AwsVpcCniNetwork = NetworkWith<ResolvedAwsVpcCni>;

/** Narrows a resolved network to `spec.cni.type: aws-vpc-cni`, or throws (for the functions the stacks call). */
export function asAwsVpcCniNetwork(network: ResolvedClusterNetwork, caller: string): AwsVpcCniNetwork {
  return networkOfType(network, 'aws-vpc-cni', caller);
}

/**
 * The aws-node settings of a spec. `AWS_VPC_ENI_MTU` follows `spec.nodes.mtu` (the underlay MTU, 9001 when left
 * out); SNAT exclusions are written in canonical form.
 */
export function awsVpcCniSettings(n: AwsVpcCniNetwork): AwsVpcCniSettings {
  const c = n.spec.cni;
  return {
    enableIpv6: n.spec.ipFamilies[0] === 'IPv6',
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
    excludeSnatCidrs: c.excludeSnatCIDRs?.map((t) => Cidr.of(t).toString()),
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
