/**
 * What the AKS stack needs from the network when the CNI is Azure CNI: the ManagedCluster networkProfile, the agent
 * pool fields and the subnet ranges, all from `src/`.
 */
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';

export interface AzureCniPlan {
  /** `ManagedCluster.networkProfile` (networkPlugin azure, mode, dataplane, policy, ranges). */
  readonly networkProfile: Record<string, unknown>;
  /** VNet address space. */
  readonly vnetCidrs: readonly string[];
  /** Agent pool settings: max pods and the subnets it draws node / pod addresses from. */
  readonly agentPool: { readonly maxPods: number; readonly vnetSubnetCidr?: string; readonly podSubnetCidr?: string };
}

/** The Azure CNI plan, or undefined when the network's CNI is not Azure CNI. */
export function azureCniPlan(network: ResolvedClusterNetwork): AzureCniPlan | undefined {
  void network;
  return undefined;
}
