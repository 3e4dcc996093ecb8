/** Resolved Azure ranges of a spec: VNet, node subnet, pod subnet, overlay podCidr. */
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import type { NetworkWith, UnderlayRanges } from '../common/cni-module';
import { networkOfType } from '../common/narrow';
import type { ResolvedAzureCni } from './spec';

export type AzureCniNetwork = NetworkWith<ResolvedAzureCni>;

/** Narrows a resolved network to `spec.cni.type: azure-cni`, or throws (for the functions the stacks call). */
export function asAzureCniNetwork(network: ResolvedClusterNetwork, caller: string): AzureCniNetwork {
  return networkOfType(network, 'azure-cni', caller);
}

/** The VNet, resolved once: `spec.cni.vnet.cidrs`, else `spec.nodes.cidrs` (the common checks read it through the module). */
export function azureVnet(n: AzureCniNetwork): UnderlayRanges {
  const vnet = n.spec.cni.vnet;
  return vnet ? { path: 'spec.cni.vnet.cidrs', cidrs: vnet.cidrs } : { path: 'spec.nodes.cidrs', cidrs: n.spec.nodes.cidrs, alternative: 'spec.cni.vnet.cidrs' };
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
  const vnet = azureVnet(n);
  const [nodeSubnet, nodeSubnetPath] =
    c.nodeSubnet !== undefined
      ? [c.nodeSubnet, 'spec.cni.nodeSubnet']
      : c.mode === 'vnet'
        ? [n.spec.pods.cidrs[0], 'spec.pods.cidrs[0]']
        : [n.spec.nodes.cidrs?.[0], 'spec.nodes.cidrs[0]'];
  return {
    vnet: vnet.cidrs ?? [],
    vnetPath: vnet.path,
    nodeSubnet,
    nodeSubnetPath,
    podSubnet: c.mode === 'podsubnet' ? c.podSubnet : undefined,
    podCidr: c.mode === 'overlay' ? n.spec.pods.cidrs[0] : undefined,
  };
}
