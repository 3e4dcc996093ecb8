/** Calico's semantic checks (issue point 4): pools, BGP and peers, Felix. Shape errors were reported by zod already. */
import { Cidr, findOverlaps, IpAddress, type IpFamily } from '../../plan/cidr';
import { parseCidrAt, parseCidrList } from '../../plan/ip-plan';
import type { IssueCollector } from '../../spec/issues';
import { checkDns1123Subdomain } from '../../spec/k8s-names';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { validateFelix } from '../common/calico-policy/felix-checks';
import { podMtuRule, podMtuShortfall } from '../common/mtu';
import { checkBgpFiltersAndNodes } from './bgp-checks';
import { autodetectionProblems } from './ip-autodetection';
import { blockAddresses, calicoOverhead, resolvePools, type ResolvedPool } from './pools';
import { CALICO_RULES } from './rules';
import type { ResolvedCalicoCni } from './spec';

type CalicoNetwork = ResolvedClusterNetwork & { readonly spec: { readonly cni: ResolvedCalicoCni } };

/** Block sizes Calico IPAM accepts. */
export const BLOCK_SIZE_RANGE: Record<IpFamily, readonly [number, number]> = { IPv4: [20, 32], IPv6: [116, 128] };

function checkName(name: string, path: string, seen: Map<string, string>, issues: IssueCollector): void {
  checkDns1123Subdomain(name, path, issues);
  const first = seen.get(name);
  if (first) issues.report(CALICO_RULES.duplicateName, path, { name, first });
  else seen.set(name, path);
}

/** Parses `ip`, `ip:port` or `[ipv6]:port` (BGPPeer.peerIP); returns an error text or the address. */
export function parsePeerIP(text: string): IpAddress | string {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  const v4port = /^([^:]+):(\d+)$/.exec(text);
  const [ip, port] = bracketed ? [bracketed[1], bracketed[2]] : v4port ? [v4port[1], v4port[2]] : [text, undefined];
  const addr = IpAddress.parse(ip);
  if (typeof addr === 'string') return `"${text}" is not a valid peer address (allowed: ip, ip:port or [ipv6]:port, e.g. 192.0.2.1 or [2001:db8::1]:179)`;
  if (bracketed && addr.family !== 'IPv6') return `"${text}" puts an IPv4 address in brackets (allowed: ip:port for IPv4, [ipv6]:port for IPv6)`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `"${text}" has port ${port} (allowed: 1-65535)`;
  return addr;
}

function checkPools(n: CalicoNetwork, pools: ResolvedPool[], issues: IssueCollector): void {
  const cni = n.spec.cni;
  const podRanges = n.spec.pods.cidrs.map((t) => Cidr.of(t));
  const names = new Map<string, string>();
  const parsed: Array<{ pool: ResolvedPool; cidr: Cidr; path: string }> = [];
  for (const pool of pools.filter((p) => p.declared)) {
    checkName(pool.name, `${pool.path}.name`, names, issues);
    const cidrPath = `${pool.path}.cidr`;
    const c = parseCidrAt(pool.cidr, cidrPath, 'pod', issues)?.cidr;
    if (!c) continue;
    if (!podRanges.some((r) => r.contains(c))) issues.report(CALICO_RULES.poolOutsidePodRange, cidrPath, { cidr: c.toString(), pods: podRanges.join(', ') });
    parsed.push({ pool, cidr: c, path: cidrPath });
  }
  for (const [a, b] of findOverlaps(parsed)) issues.report(CALICO_RULES.poolsOverlap, b.path, { cidr: b.cidr.toString(), otherPath: a.path, other: a.cidr.toString() });

  for (const pool of pools) {
    const family = pool.family;
    if (!family) continue;
    const c = Cidr.of(pool.cidr);
    const [min, max] = BLOCK_SIZE_RANGE[family];
    const bsPath = pool.declared ? `${pool.path}.blockSize` : pool.path;
    if (pool.blockSize < min || pool.blockSize > max) {
      issues.report(CALICO_RULES.blockSizeRange, bsPath, { blockSize: pool.blockSize, family, min, max });
    } else if (pool.blockSize < c.prefix) {
      issues.report(CALICO_RULES.blockLargerThanPool, bsPath, { blockSize: pool.blockSize, cidr: c.toString(), min: c.prefix, max });
    }
    const at = (field: string) => (pool.declared ? `${pool.path}.${field}` : 'spec.cni.ipPools');
    if (pool.ipipMode !== 'Never' && pool.vxlanMode !== 'Never') {
      issues.report(CALICO_RULES.ipipAndVxlan, at('vxlanMode'), { vxlanMode: pool.vxlanMode, ipipMode: pool.ipipMode });
    }
    if (pool.ipipMode !== 'Never' && family === 'IPv6') {
      issues.report(CALICO_RULES.ipipOnIpv6, at('ipipMode'), { ipipMode: pool.ipipMode });
    } else if (pool.ipipMode !== 'Never' && !cni.bgp.enabled) {
      issues.report(CALICO_RULES.ipipWithoutBgp, at('ipipMode'), { ipipMode: pool.ipipMode });
    }
    if (!cni.bgp.enabled && !pool.disabled && pool.ipipMode === 'Never' && pool.vxlanMode === 'Never') {
      issues.report(CALICO_RULES.unencapsulatedWithoutBgp, pool.declared ? pool.path : 'spec.pods.cidrs', { name: pool.name, cidr: c.toString() });
    }
  }
  checkCapacity(n, pools, issues);
}

