/** AWS VPC CNI capacity checks: instance types, ENIs left for pods, max pods, the IP-target pool, subnet headroom. */
import type { IssueCollector } from '../../spec/issues';
import { CAP_VCPU_THRESHOLD, enisForPods, HOST_NETWORK_PODS, recommendedCap, type InstanceNetworkLimits } from '../../plan/aws-max-pods';
import { AWS_RESERVED_PER_SUBNET, awsNodeAddressUse, ipTargetSet, PREFIX_PREFIX_LENGTH } from '../../plan/aws-capacity';
import { smallestPrefixFor } from '../../plan/cidr';
import { addressesForBlocks } from '../../plan/subnet-blocks';
import { fmt } from '../common/format';
import { awsIpamSettings, awsIpv6, awsMaxPods, awsSubnetShares, nodeTypeLimits, type AwsSubnetShare } from './plan';
import { AWS_RULES as R } from './rules';
import type { AwsVpcCniNetwork } from './settings';


interface KnownType {
  readonly type: string;
  readonly index: number;
  readonly limits: InstanceNetworkLimits;
}

/** Instance types: known limits, Nitro for IPv6, the prefix delegation fallback of non-Nitro types. */
function knownTypes(n: AwsVpcCniNetwork, issues: IssueCollector): KnownType[] {
  const known: KnownType[] = [];
  for (const t of nodeTypeLimits(n)) {
    const path = `spec.cni.nodeInstanceTypes[${t.index}]`;
    if (!t.limits) {
      issues.report(R.unknownInstanceType, path, { type: t.type });
      continue;
    }
    if (!t.limits.nitro && awsIpv6(n)) {
      issues.report(R.ipv6NeedsNitro, path, { type: t.type });
      continue;
    }
    if (!t.limits.nitro && n.spec.cni.prefixDelegation.enabled) issues.report(R.prefixDelegationNonNitro, path, { type: t.type, maxPods: awsMaxPods(n, t.limits) });
    known.push({ type: t.type, index: t.index, limits: t.limits });
  }
  return known;
}

function checkEnisLeft(n: AwsVpcCniNetwork, known: readonly KnownType[], issues: IssueCollector): boolean {
  if (awsIpv6(n)) return true;
  const s = awsIpamSettings(n);
  const noEni = known.find((k) => enisForPods(k.limits, s.customNetworking, s.maxEni, s.podEni) === 0);
  if (!noEni) return true;
  const reasons = [...(s.customNetworking ? ['custom networking: the primary ENI carries none'] : []), ...(s.podEni ? ['security groups for pods: ipamd keeps a slot for the trunk ENI'] : [])].join('; ');
  const kept = (s.customNetworking ? 1 : 0) + (s.podEni ? 1 : 0);
  const byMaxEni = s.maxEni !== undefined && s.maxEni < noEni.limits.enis;
  issues.report(R.noEniForPods, byMaxEni ? 'spec.cni.maxENI' : `spec.cni.nodeInstanceTypes[${noEni.index}]`, {
    what: byMaxEni ? `${s.maxEni}` : `${noEni.type} has ${noEni.limits.enis} ENI(s) and`,
    allowed: byMaxEni ? `at least ${kept + 1}` : `a type with at least ${kept + 1} ENIs`,
    reasons,
  });
  return false;
}

