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
  /** Overlay only: the pod range. */
  readonly podCidr?: string;
  readonly serviceCidr: string;
  readonly dnsServiceIP: string;
}

/**
 * `networkProfile`: `networkPlugin` azure (this CNI type is always the azure plugin, so overlay ⇒ azure holds by
 * construction), `networkPluginMode` overlay, `networkDataplane`, `networkPolicy`, `podCidr` (overlay only),
 * `serviceCidr`, `dnsServiceIP`. Throws when `spec.cni.type` is not azure-cni.
 */
export function aksNetworkProfile(network: ResolvedClusterNetwork): { networkProfile: AksNetworkProfile; agentPool: AksAgentPoolNetworking } {
  const n = asAzureCniNetwork(network, 'aksNetworkProfile');
  const c = n.spec.cni;
  const r = azureRanges(n);
  const canon = (t: string | undefined) => (t === undefined ? undefined : Cidr.of(t).toString());
  const networkProfile: AksNetworkProfile = {
    networkPlugin: 'azure',
    ...(c.mode === 'overlay' ? { networkPluginMode: 'overlay' as const } : {}),
    networkDataplane: c.dataplane,
    networkPolicy: c.networkPolicy,
    ...(c.mode === 'overlay' ? { podCidr: canon(r.podCidr) } : {}),
    serviceCidr: Cidr.of(n.spec.services.cidrs[0]).toString(),
    dnsServiceIP: n.spec.services.dnsIP,
  };
  const agentPool: AksAgentPoolNetworking = {
    maxPods: n.spec.pods.maxPerNode,
    ...(r.nodeSubnet !== undefined ? { vnetSubnetCidr: canon(r.nodeSubnet) } : {}),
    ...(c.mode === 'podsubnet' ? { podSubnetCidr: canon(r.podSubnet), podIPAllocationMode: c.podIPAllocationMode } : {}),
  };
  return { networkProfile, agentPool };
}
