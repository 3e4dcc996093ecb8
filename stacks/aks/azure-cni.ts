/**
 * What the AKS stack needs from the network when the CNI is Azure CNI: the ManagedCluster networkProfile, the agent
 * pool fields and the subnet ranges, all from `src/` (`aksNetworkProfile`, `azureRanges`).
 */
import type * as azure from '@pulumi/azure-native';
import { aksNetworkProfile } from '../../src/cni/azure-cni/aks-network-profile';
import { asAzureCniNetwork, azureRanges } from '../../src/cni/azure-cni/network';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';

/** The networkProfile fields the plans set: exactly what the provider SDK accepts (checked with `satisfies`, no cast). */
export type AksProfile = azure.types.input.containerservice.ContainerServiceNetworkProfileArgs;

export interface AzureCniPlan {
  /** `ManagedCluster.networkProfile` (networkPlugin, mode, dataplane, policy, ranges). */
  readonly networkProfile: AksProfile;
  /** VNet address space. */
  readonly vnetCidrs: readonly string[];
  /** Agent pool settings: max pods and the subnets it draws node / pod addresses from. */
  readonly agentPool: { readonly maxPods: number; readonly vnetSubnetCidr?: string; readonly podSubnetCidr?: string; readonly podIPAllocationMode?: string };
}

/** The Azure CNI plan, or undefined when the network's CNI is not Azure CNI. */
export function azureCniPlan(network: ResolvedClusterNetwork): AzureCniPlan | undefined {
  if (network.spec.cni.type !== 'azure-cni') return undefined;
  const { networkProfile, agentPool } = aksNetworkProfile(network);
  return { networkProfile: networkProfile satisfies AksProfile, agentPool, vnetCidrs: azureRanges(asAzureCniNetwork(network, 'azureCniPlan')).vnet };
}
