/**
 * What the AKS stack needs from the network when the CNI is Azure CNI: the ManagedCluster networkProfile, the agent
 * pool fields and the subnet ranges, all from `src/` (`aksNetworkProfile`, `azureRanges`).
 */
import { aksNetworkProfile } from '../../src/cni/azure-cni/aks-network-profile';
import { asAzureCniNetwork, azureRanges } from '../../src/cni/azure-cni/network';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';

export interface AzureCniPlan {
  /** `ManagedCluster.networkProfile` (networkPlugin, mode, dataplane, policy, ranges). */
  readonly networkProfile: Record<string, unknown>;
  /** VNet address space. */
  readonly vnetCidrs: readonly string[];
  /** Agent pool settings: max pods and the subnets it draws node / pod addresses from. */
  readonly agentPool: { readonly maxPods: number; readonly vnetSubnetCidr?: string; readonly podSubnetCidr?: string; readonly podIPAllocationMode?: string };
}

/** The Azure CNI plan, or undefined when the network's CNI is not Azure CNI. */
export function azureCniPlan(network: ResolvedClusterNetwork): AzureCniPlan | undefined {
  if (network.spec.cni.type !== 'azure-cni') return undefined;
  const { networkProfile, agentPool } = aksNetworkProfile(network);
  return { networkProfile, agentPool, vnetCidrs: azureRanges(asAzureCniNetwork(network, 'azureCniPlan')).vnet };
}
