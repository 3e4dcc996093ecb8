/** Resolved Azure ranges of a spec: VNet, node subnet, pod subnet, overlay podCidr. */
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { Cidr } from '../../plan/cidr';
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
  /** Node subnet: spec.cni.nodeSubnet, else (mode vnet) spec.pods.cidrs[0], else the first IPv4 range of spec.nodes.cidrs. */
  readonly nodeSubnet?: string;
  readonly nodeSubnetPath: string;
  /** IPv6 node subnet (dual-stack): spec.cni.nodeSubnetIPv6, else the first /64 of the first IPv6 VNet range. */
  readonly nodeSubnetIPv6?: string;
  readonly nodeSubnetIPv6Path: string;
  /** Pod subnet (mode podsubnet). */
  readonly podSubnet?: string;
  /** Overlay podCidr (mode overlay): spec.pods.cidrs[0]. */
  readonly podCidr?: string;
}

/** Azure's only IPv6 subnet size. */
export const AZURE_IPV6_SUBNET_PREFIX = 64;

/** The first IPv4 range of spec.nodes.cidrs (the whole IPv4 VNet as node subnet) with its path; [0] when none parses. */
function firstIpv4Node(cidrs: readonly string[] | undefined): [string | undefined, string] {
  const i = (cidrs ?? []).findIndex((t) => {
    const c = Cidr.parse(t);
    return typeof c !== 'string' && c.family === 'IPv4';
  });
  return i < 0 ? [cidrs?.[0], 'spec.nodes.cidrs[0]'] : [cidrs?.[i], `spec.nodes.cidrs[${i}]`];
}

/** The first /64 of the first IPv6 VNet range that holds one, as the default IPv6 node subnet. */
function firstIpv6Subnet(vnet: readonly string[]): string | undefined {
  for (const text of vnet) {
    const c = Cidr.parse(text);
    if (typeof c !== 'string' && c.family === 'IPv6' && c.prefix <= AZURE_IPV6_SUBNET_PREFIX) return `${c.nth(0n)}/${AZURE_IPV6_SUBNET_PREFIX}`;
  }
  return undefined;
}

export function azureRanges(n: AzureCniNetwork): AzureRanges {
  const c = n.spec.cni;
  const vnet = azureVnet(n);
  const [nodeSubnet, nodeSubnetPath] =
    c.nodeSubnet !== undefined
      ? [c.nodeSubnet, 'spec.cni.nodeSubnet']
      : c.mode === 'vnet'
        ? [n.spec.pods.cidrs[0], 'spec.pods.cidrs[0]']
        : firstIpv4Node(n.spec.nodes.cidrs);
  const dual = n.spec.ipFamilies.includes('IPv6');
  return {
    vnet: vnet.cidrs ?? [],
    vnetPath: vnet.path,
    nodeSubnet,
    nodeSubnetPath,
    nodeSubnetIPv6: dual ? (c.nodeSubnetIPv6 ?? firstIpv6Subnet(vnet.cidrs ?? [])) : undefined,
    nodeSubnetIPv6Path: 'spec.cni.nodeSubnetIPv6',
    podSubnet: c.mode === 'podsubnet' ? c.podSubnet : undefined,
    podCidr: c.mode === 'overlay' ? n.spec.pods.cidrs[n.spec.ipFamilies.indexOf('IPv4')] : undefined,
  };
}
