/**
 * Common IP-plan checks (every CNI): CIDR syntax, family and canonical form; overlaps between pod, service and node
 * ranges; per-node blocks vs node count and max pods; DNS IP; MTU; names. All problems are collected, none thrown.
 */
import type { IssueCollector } from '../spec/issues';
import { checkDns1123Label } from '../spec/k8s-names';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import type { PodAddressing, UnderlayRanges } from '../cni/common/cni-module';
import { Cidr, findOverlaps, IpAddress, type IpFamily } from './cidr';


/** Largest service range kube-apiserver accepts: 20 host bits (IPv4 /12, IPv6 /108). */
const MAX_SERVICE_HOST_BITS = 20;
/** kube-controller-manager rejects a node mask more than 16 bits longer than the cluster CIDR. */
const MAX_NODE_MASK_DIFF = 16;

/**
 * A range from the spec with the path it came from. Roles: `pod`, `service`, `node` (node addresses), `underlay`
 * (a VPC / VNet address space that node and, for underlay CNIs, pod ranges lie inside), `destination` (a range that
 * is only a traffic destination, e.g. a SNAT exclusion).
 */
export interface LabelledCidr {
  readonly path: string;
  readonly cidr: Cidr;
  readonly role: 'pod' | 'service' | 'node' | 'underlay' | 'destination';
}

/** Usable pod addresses in a node block: all but network, gateway and (IPv4) broadcast, as host-local allocates. */
export function usablePodAddresses(family: IpFamily, prefix: number): bigint {
  const size = 1n << BigInt((family === 'IPv4' ? 32 : 128) - prefix);
  const reserved = family === 'IPv4' ? 3n : 2n;
  return size > reserved ? size - reserved : 0n;
}

/**
 * Parses a list of CIDRs, reporting syntax, family (when `families` is given, one per family in order) and host-bit
 * problems at their own paths. Returns the ranges that parsed (host bits cleared).
 */
export function parseCidrList(
  values: readonly string[] | undefined,
  base: string,
  role: LabelledCidr['role'],
  issues: IssueCollector,
  families?: readonly IpFamily[],
): LabelledCidr[] {
  const out: LabelledCidr[] = [];
  if (!values) return out;
  if (families && values.length !== families.length) {
    issues.add(base, `has ${values.length} range(s) but ipFamilies is [${families.join(', ')}] (allowed: exactly one range per family, in that order)`);
  }
  values.forEach((text, i) => {
    const want = families?.[i];
    const c = parseCidrAt(text, `${base}[${i}]`, role, issues, want && { family: want, why: `ipFamilies[${i}] is ${want}` });
    if (c) out.push(c);
  });
  return out;
}

/**
 * Parses one CIDR at `path`, reporting syntax, family (when `family` is given, with why that family is required) and
 * host-bit problems there. Returns the range unless it is unusable (a host-bit range is returned, cleared).
 */
export function parseCidrAt(
  text: string,
  path: string,
  role: LabelledCidr['role'],
  issues: IssueCollector,
  family?: { readonly family: IpFamily; readonly why: string },
): LabelledCidr | undefined {
  const c = Cidr.parse(text);
  if (typeof c === 'string') return void issues.add(path, c);
  if (family && c.family !== family.family) return void issues.add(path, `${text} is ${c.family} but ${family.why} (allowed: an ${family.family} range here)`);
  if (c.hasHostBits) issues.add(path, `${text} has host bits set (canonical form: ${c.toString()})`);
  return { path, cidr: c, role };
}

/**
 * Runs every common check. `addressing` and `underlay` come from the CNI module (see {@link PodAddressing} and
 * `CniModule.underlayRanges`; without `underlay` the VPC / VNet is `spec.nodes.cidrs`).
 */
