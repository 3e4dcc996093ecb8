/**
 * The EKS stack's plan from the network and the stack config, as plain data (no Pulumi): zones, node groups, pod
 * subnets and prefix reservations. The stack builds resources from it; the config checks run it before any resource.
 */
import { prefixReservation, splitEvenly } from '../../src/plan/subnets';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import type { EksConfig } from '../config';
import type { VpcCniPlan } from './vpc-cni';

/** A managed node group to create. */
export interface NodeGroupPlan {
  readonly name: string;
  readonly instanceType: string;
  readonly desiredSize: number;
  readonly minSize: number;
  readonly maxSize: number;
}

/**
 * The node groups: from config, or by default one group per instance type the network was planned for
 * (`spec.cni.nodeInstanceTypes` with the VPC CNI, else m5.large), sharing `spec.nodes.count` / `maxCount`.
 */
export function nodeGroupsFor(network: ResolvedClusterNetwork, eks: EksConfig, plan: VpcCniPlan | undefined): NodeGroupPlan[] {
  const { count, maxCount } = network.spec.nodes;
  const types = plan?.instanceTypes ?? ['m5.large'];
  const groups = eks.nodeGroups ?? types.map((t) => ({ name: t.replace(/\./g, '-'), instanceType: t, desiredSize: Math.ceil(count / types.length), maxSize: Math.ceil(maxCount / types.length) }));
  return groups.map((g) => {
    const desiredSize = g.desiredSize ?? count;
    const maxSize = g.maxSize ?? Math.max(maxCount, desiredSize);
    const minSize = 'minSize' in g && g.minSize !== undefined ? g.minSize : Math.min(desiredSize, maxSize);
    return { name: g.name, instanceType: g.instanceType, desiredSize, minSize, maxSize };
  });
}

/** Zones of the cluster: `eks.availabilityZones`, else the VPC CNI spec's `availabilityZones`. */
export function eksZones(network: ResolvedClusterNetwork, eks: EksConfig): string[] {
  const cni = network.spec.cni;
  return [...(eks.availabilityZones ?? (cni.type === 'aws-vpc-cni' ? (cni.availabilityZones ?? []) : []))];
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

