/** Resolved Azure ranges of a spec: VNet, node subnet, pod subnet, overlay podCidr. */
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import type { NetworkWith } from '../common/cni-module';
import type { ResolvedAzureCni } from './spec';

export type AzureCniNetwork = NetworkWith<ResolvedAzureCni>;

/** Narrows a resolved network to `spec.cni.type: azure-cni`, or throws (for the functions the stacks call). */
export function asAzureCniNetwork(network: ResolvedClusterNetwork, caller: string): AzureCniNetwork {
  if (network.spec.cni.type !== 'azure-cni') throw new Error(`${caller}: spec.cni.type is ${network.spec.cni.type}, expected azure-cni`);
  return network as AzureCniNetwork;
}

export interface AzureRanges {
  /** VNet address spaces: spec.cni.vnet.cidrs, else spec.nodes.cidrs. */
  readonly vnet: readonly string[];
  readonly vnetPath: string;
  /** Node subnet: spec.cni.nodeSubnet, else (mode vnet) spec.pods.cidrs[0], else spec.nodes.cidrs[0]. */
  readonly nodeSubnet?: string;
  readonly nodeSubnetPath: string;
  /** Pod subnet (mode podsubnet). */
  readonly podSubnet?: string;
  /** Overlay podCidr (mode overlay): spec.pods.cidrs[0]. */
  readonly podCidr?: string;
}

export function azureRanges(n: AzureCniNetwork): AzureRanges {
  const c = n.spec.cni;
  const vnet = c.vnet?.cidrs ?? n.spec.nodes.cidrs ?? [];
  const vnetPath = c.vnet ? 'spec.cni.vnet.cidrs' : 'spec.nodes.cidrs';
  const [nodeSubnet, nodeSubnetPath] =
    c.nodeSubnet !== undefined
      ? [c.nodeSubnet, 'spec.cni.nodeSubnet']
      : c.mode === 'vnet'
        ? [n.spec.pods.cidrs[0], 'spec.pods.cidrs[0]']
        : [n.spec.nodes.cidrs?.[0], 'spec.nodes.cidrs[0]'];
  return {
    vnet,
    vnetPath,
    nodeSubnet,
    nodeSubnetPath,
    podSubnet: c.mode === 'podsubnet' ? c.podSubnet : undefined,
    podCidr: c.mode === 'overlay' ? n.spec.pods.cidrs[0] : undefined,
  };
}
