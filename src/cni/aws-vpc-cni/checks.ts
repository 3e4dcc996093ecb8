/** AWS VPC CNI checks: custom networking (ENIConfigs, zones), capacity (max pods, ENIs, subnet headroom), MTU, SNAT exclusions. */
import type { IssueCollector } from '../../spec/issues';
import { checkDns1123Subdomain } from '../../spec/k8s-names';
import { CAP_VCPU_THRESHOLD, enisForPods, maxPods, type InstanceNetworkLimits } from '../../plan/aws-max-pods';
import { AWS_RESERVED_PER_SUBNET, PREFIX_PREFIX_LENGTH } from '../../plan/aws-capacity';
import { Cidr, smallestPrefixFor } from '../../plan/cidr';
import { fmt } from '../common/format';
import { parseCidrAt, parseCidrList } from '../../plan/ip-plan';
import { addressesForBlocks } from '../../plan/subnet-blocks';
import { requireIPv4Only } from '../common/ip-families';
import { awsIpamSettings, awsSubnetShares, nodeTypeLimits } from './plan';
import type { AwsVpcCniNetwork } from './settings';

const ZONE_LABELS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const SG_ID = /^sg-[0-9a-f]{8,17}$/;
/** The MTU range of EC2 ENIs (ANCHORS.md §1.1; jumbo frames are 9001 inside a VPC). */
export const AWS_ENI_MTU = { min: 576, max: 9001 } as const;
/** What EKS accepts for `kubernetesNetworkConfig.serviceIpv4Cidr`: /12 to /24 inside an RFC 1918 range. */
export const EKS_SERVICE_RANGE = { shortest: 12, longest: 24, within: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } as const;

function validateCustomNetworking(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const cn = n.spec.cni.customNetworking;
  const base = 'spec.cni.customNetworking';
  if (!cn.enabled) {
    if (cn.eniConfigs.length > 0) issues.add(`${base}.eniConfigs`, `${cn.eniConfigs.length} ENIConfig(s) are set but custom networking is off (allowed: only with ${base}.enabled true)`);
    return;
  }
  if (cn.eniConfigs.length === 0) {
    issues.add(`${base}.eniConfigs`, 'is empty but custom networking is on (allowed: one ENIConfig per availability zone the nodes run in)');
  }
  const names = new Map<string, number>();
  // Common checks passed before CNI checks run, so every range here parses.
  const vpc = (n.spec.nodes.cidrs ?? []).map((t) => Cidr.of(t));
  const pods = n.spec.pods.cidrs.map((t) => Cidr.of(t));
  cn.eniConfigs.forEach((e, i) => {
    const p = `${base}.eniConfigs[${i}]`;
    checkDns1123Subdomain(e.name, `${p}.name`, issues);
    const first = names.get(e.name);
    if (first !== undefined) issues.add(`${p}.name`, `${e.name} repeats ${base}.eniConfigs[${first}].name (allowed: one ENIConfig per name)`);
    else names.set(e.name, i);
    if (!SUBNET_ID.test(e.subnet)) issues.add(`${p}.subnet`, `${JSON.stringify(e.subnet)} is not a subnet ID (allowed: subnet- followed by 8 or 17 hex digits)`);
    (e.securityGroups ?? []).forEach((sg, j) => {
      if (!SG_ID.test(sg)) issues.add(`${p}.securityGroups[${j}]`, `${JSON.stringify(sg)} is not a security group ID (allowed: sg- followed by 8 or 17 hex digits)`);
    });
    if (e.cidr === undefined) return;
    const c = parseCidrAt(e.cidr, `${p}.cidr`, 'pod', issues, { family: 'IPv4', why: 'aws-vpc-cni is IPv4-only in this release' })?.cidr;
    if (!c || c.hasHostBits) return;
    if (!vpc.some((v) => v.contains(c))) {
      issues.add(`${p}.cidr`, `${c} is not inside the VPC ranges spec.nodes.cidrs [${vpc.map((v) => v.toString()).join(', ')}] (allowed: a subnet of the VPC, e.g. of its secondary CIDR)`);
    } else if (!pods.some((pc) => pc.contains(c))) {
      issues.add(`${p}.cidr`, `${c} is not inside spec.pods.cidrs [${pods.join(', ')}] (allowed: pod subnets inside the pod ranges)`);
    }
  });
  if (!ZONE_LABELS.has(cn.eniConfigLabelDef)) return;
  const zones = n.spec.cni.availabilityZones;
  if (!zones) {
    issues.add('spec.cni.availabilityZones', `is required with custom networking and eniConfigLabelDef ${cn.eniConfigLabelDef} (allowed: the zones the nodes run in; each needs an ENIConfig named after it)`);
    return;
  }
  zones.forEach((z, i) => {
    if (!names.has(z)) {
      issues.add(`spec.cni.availabilityZones[${i}]`, `zone ${z} has no ENIConfig, so pods on its nodes get no addresses (allowed: zones with an entry in ${base}.eniConfigs named ${z}; have: [${[...names.keys()].join(', ')}])`);
    }
  });
}

