/**
 * Common IP-plan checks (every CNI): CIDR syntax, family and canonical form; overlaps between pod, service and node
 * ranges; per-node blocks vs node count and max pods; DNS IP; MTU; names. All problems are collected, none thrown.
 */
import type { IssueCollector } from '../spec/issues';
import { checkDns1123Label } from '../spec/k8s-names';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import type { PodAddressing, UnderlayRanges } from '../cni/common/cni-module';
import { Cidr, findOverlaps, IpAddress, type IpFamily } from './cidr';
import { PLAN_RULES as R } from './rules';

/** Largest service range kube-apiserver accepts: 20 host bits (IPv4 /12, IPv6 /108). */
const MAX_SERVICE_HOST_BITS = 20;
/** Smallest primary service range kube-apiserver starts with: 8 addresses (IPv4 /29, IPv6 /125). */
const MIN_PRIMARY_SERVICE_ADDRESSES = 8n;
/**
 * kube-controller-manager's cidrset refuses an IPv6 node mask more than 16 bits longer than the cluster CIDR (IPv6
 * only; kubeadm applies the same limit to both families, see `kubeadm/validate.ts`).
 */
export const MAX_NODE_MASK_DIFF = 16;

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
    issues.report(R.cidrCountPerFamily, base, { count: values.length, families: families.join(', ') });
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
  if (typeof c === 'string') return void issues.report(R.cidrSyntax, path, { detail: c });
  const mapped = c.ipv4Mapped;
  if (mapped) return void issues.report(R.cidrIpv4Mapped, path, { text, ipv4: mapped });
  if (family && c.family !== family.family) return void issues.report(R.cidrFamily, path, { text, family: c.family, why: family.why, want: family.family });
  if (c.hasHostBits) issues.report(R.cidrHostBits, path, { text, canonical: c.toString() });
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
  if (new Set(families).size !== families.length) issues.report(R.duplicateFamily, 'spec.ipFamilies', { families: families.join(', ') });

  const pods = parseCidrList(spec.pods.cidrs, 'spec.pods.cidrs', 'pod', issues, families);
  let services: LabelledCidr[] = [];
  if (spec.services.cidrs.length === 0) {
    issues.report(R.serviceCidrsRequired, 'spec.services.cidrs', { families: families.join(', ') });
  } else {
    services = parseCidrList(spec.services.cidrs, 'spec.services.cidrs', 'service', issues, families);
  }
  const nodes = parseCidrList(spec.nodes.cidrs, 'spec.nodes.cidrs', 'node', issues);
  const ownUnderlay = underlay !== undefined && underlay.path !== 'spec.nodes.cidrs';
  const vnet = ownUnderlay ? parseCidrList(underlay.cidrs, underlay.path, 'underlay', issues) : nodes;

  for (const s of services) {
    const hostBits = s.cidr.bits - s.cidr.prefix;
    if (hostBits > MAX_SERVICE_HOST_BITS) {
      const longest = s.cidr.bits - MAX_SERVICE_HOST_BITS;
      issues.report(R.serviceRangeTooLarge, s.path, { cidr: s.cidr.toString(), hostBits, largest: `/${longest}`, longest });
    }
    if (s.path === 'spec.services.cidrs[0]' && s.cidr.size < MIN_PRIMARY_SERVICE_ADDRESSES) {
      issues.report(R.serviceRangeTooSmall, s.path, { cidr: s.cidr.toString(), size: s.cidr.size.toString(), shortest: s.cidr.bits - 3 });
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
    issues.report(R.maxCountBelowCount, 'spec.nodes.maxCount', { maxCount: spec.nodes.maxCount, count: spec.nodes.count });
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
      issues.report(R.duplicateNodeRange, b.path, { cidr: b.cidr.toString(), otherPath: a.path, other: a.cidr.toString(), what: a.role === 'node' ? 'node' : 'VPC/VNet' });
      continue;
    }
    const [first, second] = order[a.role] <= order[b.role] ? [a, b] : [b, a];
    issues.report(R.rangesOverlap, second.path, { cidr: second.cidr.toString(), otherPath: first.path, other: first.cidr.toString() });
  }
}

function checkPodsInsideUnderlay(pods: LabelledCidr[], underlay: LabelledCidr[], missing: UnderlayRanges | undefined, issues: IssueCollector): void {
  if (missing) {
    const or = missing.alternative ? ` (or set ${missing.alternative})` : '';
    issues.report(R.underlayRequired, missing.path, { or });
    return;
  }
  const base = underlay[0]?.path.replace(/\[\d+\]$/, '') ?? 'spec.nodes.cidrs';
  for (const p of pods) {
    if (underlay.length > 0 && !underlay.some((u) => u.cidr.contains(p.cidr))) {
      issues.report(R.podsOutsideUnderlay, p.path, { cidr: p.cidr.toString(), base, underlay: underlay.map((x) => x.cidr.toString()).join(', ') });
    }
  }
}

