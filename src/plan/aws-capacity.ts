/**
 * AWS VPC CNI subnet use per node and the headroom of the pod ranges (docs/cni/aws-vpc-cni.md states the formulas).
 *
 * Pod addresses per node: `podIPs = min(spec.pods.maxPerNode, maxPods) − 2` (the 2 host-network pods use none).
 * `WARM_IP_TARGET` and `MINIMUM_IP_TARGET` of 0 mean unset, as ipamd reads them (`getWarmIPTarget`: 0 is
 * `noWarmIPTarget`).
 * - Secondary IPs, warm ENI target (default): ipamd fills whole ENIs, so a node holds
 *   `min(enisForPods, ceil(podIPs / (IPs − 1)) + WARM_ENI_TARGET) × IPs` addresses (each ENI's primary included).
 * - Secondary IPs with WARM_IP_TARGET: `max(podIPs + WARM_IP_TARGET, MINIMUM_IP_TARGET)` secondary addresses plus one
 *   primary address per ENI that holds them.
 * - MINIMUM_IP_TARGET without WARM_IP_TARGET: ipamd's `datastoreTargetState` stops at MINIMUM_IP_TARGET addresses
 *   (README note 2), so the node holds exactly that pool and pods beyond it get no address (`addressedPods`).
 * - Prefix delegation: `ceil(podIPs / 16) + WARM_PREFIX_TARGET` /28 prefixes (or `ceil(wanted / 16)` with the IP
 *   targets above), plus one primary address per ENI.
 *
 * A subnet offers its size minus the 5 addresses AWS reserves. With prefix delegation only whole aligned /28 blocks
 * can be delegated, and the first and last /28 hold reserved addresses (`size − 32`). The single addresses a node
 * also holds (ENI primaries, secondary IPs of non-Nitro nodes) may sit anywhere: packed together they fill few /28s,
 * scattered each one spoils a whole /28. {@link awsSubnetNeed} gives both bounds: `needed` (the least the nodes
 * can take, so a subnet below it certainly runs out) and `worstCase` (every single address in its own /28, assuming
 * nothing else uses the subnet).
 */
import {
  enisForPods,
  maxPods,
  PREFIX_ADDRESSES,
  HOST_NETWORK_PODS,
  prefixDelegationApplies,
  type InstanceNetworkLimits,
} from './aws-max-pods';
import type { Cidr } from './cidr';
import { allocatableBlocks, RESERVED_EDGE_BLOCKS } from './subnet-blocks';

/** Delegated prefixes are /28s. */
export const PREFIX_PREFIX_LENGTH = 28;

/** Addresses AWS reserves in every subnet (network, router, DNS, future use, broadcast). */
export const AWS_RESERVED_PER_SUBNET = 5n;

/** Free single addresses in the first and last /28 of a subnet (they can never be delegated as prefixes). */
export const EDGE_BLOCK_FREE_ADDRESSES = RESERVED_EDGE_BLOCKS * BigInt(PREFIX_ADDRESSES) - AWS_RESERVED_PER_SUBNET;

export interface AwsIpamSettings {
  readonly prefixDelegation: boolean;
  readonly customNetworking: boolean;
  readonly warmEniTarget: number;
  readonly warmPrefixTarget: number;
  /** 0 means unset, as in ipamd. */
  readonly warmIpTarget?: number;
  /** 0 means unset, as in ipamd. */
  readonly minimumIpTarget?: number;
  readonly maxEni?: number;
  /** Security groups for pods: one ENI slot is kept for the trunk ENI. @default false */
  readonly podEni?: boolean;
}

/** How one node of an instance type uses the pod subnets. */
export interface AwsNodeAddressUse {
  /** Max pods (recommended, capped) for the type under these settings. */
  readonly maxPods: number;
  /** Pods the node runs: min(maxPerNode, maxPods). */
  readonly pods: number;
  /** Pods that get an address (host-network pods included): less than `pods` only when MINIMUM_IP_TARGET stops ipamd. */
  readonly addressedPods: number;
  /** ENIs holding pod addresses. */
  readonly enis: number;
  /** /28 prefixes the node holds (0 in secondary-IP mode). */
  readonly prefixes: number;
  /** Single addresses the node holds: ENI primaries and secondary IPs. */
  readonly singles: number;
  /** Subnet addresses the node holds: prefixes × 16 + singles. */
  readonly addresses: number;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);
/** True when ipamd sees the IP target as set: it reads 0 as unset (`noWarmIPTarget`, `noMinimumIPTarget`). */
export const ipTargetSet = (v: number | undefined): v is number => v !== undefined && v > 0;
const target = (v: number | undefined) => (ipTargetSet(v) ? v : undefined);

/** The pool ipamd keeps under the IP targets, or undefined when neither is set (warm ENI / prefix targets apply). */
function ipTargetPool(podIPs: number, s: AwsIpamSettings): { wanted: number; capped: boolean } | undefined {
  const warm = target(s.warmIpTarget);
  const minimum = target(s.minimumIpTarget);
  if (warm === undefined && minimum === undefined) return undefined;
  // Without WARM_IP_TARGET the pool stops at MINIMUM_IP_TARGET, whatever the pods need.
  if (warm === undefined) return { wanted: minimum as number, capped: true };
  return { wanted: Math.max(podIPs + warm, minimum ?? 0), capped: false };
}

