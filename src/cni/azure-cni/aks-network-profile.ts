/**
 * AKS cluster networking from the same spec: the ManagedCluster `networkProfile` and the agent-pool networking fields,
 * plain data (no Pulumi) for `azure-native.containerservice.ManagedCluster`. Subnet IDs are the stack's to fill
 * (`vnetSubnetID` / `podSubnetID` on the agent pool): this function returns their CIDRs.
 */
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { Cidr } from '../../plan/cidr';
import { asAzureCniNetwork, azureRanges } from './network';

export interface AksAgentPoolNetworking {
  /** Agent pool `maxPods` (spec.pods.maxPerNode). */
  readonly maxPods: number;
  /** CIDR of the node subnet (`vnetSubnetID`). */
  readonly vnetSubnetCidr?: string;
  /** Dual-stack only: the IPv6 prefix (/64) of the node subnet, a second address prefix of the same subnet. */
  readonly vnetSubnetCidrIPv6?: string;
  /** CIDR of the pod subnet (`podSubnetID`, mode podsubnet). */
  readonly podSubnetCidr?: string;
  /** `podIPAllocationMode` (mode podsubnet). */
  readonly podIPAllocationMode?: 'DynamicIndividual' | 'StaticBlock';
}

/**
 * The ManagedCluster `networkProfile` fields this library sets, with AKS's literal values (the stacks check it against
 * the provider SDK's ContainerServiceNetworkProfileArgs with `satisfies`, no cast).
 */
export interface AksNetworkProfile {
  readonly networkPlugin: 'azure';
  readonly networkPluginMode?: 'overlay';
  readonly networkDataplane: 'azure' | 'cilium';
  readonly networkPolicy: 'none' | 'azure' | 'calico' | 'cilium';
  /** Overlay only: the IPv4 pod range. */
  readonly podCidr?: string;
  /** The IPv4 service range. */
  readonly serviceCidr: string;
  readonly dnsServiceIP: string;
  /** Dual-stack only: `['IPv4', 'IPv6']` (the only dual-stack order AKS takes). */
  readonly ipFamilies?: Array<'IPv4' | 'IPv6'>;
  /** Dual-stack only: one pod range per family, in ipFamilies order. */
  readonly podCidrs?: string[];
  /** Dual-stack only: one service range per family, in ipFamilies order. */
  readonly serviceCidrs?: string[];
}

/**
 * `networkProfile`: `networkPlugin` azure (this CNI type is always the azure plugin, so overlay ⇒ azure holds by
 * construction), `networkPluginMode` overlay, `networkDataplane`, `networkPolicy`, `podCidr` (overlay only),
 * `serviceCidr`, `dnsServiceIP`, and for dual-stack (overlay, validated) `ipFamilies` [IPv4, IPv6] with `podCidrs` and
 * `serviceCidrs` in that order. Throws when `spec.cni.type` is not azure-cni.
 */
export function aksNetworkProfile(network: ResolvedClusterNetwork): { networkProfile: AksNetworkProfile; agentPool: AksAgentPoolNetworking } {
  const n = asAzureCniNetwork(network, 'aksNetworkProfile');
  const c = n.spec.cni;
  const r = azureRanges(n);
  const canon = (t: string | undefined) => (t === undefined ? undefined : Cidr.of(t).toString());
  const families = n.spec.ipFamilies;
  const dualStack = families.includes('IPv6');
  const v4 = families.indexOf('IPv4');
  const networkProfile: AksNetworkProfile = {
    networkPlugin: 'azure',
    ...(c.mode === 'overlay' ? { networkPluginMode: 'overlay' as const } : {}),
    networkDataplane: c.dataplane,
    networkPolicy: c.networkPolicy,
    ...(c.mode === 'overlay' ? { podCidr: canon(r.podCidr) } : {}),
    serviceCidr: Cidr.of(n.spec.services.cidrs[v4]).toString(),
    dnsServiceIP: n.spec.services.dnsIP,
    ...(dualStack
      ? { ipFamilies: [...families], podCidrs: n.spec.pods.cidrs.map((t) => Cidr.of(t).toString()), serviceCidrs: n.spec.services.cidrs.map((t) => Cidr.of(t).toString()) }
      : {}),
  };
  const agentPool: AksAgentPoolNetworking = {
    maxPods: n.spec.pods.maxPerNode,
    ...(r.nodeSubnet !== undefined ? { vnetSubnetCidr: canon(r.nodeSubnet) } : {}),
    ...(r.nodeSubnetIPv6 !== undefined ? { vnetSubnetCidrIPv6: canon(r.nodeSubnetIPv6) } : {}),
    ...(c.mode === 'podsubnet' ? { podSubnetCidr: canon(r.podSubnet), podIPAllocationMode: c.podIPAllocationMode } : {}),
  };
  return { networkProfile, agentPool };
}