export function checkCommonPlan(n: ResolvedClusterNetwork, addressing: PodAddressing, issues: IssueCollector, underlay?: UnderlayRanges): void {
  const { spec } = n;
  checkDns1123Label(n.metadata.name, 'metadata.name', issues);
  const families = spec.ipFamilies;
  if (new Set(families).size !== families.length) issues.add('spec.ipFamilies', `[${families.join(', ')}] repeats a family (allowed: [IPv4], [IPv6], [IPv4, IPv6] or [IPv6, IPv4])`);

  const pods = parseCidrList(spec.pods.cidrs, 'spec.pods.cidrs', 'pod', issues, families);
  let services: LabelledCidr[] = [];
  if (spec.services.cidrs.length === 0) {
    issues.add('spec.services.cidrs', `is required when ipFamilies is [${families.join(', ')}] (the default 10.96.0.0/12 only applies to single-stack IPv4)`);
  } else {
    services = parseCidrList(spec.services.cidrs, 'spec.services.cidrs', 'service', issues, families);
  }
  const nodes = parseCidrList(spec.nodes.cidrs, 'spec.nodes.cidrs', 'node', issues);
  const ownUnderlay = underlay !== undefined && underlay.path !== 'spec.nodes.cidrs';
  const vnet = ownUnderlay ? parseCidrList(underlay.cidrs, underlay.path, 'underlay', issues) : nodes;

  for (const s of services) {
    const hostBits = s.cidr.bits - s.cidr.prefix;
    if (hostBits > MAX_SERVICE_HOST_BITS) {
      issues.add(s.path, `${s.cidr} has ${hostBits} host bits; kube-apiserver rejects service ranges larger than ${s.cidr.family === 'IPv4' ? '/12' : '/108'} (allowed: /${s.cidr.bits - MAX_SERVICE_HOST_BITS} or longer)`);
    }
  }

  checkOverlaps(pods, services, ownUnderlay ? [...nodes, ...vnet] : nodes, addressing, issues);
  if (addressing === 'underlay') {
    const given = ownUnderlay ? underlay.cidrs : spec.nodes.cidrs;
    checkPodsInsideUnderlay(pods, vnet, given === undefined ? (underlay ?? { path: 'spec.nodes.cidrs' }) : undefined, issues);
  }
  if (addressing === 'node-cidr') checkNodeBlocks(n, pods, issues);
  checkDnsIP(n, services, issues);
  checkMtu(n, issues);
  if (spec.nodes.maxCount < spec.nodes.count) {
    issues.add('spec.nodes.maxCount', `${spec.nodes.maxCount} is below spec.nodes.count ${spec.nodes.count} (allowed: at least ${spec.nodes.count})`);
  }
}

/** Pairs of roles whose ranges may overlap: nodes inside the VPC / VNet, and pods inside it for underlay CNIs. */
function mayOverlap(a: LabelledCidr['role'], b: LabelledCidr['role'], addressing: PodAddressing): boolean {
  const pair = new Set([a, b]);
  if (pair.has('underlay') && pair.has('node')) return true;
  return addressing === 'underlay' && pair.has('pod') && (pair.has('node') || pair.has('underlay'));
}

function checkOverlaps(pods: LabelledCidr[], services: LabelledCidr[], nodes: LabelledCidr[], addressing: PodAddressing, issues: IssueCollector): void {
  const order = { pod: 0, service: 1, node: 2, underlay: 3, destination: 4 } as const;
  const all = [...pods, ...services, ...nodes];
  for (const [a, b] of findOverlaps(all)) {
    if (mayOverlap(a.role, b.role, addressing)) continue;
    if (a.role === b.role && (a.role === 'node' || a.role === 'underlay')) {
      issues.add(b.path, `${b.cidr} overlaps ${a.path} ${a.cidr} (allowed: distinct ${a.role === 'node' ? 'node' : 'VPC/VNet'} ranges)`);
      continue;
    }
    const [first, second] = order[a.role] <= order[b.role] ? [a, b] : [b, a];
    issues.add(second.path, `${second.cidr} overlaps ${first.path} ${first.cidr} (allowed: pod, service and node ranges that do not overlap)`);
  }
}

function checkPodsInsideUnderlay(pods: LabelledCidr[], underlay: LabelledCidr[], missing: UnderlayRanges | undefined, issues: IssueCollector): void {
  if (missing) {
    const or = missing.alternative ? ` (or set ${missing.alternative})` : '';
    issues.add(missing.path, `is required for a CNI that gives pods underlay (VPC/VNet) addresses${or}`);
    return;
  }
  const base = underlay[0]?.path.replace(/\[\d+\]$/, '') ?? 'spec.nodes.cidrs';
  for (const p of pods) {
    if (underlay.length > 0 && !underlay.some((u) => u.cidr.contains(p.cidr))) {
      issues.add(p.path, `${p.cidr} is not inside any of ${base} [${underlay.map((x) => x.cidr.toString()).join(', ')}] (allowed: pod ranges inside the VPC/VNet ranges for this CNI)`);
    }
  }
}