function validateCapacity(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  const s = awsIpamSettings(n);
  const known: Array<{ type: string; limits: InstanceNetworkLimits }> = [];
  for (const t of nodeTypeLimits(n)) {
    const path = `spec.cni.nodeInstanceTypes[${t.index}]`;
    if (!t.limits) {
      issues.add(path, `${t.type} is not in the library's instance table (allowed: a type such as m5.large, or its limits in spec.cni.instanceLimits["${t.type}"]: {enis, ipv4PerEni, vcpus, nitro})`);
      continue;
    }
    if (c.prefixDelegation.enabled && !t.limits.nitro) {
      issues.add(path, `${t.type} is not a Nitro instance type and prefix delegation needs Nitro (allowed: Nitro types such as m5.large, or spec.cni.prefixDelegation.enabled false)`);
      continue;
    }
    known.push({ type: t.type, limits: t.limits });
  }
  if (!issues.ok || known.length === 0) return;
  const noEni = known.find((k) => enisForPods(k.limits, s.customNetworking, s.maxEni) === 0);
  if (noEni) {
    const byMaxEni = s.maxEni !== undefined && s.maxEni < noEni.limits.enis;
    issues.add(
      byMaxEni ? 'spec.cni.maxENI' : `spec.cni.nodeInstanceTypes[${known.indexOf(noEni)}]`,
      `${byMaxEni ? s.maxEni : `${noEni.type} has ${noEni.limits.enis} ENI and`} leaves no ENI for pods with custom networking (the primary ENI carries none) (allowed: ${byMaxEni ? 'at least 2' : 'a type with at least 2 ENIs'})`,
    );
    return;
  }
  // Reject only what a node cannot address (the calculator's --show-max-allowed); the recommended 110/250 cap is a warning.
  const mp = known.map((k) => ({ ...k, max: maxPods({ limits: k.limits, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni, cap: false }) }));
  const lowest = mp.reduce((a, b) => (b.max < a.max ? b : a));
  if (n.spec.pods.maxPerNode > lowest.max) {
    const mode = [s.prefixDelegation ? 'prefix delegation' : 'secondary IPs', ...(s.customNetworking ? ['custom networking'] : [])].join(', ');
    issues.add(
      'spec.pods.maxPerNode',
      `${n.spec.pods.maxPerNode} is above the ${lowest.max} pods a ${lowest.type} node can address (${lowest.limits.enis} ENIs × ${lowest.limits.ipv4PerEni} IPv4 each, ${mode}) (allowed: at most ${lowest.max})`,
    );
    return;
  }
  for (const sh of awsSubnetShares(n)) {
    if (sh.headroom >= 0n) continue;
    const prefix = s.prefixDelegation
      ? smallestPrefixFor('IPv4', addressesForBlocks((sh.needed + 15n) / 16n, PREFIX_PREFIX_LENGTH))
      : smallestPrefixFor('IPv4', sh.needed + AWS_RESERVED_PER_SUBNET);
    const spread = sh.subnets > 1 ? `its share of the nodes (${sh.nodes} of spec.nodes.maxCount ${n.spec.nodes.maxCount}, spread over ${sh.subnets} pod subnets)` : `spec.nodes.maxCount ${sh.nodes} nodes`;
    issues.add(
      sh.path,
      `${sh.cidr} offers ${fmt(sh.capacity)} addresses but ${spread} × ${sh.perNode} addresses per ${sh.type} node need ${fmt(sh.needed)} (allowed: /${prefix} or larger, or at most ${fmt(sh.maxNodesInAll)} nodes in all)`,
    );
  }
}

/** Every AWS VPC CNI check (shape and common IP-plan checks have passed). */
export function validateAws(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  if (!requireIPv4Only(n, 'aws-vpc-cni', issues)) return;
  const c = n.spec.cni;
  const mtu = n.spec.nodes.mtu;
  if (mtu > AWS_ENI_MTU.max) issues.add('spec.nodes.mtu', `${mtu} is above the ${AWS_ENI_MTU.max} AWS ENIs support (allowed: ${AWS_ENI_MTU.min}-${AWS_ENI_MTU.max})`);
  if (!c.nodeAgent && c.networkPolicy.enabled) {
    issues.add('spec.cni.nodeAgent', 'is false but spec.cni.networkPolicy.enabled is true, and the node agent is what enforces network policy (allowed: true with network policy on)');
  }
  parseCidrList(c.excludeSnatCIDRs, 'spec.cni.excludeSnatCIDRs', 'destination', issues, c.excludeSnatCIDRs?.map(() => 'IPv4' as const));
  validateCustomNetworking(n, issues);
  if (issues.ok) validateCapacity(n, issues);
}

/** Non-fatal notices: kubelet max pods above the EKS recommendation; a service range EKS would not accept. */
export function awsWarnings(n: AwsVpcCniNetwork): string[] {
  const out: string[] = [];
  const s = awsIpamSettings(n);
  for (const t of nodeTypeLimits(n)) {
    if (!t.limits) continue;
    const recommended = maxPods({ limits: t.limits, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni });
    const raw = maxPods({ limits: t.limits, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni, cap: false });
    if (n.spec.pods.maxPerNode > recommended && recommended < raw) {
      const cap = t.limits.vcpus <= CAP_VCPU_THRESHOLD ? `≤ ${CAP_VCPU_THRESHOLD} vCPUs` : `> ${CAP_VCPU_THRESHOLD} vCPUs`;
      out.push(`aws-vpc-cni: spec.pods.maxPerNode ${n.spec.pods.maxPerNode} is above the EKS-recommended ${recommended} for ${t.type} (${cap}); the node can address ${raw}, but kubelet and the container runtime are sized for fewer pods.`);
    }
  }
  const svc = Cidr.of(n.spec.services.cidrs[0]);
  const inPrivate = EKS_SERVICE_RANGE.within.some((r) => Cidr.of(r).contains(svc));
  if (svc.prefix < EKS_SERVICE_RANGE.shortest || svc.prefix > EKS_SERVICE_RANGE.longest || !inPrivate) {
    out.push(`aws-vpc-cni: on EKS, spec.services.cidrs[0] ${svc} is not accepted as kubernetesNetworkConfig.serviceIpv4Cidr, which must be /${EKS_SERVICE_RANGE.shortest} to /${EKS_SERVICE_RANGE.longest} inside ${EKS_SERVICE_RANGE.within.join(', ')} (fine for a self-managed cluster).`);
  }
  return out;
}