function checkMaxPods(n: AwsVpcCniNetwork, known: readonly KnownType[], issues: IssueCollector): boolean {
  // Reject only what a node cannot address (the calculator's --show-max-allowed); the recommended cap is a warning.
  const mp = known.map((k) => ({ ...k, max: awsMaxPods(n, k.limits, { cap: false }) }));
  const lowest = mp.reduce((a, b) => (b.max < a.max ? b : a));
  const maxPerNode = n.spec.pods.maxPerNode;
  if (maxPerNode > lowest.max) {
    const c = n.spec.cni;
    const pd = c.prefixDelegation.enabled && lowest.limits.nitro;
    const mode = [pd ? 'prefix delegation' : 'secondary IPs', ...(c.customNetworking.enabled ? ['custom networking'] : []), ...(c.podENI ? ['a trunk ENI slot'] : [])].join(', ');
    issues.report(R.maxPodsAboveAddresses, 'spec.pods.maxPerNode', { maxPerNode, max: lowest.max, type: lowest.type, enis: lowest.limits.enis, ipv4PerEni: lowest.limits.ipv4PerEni, mode });
    return false;
  }
  for (const t of mp) {
    const recommended = recommendedCap(t.limits);
    if (maxPerNode > recommended && recommended < t.max) {
      const vcpus = t.limits.vcpus <= CAP_VCPU_THRESHOLD ? `≤ ${CAP_VCPU_THRESHOLD} vCPUs` : `> ${CAP_VCPU_THRESHOLD} vCPUs`;
      issues.report(R.maxPodsAboveRecommended, 'spec.pods.maxPerNode', { maxPerNode, recommended, type: t.type, vcpus, raw: Number.isFinite(t.max) ? String(t.max) : 'any number (IPv6)' });
    }
  }
  return true;
}

/** MINIMUM_IP_TARGET without WARM_IP_TARGET: the type whose pods lose the most addresses, with the numbers. */
function checkMinimumWithoutWarm(n: AwsVpcCniNetwork, known: readonly KnownType[], issues: IssueCollector): void {
  const c = n.spec.cni;
  if (awsIpv6(n) || ipTargetSet(c.warmIPTarget) || !ipTargetSet(c.minimumIPTarget)) return;
  const s = awsIpamSettings(n);
  const short = known
    .map((k) => ({ ...k, use: awsNodeAddressUse(k.limits, n.spec.pods.maxPerNode, s) }))
    .filter((k) => k.use.addressedPods < k.use.pods)
    .sort((a, b) => b.use.pods - b.use.addressedPods - (a.use.pods - a.use.addressedPods))[0];
  if (!short) return;
  issues.report(R.minimumIpTargetWithoutWarm, 'spec.cni.minimumIPTarget', {
    minimum: c.minimumIPTarget ?? 0,
    pool: short.use.addressedPods - HOST_NETWORK_PODS,
    type: short.type,
    addressed: short.use.addressedPods,
    pods: short.use.pods,
    maxPerNode: n.spec.pods.maxPerNode,
  });
}

function checkSubnetShares(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const pd = n.spec.cni.prefixDelegation.enabled;
  const spread = (sh: AwsSubnetShare) => (sh.subnets > 1 ? `its share of the nodes (${sh.nodes} of spec.nodes.maxCount ${n.spec.nodes.maxCount}, spread over ${sh.subnets} pod subnets)` : `spec.nodes.maxCount ${sh.nodes} nodes`);
  const prefixFor = (needed: bigint) => (pd ? smallestPrefixFor('IPv4', addressesForBlocks(needed / 16n, PREFIX_PREFIX_LENGTH)) : smallestPrefixFor('IPv4', needed + AWS_RESERVED_PER_SUBNET));
  for (const sh of awsSubnetShares(n)) {
    if (sh.headroom < 0n) {
      issues.report(R.subnetExhausted, sh.path, {
        cidr: sh.cidr.toString(),
        capacity: fmt(sh.capacity),
        spread: spread(sh),
        perNode: sh.perNode,
        type: sh.type,
        needed: fmt(sh.needed),
        prefix: prefixFor(sh.needed),
        maxNodes: fmt(sh.maxNodesInAll),
      });
    } else if (sh.worstCaseHeadroom < 0n) {
      issues.report(R.subnetFragmentation, sh.path, {
        cidr: sh.cidr.toString(),
        capacity: fmt(sh.capacity),
        worstCase: fmt(sh.worstCase),
        nodes: sh.nodes,
        type: sh.type,
        prefix: prefixFor(sh.worstCase),
        maxNodes: fmt(sh.maxNodesInAllWorstCase),
      });
    }
  }
}

/** Capacity checks; run after the shape and custom networking checks passed. */
export function validateCapacity(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const known = knownTypes(n, issues);
  if (!issues.ok || known.length === 0) return;
  if (!checkEnisLeft(n, known, issues) || !checkMaxPods(n, known, issues)) return;
  checkMinimumWithoutWarm(n, known, issues);
  checkSubnetShares(n, issues);
}