function checkNodeBlocks(n: ResolvedClusterNetwork, pods: LabelledCidr[], issues: IssueCollector): void {
  const { spec } = n;
  for (const p of pods) {
    const v4 = p.cidr.family === 'IPv4';
    const maskPath = v4 ? 'spec.pods.nodeMaskSize' : 'spec.pods.nodeMaskSizeIPv6';
    const mask = v4 ? spec.pods.nodeMaskSize : spec.pods.nodeMaskSizeIPv6;
    const maxMask = Math.min(v4 ? 30 : 126, p.cidr.prefix + MAX_NODE_MASK_DIFF);
    if (mask < p.cidr.prefix || mask > maxMask) {
      issues.add(maskPath, `/${mask} does not fit ${p.path} ${p.cidr} (allowed: /${p.cidr.prefix} to /${maxMask}; kube-controller-manager allows at most ${MAX_NODE_MASK_DIFF} bits between the pod range and the node block)`);
      continue;
    }
    const blocks = p.cidr.countBlocks(mask);
    const needed = BigInt(spec.nodes.maxCount);
    if (blocks < needed) {
      const countPath = spec.nodes.maxCount !== spec.nodes.count ? 'spec.nodes.maxCount' : 'spec.nodes.count';
      const widerPrefix = mask - Math.ceil(Math.log2(spec.nodes.maxCount));
      issues.add(
        countPath,
        `${spec.nodes.maxCount} nodes need ${spec.nodes.maxCount} /${mask} blocks but ${p.path} ${p.cidr} holds ${blocks} (allowed: at most ${blocks} nodes, a pod range of /${widerPrefix} or larger, or a longer ${maskPath})`,
      );
    }
    const usable = usablePodAddresses(p.cidr.family, mask);
    if (BigInt(spec.pods.maxPerNode) > usable) {
      issues.add('spec.pods.maxPerNode', `${spec.pods.maxPerNode} pods do not fit a /${mask} node block, which has ${usable} usable addresses (allowed: at most ${usable}, or a shorter ${maskPath})`);
    }
  }
}

function checkDnsIP(n: ResolvedClusterNetwork, services: LabelledCidr[], issues: IssueCollector): void {
  const text = n.spec.services.dnsIP;
  const first = services[0];
  if (!text || !first || first.path !== 'spec.services.cidrs[0]') return;
  const ip = IpAddress.parse(text);
  if (typeof ip === 'string') return issues.add('spec.services.dnsIP', ip);
  if (!first.cidr.containsIp(ip)) {
    return issues.add('spec.services.dnsIP', `${text} is outside spec.services.cidrs[0] ${first.cidr} (allowed: an address inside it, e.g. ${first.cidr.nth(10n)})`);
  }
  if (ip.value === first.cidr.network) {
    return issues.add('spec.services.dnsIP', `${text} is the network address of ${first.cidr} (allowed: a host address, e.g. ${first.cidr.nth(10n)})`);
  }
  if (ip.value === first.cidr.network + 1n) {
    issues.add('spec.services.dnsIP', `${text} is the first service address, which Kubernetes gives the "kubernetes" API Service (allowed: another address, e.g. ${first.cidr.nth(10n)})`);
  }
  if (first.cidr.family === 'IPv4' && ip.value === first.cidr.last) {
    issues.add('spec.services.dnsIP', `${text} is the broadcast address of ${first.cidr} (allowed: a host address, e.g. ${first.cidr.nth(10n)})`);
  }
}

function checkMtu(n: ResolvedClusterNetwork, issues: IssueCollector): void {
  const mtu = n.spec.nodes.mtu;
  const min = n.spec.ipFamilies.includes('IPv6') ? 1280 : 576;
  if (mtu < min || mtu > 9216) {
    issues.add('spec.nodes.mtu', `${mtu} is out of range (allowed: ${min}-9216; ${min === 1280 ? '1280 is the IPv6 minimum' : '576 is the IPv4 minimum'}, 9216 the largest jumbo frame)`);
  }
}
