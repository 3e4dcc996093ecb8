/**
 * AWS VPC CNI subnet use per node and the headroom of the pod ranges (docs/ip-capacity.md states the formulas).
 *
 * Pod addresses per node: `podIPs = min(spec.pods.maxPerNode, maxPods) − 2` (the 2 host-network pods use none).
 * - Secondary IPs, warm ENI target (default): ipamd fills whole ENIs, so a node holds
 *   `min(enisForPods, ceil(podIPs / (IPs − 1)) + WARM_ENI_TARGET) × IPs` addresses (each ENI's primary included).
 * - Secondary IPs with WARM_IP_TARGET / MINIMUM_IP_TARGET: `max(podIPs + WARM_IP_TARGET, MINIMUM_IP_TARGET)` secondary
 *   addresses plus one primary address per ENI that holds them.
 * - Prefix delegation: `ceil(podIPs / 16) + WARM_PREFIX_TARGET` /28 prefixes (or `ceil(max(podIPs + WARM_IP_TARGET,
 *   MINIMUM_IP_TARGET) / 16)` with IP targets), × 16 addresses, plus one primary address per ENI.
 * A subnet offers its size minus the 5 addresses AWS reserves; for prefixes only whole aligned /28 blocks count, and
 * the first and last /28 hold reserved addresses, so a subnet offers `size − 32`.
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
import { allocatableBlocks } from './subnet-blocks';

/** Delegated prefixes are /28s. */
export const PREFIX_PREFIX_LENGTH = 28;

/** Addresses AWS reserves in every subnet (network, router, DNS, future use, broadcast). */
export const AWS_RESERVED_PER_SUBNET = 5n;

export interface AwsIpamSettings {
  readonly prefixDelegation: boolean;
  readonly customNetworking: boolean;
  readonly warmEniTarget: number;
  readonly warmPrefixTarget: number;
  readonly warmIpTarget?: number;
  readonly minimumIpTarget?: number;
  readonly maxEni?: number;
}

/** How one node of an instance type uses the pod subnets. */
export interface AwsNodeAddressUse {
  /** Max pods (recommended, capped) for the type under these settings. */
  readonly maxPods: number;
  /** Pods the node runs: min(maxPerNode, maxPods). */
  readonly pods: number;
  /** ENIs holding pod addresses. */
  readonly enis: number;
  /** Subnet addresses the node holds (pods, warm pool, ENI primaries). */
  readonly addresses: number;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/** Subnet addresses one node holds (see the module comment for the formulas). */
export function awsNodeAddressUse(limits: InstanceNetworkLimits, maxPerNode: number, s: AwsIpamSettings): AwsNodeAddressUse {
  const mp = maxPods({ limits, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni });
  const pods = Math.min(maxPerNode, mp);
  const podIPs = Math.max(0, pods - HOST_NETWORK_PODS);
  const perEni = limits.ipv4PerEni - 1;
  // 0 when MAX_ENI leaves no ENI for pods under custom networking (validation reports that at spec.cni.maxENI).
  const maxEnis = enisForPods(limits, s.customNetworking, s.maxEni);
  const ipTargets = s.warmIpTarget !== undefined || s.minimumIpTarget !== undefined;
  const wanted = Math.max(podIPs + (s.warmIpTarget ?? 0), s.minimumIpTarget ?? 0);
  if (prefixDelegationApplies(limits, s.prefixDelegation)) {
    const prefixes = ipTargets ? ceilDiv(wanted, PREFIX_ADDRESSES) : ceilDiv(podIPs, PREFIX_ADDRESSES) + s.warmPrefixTarget;
    const enis = Math.min(maxEnis, Math.max(1, ceilDiv(prefixes, perEni)));
    const held = Math.min(prefixes, enis * perEni);
    return { maxPods: mp, pods, enis, addresses: held * PREFIX_ADDRESSES + enis };
  }
  if (ipTargets) {
    const secondary = Math.min(wanted, maxEnis * perEni);
    const enis = Math.min(maxEnis, Math.max(1, ceilDiv(secondary, perEni)));
    return { maxPods: mp, pods, enis, addresses: secondary + enis };
  }
  const enis = Math.min(maxEnis, ceilDiv(podIPs, perEni) + s.warmEniTarget);
  return { maxPods: mp, pods, enis, addresses: enis * limits.ipv4PerEni };
}

/** Addresses a pod subnet offers: size − 5 (secondary IPs) or size − 32 in whole /28 blocks (prefix delegation). */
export function awsSubnetCapacity(cidr: Cidr, prefixDelegation: boolean): bigint {
  if (prefixDelegation) return allocatableBlocks(cidr, PREFIX_PREFIX_LENGTH) * BigInt(PREFIX_ADDRESSES);
  return cidr.size > AWS_RESERVED_PER_SUBNET ? cidr.size - AWS_RESERVED_PER_SUBNET : 0n;
}

/** Subnet headroom for `nodes` nodes of the given per-node use. */
export interface AwsHeadroom {
  readonly needed: bigint;
  readonly capacity: bigint;
  /** capacity − needed (negative when the subnets are exhausted). */
  readonly headroom: bigint;
  /** Nodes the pod ranges hold at this per-node use. */
  readonly maxNodes: bigint;
}

export function awsHeadroom(perNode: number, nodes: number, capacity: bigint): AwsHeadroom {
  const needed = BigInt(perNode) * BigInt(nodes);
  return { needed, capacity, headroom: capacity - needed, maxNodes: perNode > 0 ? capacity / BigInt(perNode) : 0n };
}
