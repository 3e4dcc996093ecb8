/**
 * Azure subnet sizing (MicrosoftDocs azure-aks-docs `concepts-network-ip-address-planning.md`, ANCHORS.md §2.4), for
 * `nodes = spec.nodes.maxCount + maxSurge` nodes and the 5 addresses Azure reserves in every subnet:
 *
 *   vnet (node subnet holds nodes and pods):  nodes + nodes × maxPods + 5
 *   overlay:     node subnet nodes + 5;  podCidr holds one /24 per node → nodes × 256 (prefix 24 − ceil(log2 nodes))
 *   podsubnet:   node subnet nodes + 5;  pod subnet, DynamicIndividual: nodes × (maxPods + 16) + 5 (IPs come in
 *                batches of 16); StaticBlock: (nodes × ceil((maxPods + 1) / 16) + 2) × 16 (whole /28 blocks, one IP
 *                per node reserved; the first and last /28 of the subnet hold Azure's reserved addresses, see
 *                subnet-blocks.ts)
 *
 * The smallest prefix is the longest one whose block holds the addresses.
 */
import { smallestPrefixFor } from './cidr';
import { addressesForBlocks, RESERVED_EDGE_BLOCKS } from './subnet-blocks';

/** Addresses Azure reserves in every subnet (network, gateway, 2 DNS, broadcast). */
export const AZURE_RESERVED_PER_SUBNET = 5;
/** The fixed per-node pod block of Azure CNI Overlay. */
export const AKS_OVERLAY_NODE_PREFIX = 24;
/** Pod subnet addresses a DynamicIndividual node asks for at a time. */
export const AZURE_POD_IP_BATCH = 16;
/** The block a StaticBlock node takes from the pod subnet. */
export const AZURE_STATIC_BLOCK_PREFIX = 28;

export type AzureSizingMode = 'vnet' | 'overlay' | 'podsubnet';

export interface AzureSizingInput {
  readonly mode: AzureSizingMode;
  /** Node ceiling (spec.nodes.maxCount). */
  readonly maxCount: number;
  /** Surge nodes during upgrades. @default 1 */
  readonly maxSurge?: number;
  /** Pods per node (agent pool maxPods). */
  readonly maxPods: number;
  /** Pod subnet allocation (podsubnet mode). @default 'DynamicIndividual' */
  readonly podIPAllocationMode?: 'DynamicIndividual' | 'StaticBlock';
}

/** What one subnet (or the overlay podCidr) must hold. */
export interface SubnetRequirement {
  /** Addresses needed, Azure's 5 reserved included (for a podCidr: nodes × 256). */
  readonly addresses: number;
  /** The smallest prefix (largest prefix length) that holds them. */
  readonly prefix: number;
  /** The computation in words, for messages: `51 nodes × (1 + 30 pods) + 5 reserved`. */
  readonly formula: string;
}

export interface AzureSizing {
  /** Nodes the subnets must hold: maxCount + surge. */
  readonly nodes: number;
  readonly nodeSubnet: SubnetRequirement;
  /** podsubnet mode only. */
  readonly podSubnet?: SubnetRequirement;
  /** overlay mode only. */
  readonly podCidr?: SubnetRequirement;
}

function req(addresses: number, formula: string): SubnetRequirement {
  return { addresses, prefix: smallestPrefixFor('IPv4', BigInt(addresses)), formula };
}

/** Addresses needed and the smallest prefix per subnet, for every mode. */
export function azureSubnetSizing(input: AzureSizingInput): AzureSizing {
  const surge = input.maxSurge ?? 1;
  const nodes = input.maxCount + surge;
  const r = AZURE_RESERVED_PER_SUBNET;
  const nodesText = `${nodes} nodes (${input.maxCount} + ${surge} surge)`;
  const nodeOnly = req(nodes + r, `${nodesText} + ${r} reserved`);
  switch (input.mode) {
    case 'vnet':
      return { nodes, nodeSubnet: req(nodes + nodes * input.maxPods + r, `${nodesText} × (1 node + ${input.maxPods} pods) + ${r} reserved`) };
    case 'overlay': {
      const block = 2 ** (32 - AKS_OVERLAY_NODE_PREFIX);
      return { nodes, nodeSubnet: nodeOnly, podCidr: req(nodes * block, `${nodesText} × one /${AKS_OVERLAY_NODE_PREFIX} (${block} addresses)`) };
    }
    case 'podsubnet': {
      if (input.podIPAllocationMode === 'StaticBlock') {
        const size = 2 ** (32 - AZURE_STATIC_BLOCK_PREFIX);
        const blocks = Math.ceil((input.maxPods + 1) / size);
        const addresses = Number(addressesForBlocks(BigInt(nodes * blocks), AZURE_STATIC_BLOCK_PREFIX));
        const formula = `(${nodesText} × ${blocks} /28 blocks (ceil((${input.maxPods} pods + 1) / ${size})) + ${RESERVED_EDGE_BLOCKS} /28 holding the ${r} reserved) × ${size}`;
        return { nodes, nodeSubnet: nodeOnly, podSubnet: req(addresses, formula) };
      }
      const perNode = input.maxPods + AZURE_POD_IP_BATCH;
      return { nodes, nodeSubnet: nodeOnly, podSubnet: req(nodes * perNode + r, `${nodesText} × (${input.maxPods} pods + ${AZURE_POD_IP_BATCH} batch) + ${r} reserved`) };
    }
  }
}