function checkNodeBlocks(n: ResolvedClusterNetwork, pods: LabelledCidr[], issues: IssueCollector): void {
  const { spec } = n;
  for (const p of pods) {
    const v4 = p.cidr.family === 'IPv4';
    const maskPath = v4 ? 'spec.pods.nodeMaskSize' : 'spec.pods.nodeMaskSizeIPv6';
    const mask = v4 ? spec.pods.nodeMaskSize : spec.pods.nodeMaskSizeIPv6;
    if (mask < p.cidr.prefix) {
      issues.report(R.nodeMaskShorterThanRange, maskPath, { mask, podPath: p.path, cidr: p.cidr.toString(), prefix: p.cidr.prefix, bits: p.cidr.bits });
      continue;
    }
    if (!v4 && mask - p.cidr.prefix > MAX_NODE_MASK_DIFF) {
      issues.report(R.ipv6NodeMaskTooLong, maskPath, { mask, podPath: p.path, cidr: p.cidr.toString(), longest: p.cidr.prefix + MAX_NODE_MASK_DIFF });
      continue;
    }
    const blocks = p.cidr.countBlocks(mask);
    const needed = BigInt(spec.nodes.maxCount);
    if (blocks < needed) {
      const countPath = spec.nodes.maxCount !== spec.nodes.count ? 'spec.nodes.maxCount' : 'spec.nodes.count';
      const widerPrefix = mask - Math.ceil(Math.log2(spec.nodes.maxCount));
      issues.report(R.tooFewNodeBlocks, countPath, { nodes: spec.nodes.maxCount, mask, podPath: p.path, cidr: p.cidr.toString(), blocks: blocks.toString(), wider: widerPrefix, maskPath });
    }
    const usable = usablePodAddresses(p.cidr.family, mask);
    if (BigInt(spec.pods.maxPerNode) > usable) {
      issues.report(R.maxPodsExceedBlock, 'spec.pods.maxPerNode', { maxPods: spec.pods.maxPerNode, mask, usable: usable.toString(), maskPath });
    }
  }
}

function checkDnsIP(n: ResolvedClusterNetwork, services: LabelledCidr[], issues: IssueCollector): void {
  const text = n.spec.services.dnsIP;
  const first = services[0];
  if (!first || first.path !== 'spec.services.cidrs[0]') return;
  const example = first.cidr.exampleHost?.toString() ?? '';
  if (!text) {
    // the default is the 10th address (resolveDefaults), which a range of 8 addresses lacks (smaller ones are refused above)
    if (first.cidr.size >= MIN_PRIMARY_SERVICE_ADDRESSES) issues.report(R.dnsIpRequired, 'spec.services.dnsIP', { cidr: first.cidr.toString(), example });
    return;
  }
  const ip = IpAddress.parse(text);
  if (typeof ip === 'string') return issues.report(R.dnsIpInvalid, 'spec.services.dnsIP', { detail: ip });
  if (!first.cidr.containsIp(ip)) return issues.report(R.dnsIpOutsideServiceRange, 'spec.services.dnsIP', { ip: text, cidr: first.cidr.toString(), example });
  const what =
    ip.value === first.cidr.network
      ? `the network address of ${first.cidr}`
      : ip.value === first.cidr.network + 1n
        ? 'the first service address, which Kubernetes gives the "kubernetes" API Service'
        : first.cidr.family === 'IPv4' && ip.value === first.cidr.last
          ? `the broadcast address of ${first.cidr}`
          : undefined;
  if (what) issues.report(R.dnsIpReserved, 'spec.services.dnsIP', { ip: text, what, example });
}

function checkMtu(n: ResolvedClusterNetwork, issues: IssueCollector): void {
  const mtu = n.spec.nodes.mtu;
  const min = n.spec.ipFamilies.includes('IPv6') ? 1280 : 576;
  if (mtu < min) issues.report(R.mtuOutOfRange, 'spec.nodes.mtu', { mtu, min, why: min === 1280 ? '1280 is the IPv6 minimum' : '576 is the IPv4 minimum' });
  else if (mtu > 9216) issues.report(R.mtuAboveJumbo, 'spec.nodes.mtu', { mtu });
}