/**
 * Every family has an enabled pool, and its blocks serve nodes.maxCount nodes at maxPerNode pods. Calico borrows
 * addresses from other nodes' blocks unless `ipam.strictAffinity` is set, so a shortfall is a warning; with strict
 * affinity pods beyond the blocks fail, an error.
 */
function checkCapacity(n: CalicoNetwork, pools: ResolvedPool[], issues: IssueCollector): void {
  const { maxCount, count } = n.spec.nodes;
  const declared = n.spec.cni.ipPools !== undefined;
  const strict = n.spec.cni.ipam.strictAffinity;
  const maxPods = BigInt(n.spec.pods.maxPerNode);
  for (const family of n.spec.ipFamilies) {
    const enabled = pools.filter((p) => p.family === family && !p.disabled);
    if (enabled.length === 0) {
      if (declared) issues.report(CALICO_RULES.noPoolForFamily, 'spec.cni.ipPools', { family });
      continue;
    }
    // Pools with a block size the rules above refuse hold no usable blocks.
    const [min, max] = BLOCK_SIZE_RANGE[family];
    const usable = enabled.filter((p) => p.blockSize >= Math.max(min, Cidr.of(p.cidr).prefix) && p.blockSize <= max);
    const blocks = usable.reduce((sum, p) => sum + Cidr.of(p.cidr).countBlocks(p.blockSize), 0n);
    const smallest = usable.reduce((least, p) => (blockAddresses(p) < least ? blockAddresses(p) : least), usable.length > 0 ? blockAddresses(usable[0]) : 1n);
    const perNode = (maxPods + smallest - 1n) / smallest;
    const needed = BigInt(maxCount) * perNode;
    const nodesPath = declared ? 'spec.cni.ipPools' : maxCount !== count ? 'spec.nodes.maxCount' : 'spec.nodes.count';
    const params = { nodes: maxCount, need: String(needed), family, blocks: String(blocks), sizes: [...new Set(enabled.map((p) => `/${p.blockSize}`))].join(', '), extra: String(maxPods) };
    if (strict) {
      if (blocks < needed) issues.report(CALICO_RULES.strictAffinityCapacity, nodesPath, params);
    } else if (blocks < BigInt(maxCount)) {
      issues.report(CALICO_RULES.fewerBlocksThanNodes, nodesPath, params);
    } else if (blocks < needed) {
      issues.report(CALICO_RULES.blocksShortOfMaxPods, declared ? 'spec.cni.ipPools' : 'spec.pods.cidrs', params);
    }
  }
}

function checkPeer(n: CalicoNetwork, p: ResolvedCalicoCni['bgp']['peers'][number], base: string, issues: IssueCollector): void {
  const fields = (path: string, detail: string) => issues.report(CALICO_RULES.bgpPeerFields, path, { detail });
  if (p.peerIP !== undefined && p.peerSelector !== undefined) {
    fields(`${base}.peerSelector`, 'is combined with peerIP (allowed: peerIP + asNumber for an external router, or peerSelector alone for Calico nodes)');
  } else if (p.peerIP === undefined && p.peerSelector === undefined) {
    fields(base, 'has neither peerIP nor peerSelector (allowed: peerIP + asNumber for an external router, or peerSelector for Calico nodes)');
  }
  if (p.peerIP !== undefined) {
    const addr = parsePeerIP(p.peerIP);
    if (typeof addr === 'string') fields(`${base}.peerIP`, addr);
    else if (!n.spec.ipFamilies.includes(addr.family)) {
      issues.report(CALICO_RULES.peerFamily, `${base}.peerIP`, { peerIP: p.peerIP, family: addr.family, families: n.spec.ipFamilies.join(', ') });
    }
    if (p.asNumber === undefined) fields(`${base}.asNumber`, "is required with peerIP (allowed: 1-4294967295, the external router's AS)");
  } else if (p.peerSelector !== undefined && p.asNumber !== undefined) {
    fields(`${base}.asNumber`, 'is set with peerSelector (allowed: only with peerIP; selected Calico nodes use their own AS)');
  }
}

