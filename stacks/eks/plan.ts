/**
 * The EKS stack's plan from the network and the stack config, as plain data (no Pulumi): zones, node groups, pod
 * subnets and prefix reservations. The stack builds resources from it; the config checks run it before any resource.
 */
import { prefixReservation, splitEvenly } from '../../src/plan/subnets';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import type { EksConfig, NodeGroupConfig } from '../options';
import type { VpcCniPlan } from './vpc-cni';

/** A managed node group to create. */
export interface NodeGroupPlan {
  readonly name: string;
  readonly instanceType: string;
  readonly desiredSize: number;
  readonly minSize: number;
  readonly maxSize: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: NonNullable<NodeGroupConfig['taints']>;
  readonly capacityType: NodeGroupConfig['capacityType'];
  readonly diskSize: number;
  /** A lower kubelet maxPods than the calculated one, if configured. */
  readonly maxPods?: number;
  readonly amiId?: string;
}

/** `total` split into `n` near-equal parts (the first ones one larger), summing to `total`. */
function share(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}

/**
 * The node groups: from config, or by default one group per instance type the network was planned for
 * (`spec.cni.nodeInstanceTypes` with the VPC CNI, else m5.large). Unset sizes share `spec.nodes.count` / `maxCount`
 * among the groups, so together they never exceed what the network is sized for.
 */
export function nodeGroupsFor(network: ResolvedClusterNetwork, eks: EksConfig, plan: VpcCniPlan | undefined): NodeGroupPlan[] {
  const { count, maxCount } = network.spec.nodes;
  const types = plan?.instanceTypes ?? ['m5.large'];
  const groups: Array<Partial<NodeGroupConfig> & { name: string; instanceType: string }> = eks.nodeGroups ?? types.map((t) => ({ name: t.replace(/\./g, '-'), instanceType: t }));
  return groups.map((g, i) => {
    const desiredSize = g.desiredSize ?? share(count, groups.length, i);
    const maxSize = g.maxSize ?? Math.max(share(maxCount, groups.length, i), desiredSize);
    const minSize = g.minSize ?? Math.min(desiredSize, maxSize);
    return {
      name: g.name,
      instanceType: g.instanceType,
      desiredSize,
      minSize,
      maxSize,
      labels: g.labels ?? {},
      taints: g.taints ?? [],
      capacityType: g.capacityType ?? 'ON_DEMAND',
      diskSize: g.diskSize ?? 50,
      maxPods: g.maxPods,
      amiId: g.amiId,
    };
  });
}

/** Zones of the cluster: `eks.availabilityZones`, else the VPC CNI spec's `availabilityZones`, else an existing VPC's subnet zones. */
export function eksZones(network: ResolvedClusterNetwork, eks: EksConfig): string[] {
  const cni = network.spec.cni;
  const fromSpec = cni.type === 'aws-vpc-cni' ? cni.availabilityZones : undefined;
  const fromVpc = eks.vpc ? [...new Set(eks.vpc.privateSubnets.map((s) => s.zone))] : undefined;
  return [...(eks.availabilityZones ?? fromSpec ?? fromVpc ?? [])];
}

/** Pod subnet per zone (custom networking): the ENIConfig's `cidr` for the zone, else an even split of the pod range. */
export function podSubnetCidrs(network: ResolvedClusterNetwork, zones: readonly string[], plan: VpcCniPlan): string[] {
  const split = splitEvenly(network.spec.pods.cidrs[0], zones.length);
  return zones.map((z, i) => plan.zonePodCidrs.get(z) ?? split[i]);
}

/**
 * Prefix-type CIDR reservations (prefix delegation): per pod subnet (custom networking) or private subnet, the block
 * that keeps /28 prefixes available for the zone's share of `maxCount` nodes at `maxPerNode` pods each.
 */
export function prefixReservations(network: ResolvedClusterNetwork, subnets: readonly { zone: string; cidr: string }[]): Array<{ zone: string; cidr: string }> {
  const nodesPerZone = BigInt(Math.ceil(network.spec.nodes.maxCount / subnets.length));
  const prefixesPerNode = BigInt(Math.ceil(network.spec.pods.maxPerNode / 16));
  return subnets.map((s) => {
    const r = prefixReservation(s.cidr, nodesPerZone * prefixesPerNode * 16n);
    if (typeof r === 'string') throw new Error(r);
    return { zone: s.zone, cidr: r.cidr };
  });
}