/** Subnet addresses one node holds (see the module comment for the formulas). */
export function awsNodeAddressUse(limits: InstanceNetworkLimits, maxPerNode: number, s: AwsIpamSettings): AwsNodeAddressUse {
  const mp = maxPods({ limits, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni, podEni: s.podEni });
  const pods = Math.min(maxPerNode, mp);
  const podIPs = Math.max(0, pods - HOST_NETWORK_PODS);
  const perEni = limits.ipv4PerEni - 1;
  // 0 when MAX_ENI leaves no ENI for pods under custom networking (validation reports that at spec.cni.maxENI).
  const maxEnis = enisForPods(limits, s.customNetworking, s.maxEni, s.podEni);
  const pool = ipTargetPool(podIPs, s);
  const use = (enis: number, prefixes: number, singles: number, podAddresses: number) => ({
    maxPods: mp,
    pods,
    addressedPods: Math.min(pods, podAddresses + HOST_NETWORK_PODS),
    enis,
    prefixes,
    singles,
    addresses: prefixes * PREFIX_ADDRESSES + singles,
  });
  if (prefixDelegationApplies(limits, s.prefixDelegation)) {
    const prefixes = pool ? ceilDiv(pool.wanted, PREFIX_ADDRESSES) : ceilDiv(podIPs, PREFIX_ADDRESSES) + s.warmPrefixTarget;
    const enis = Math.min(maxEnis, Math.max(1, ceilDiv(prefixes, perEni)));
    const held = Math.min(prefixes, enis * perEni);
    return use(enis, held, enis, pool?.capped ? held * PREFIX_ADDRESSES : podIPs);
  }
  if (pool) {
    const secondary = Math.min(pool.wanted, maxEnis * perEni);
    const enis = Math.min(maxEnis, Math.max(1, ceilDiv(secondary, perEni)));
    return use(enis, 0, secondary + enis, pool.capped ? secondary : podIPs);
  }
  const enis = Math.min(maxEnis, ceilDiv(podIPs, perEni) + s.warmEniTarget);
  return use(enis, 0, enis * limits.ipv4PerEni, podIPs);
}

/** Addresses a pod subnet offers: size − 5 (secondary IPs) or size − 32 in whole /28 blocks (prefix delegation). */
export function awsSubnetCapacity(cidr: Cidr, prefixDelegation: boolean): bigint {
  if (prefixDelegation) return allocatableBlocks(cidr, PREFIX_PREFIX_LENGTH) * BigInt(PREFIX_ADDRESSES);
  return cidr.size > AWS_RESERVED_PER_SUBNET ? cidr.size - AWS_RESERVED_PER_SUBNET : 0n;
}

/** What `nodes` nodes need from a pod subnet, in the units {@link awsSubnetCapacity} offers. */
export interface AwsSubnetNeed {
  /** The least the nodes take: prefixes in whole /28s, single addresses packed (into the edge /28s first). */
  readonly needed: bigint;
  /** Every single address in a /28 of its own (prefix delegation; equals `needed` with secondary IPs). */
  readonly worstCase: bigint;
}

/** Both bounds of what `nodes` nodes with the given use need (see the module comment). */
export function awsSubnetNeed(use: Pick<AwsNodeAddressUse, 'prefixes' | 'singles' | 'addresses'>, nodes: number, prefixDelegation: boolean): AwsSubnetNeed {
  const n = BigInt(nodes);
  if (!prefixDelegation) {
    const needed = BigInt(use.addresses) * n;
    return { needed, worstCase: needed };
  }
  const block = BigInt(PREFIX_ADDRESSES);
  const strays = BigInt(use.singles) * n - EDGE_BLOCK_FREE_ADDRESSES;
  const packedBlocks = strays > 0n ? (strays + block - 1n) / block : 0n;
  return {
    needed: (BigInt(use.prefixes) * n + packedBlocks) * block,
    worstCase: BigInt(use.prefixes + use.singles) * n * block,
  };
}

/** The most nodes a subnet of `capacity` holds when each needs `need(nodes)` (need grows with nodes). */
export function maxNodesWithin(capacity: bigint, need: (nodes: number) => bigint, limit = 1_000_000): number {
  let lo = 0;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (need(mid) <= capacity) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Subnet headroom for `nodes` nodes of the given per-node use. */
export interface AwsHeadroom extends AwsSubnetNeed {
  readonly capacity: bigint;
  /** capacity − needed (negative when the subnets are certainly exhausted). */
  readonly headroom: bigint;
  /** capacity − worstCase (negative when scattered single addresses could exhaust them). */
  readonly worstCaseHeadroom: bigint;
  /** Nodes the pod ranges hold at this per-node use (by `needed`). */
  readonly maxNodes: number;
}

export function awsHeadroom(use: Pick<AwsNodeAddressUse, 'prefixes' | 'singles' | 'addresses'>, nodes: number, capacity: bigint, prefixDelegation: boolean): AwsHeadroom {
  const need = awsSubnetNeed(use, nodes, prefixDelegation);
  const maxNodes = use.addresses > 0 ? maxNodesWithin(capacity, (k) => awsSubnetNeed(use, k, prefixDelegation).needed) : 0;
  return { ...need, capacity, headroom: capacity - need.needed, worstCaseHeadroom: capacity - need.worstCase, maxNodes };
}