function checkBgp(n: CalicoNetwork, pools: ResolvedPool[], issues: IssueCollector): void {
  const bgp = n.spec.cni.bgp;
  if (!bgp.enabled) {
    if (bgp.peers.length > 0) issues.report(CALICO_RULES.peersWithoutBgp, 'spec.cni.bgp.peers', { count: bgp.peers.length });
    if (bgp.nodes && Object.keys(bgp.nodes).length > 0) issues.report(CALICO_RULES.bgpSettingsWithoutBgp, 'spec.cni.bgp.nodes', { field: 'per-node settings' });
    if (bgp.filters.length > 0) issues.report(CALICO_RULES.bgpSettingsWithoutBgp, 'spec.cni.bgp.filters', { field: `${bgp.filters.length} filter(s)` });
    return;
  }
  const routed = pools.filter((p) => !p.disabled && p.vxlanMode === 'Never');
  if (!bgp.nodeToNodeMeshEnabled && bgp.peers.length === 0 && routed.length > 0) {
    issues.report(CALICO_RULES.noMeshNoPeers, 'spec.cni.bgp.nodeToNodeMeshEnabled', { pools: routed.map((p) => `pool ${p.name}`).join(', ') });
  }
  const names = new Map<string, string>();
  bgp.peers.forEach((p, i) => {
    const base = `spec.cni.bgp.peers[${i}]`;
    checkName(p.name, `${base}.name`, names, issues);
    checkPeer(n, p, base, issues);
  });
  const filterNames = new Map<string, string>();
  checkBgpFiltersAndNodes(bgp, (name, path) => checkName(name, path, filterNames, issues), issues);
  const services = n.spec.services.cidrs.map((t) => Cidr.of(t));
  for (const r of parseCidrList(bgp.serviceClusterIPs, 'spec.cni.bgp.serviceClusterIPs', 'service', issues)) {
    if (!services.some((s) => s.contains(r.cidr))) issues.report(CALICO_RULES.advertisedOutsideServices, r.path, { cidr: r.cidr.toString(), services: services.join(', ') });
  }
  parseCidrList(bgp.serviceExternalIPs, 'spec.cni.bgp.serviceExternalIPs', 'service', issues);
  parseCidrList(bgp.serviceLoadBalancerIPs, 'spec.cni.bgp.serviceLoadBalancerIPs', 'service', issues);
}

/** The autodetection methods, parsed as calico-node parses them, each for a family the cluster uses. */
function checkAutodetection(n: CalicoNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  const families = n.spec.ipFamilies;
  const fields = [
    ['ipAutodetectionMethod', 'IP_AUTODETECTION_METHOD', 'IPv4', cni.ipAutodetectionMethod],
    ['ip6AutodetectionMethod', 'IP6_AUTODETECTION_METHOD', 'IPv6', cni.ip6AutodetectionMethod],
  ] as const;
  for (const [field, env, family, method] of fields) {
    if (method === undefined) continue;
    const path = `spec.cni.${field}`;
    if (!families.includes(family)) issues.report(CALICO_RULES.autodetectionUnused, path, { family, families: families.join(', ') });
    for (const p of autodetectionProblems(method, family)) {
      if (p.kind === 'method') issues.report(CALICO_RULES.autodetectionMethod, path, { value: p.value, env });
      else if (p.kind === 'cidr') issues.report(CALICO_RULES.autodetectionCidr, path, { value: p.value, detail: p.detail });
      else if (p.kind === 'regex') issues.report(CALICO_RULES.autodetectionRegex, path, { value: p.value, detail: p.detail });
      else issues.report(CALICO_RULES.autodetectionFamily, path, { value: p.value, found: p.found, want: p.want, env });
    }
  }
}

/** Every Calico check; the pools are the resolved pools of `n`. */
export function validateCalico(n: CalicoNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  const pools = resolvePools(n);
  checkPools(n, pools, issues);
  checkBgp(n, pools, issues);
  checkAutodetection(n, issues);
  validateFelix(cni.felix, 'spec.cni.felix', issues);
  if (cni.felix?.bpfEnabled && !cni.kubernetesServiceEndpoint) issues.report(CALICO_RULES.bpfNeedsApiEndpoint, 'spec.cni.kubernetesServiceEndpoint', {});
  if (cni.typha.enabled === false && cni.typha.replicas !== undefined) issues.report(CALICO_RULES.typhaReplicasWithoutTypha, 'spec.cni.typha.replicas', {});
  const short = podMtuShortfall(n, calicoOverhead(n), 'the Calico encapsulation');
  if (short) issues.report(podMtuRule(n), 'spec.nodes.mtu', short);
}
