/** Calico's semantic checks (issue point 4): pools, BGP and peers, Felix. Shape errors were reported by zod already. */
import { Cidr, findOverlaps, IpAddress, type IpFamily } from '../../plan/cidr';
import { parseCidrList } from '../../plan/ip-plan';
import type { IssueCollector } from '../../spec/issues';
import { checkDns1123Subdomain } from '../../spec/k8s-names';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { checkPodMtu } from '../common/mtu-check';
import { calicoOverhead, resolvePools, type ResolvedPool } from './pools';
import type { ResolvedCalicoCni } from './spec';

type CalicoNetwork = ResolvedClusterNetwork & { readonly spec: { readonly cni: ResolvedCalicoCni } };

/** Block sizes Calico IPAM accepts. */
export const BLOCK_SIZE_RANGE: Record<IpFamily, readonly [number, number]> = { IPv4: [20, 32], IPv6: [116, 128] };

function checkName(name: string, path: string, seen: Map<string, string>, issues: IssueCollector): void {
  checkDns1123Subdomain(name, path, issues);
  const first = seen.get(name);
  if (first) issues.add(path, `${JSON.stringify(name)} is already used by ${first} (allowed: unique names)`);
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
    const c = Cidr.parse(pool.cidr);
    if (typeof c === 'string') {
      issues.add(cidrPath, c);
      continue;
    }
    if (c.hasHostBits) issues.add(cidrPath, `${pool.cidr} has host bits set (canonical form: ${c})`);
    if (!podRanges.some((r) => r.contains(c))) {
      issues.add(cidrPath, `${c} is not inside spec.pods.cidrs [${podRanges.join(', ')}] (allowed: a pool inside one of the pod ranges)`);
    }
    parsed.push({ pool, cidr: c, path: cidrPath });
  }
  for (const [a, b] of findOverlaps(parsed)) issues.add(b.path, `${b.cidr} overlaps ${a.path} ${a.cidr} (allowed: pools that do not overlap)`);

  for (const pool of pools) {
    const family = pool.family;
    if (!family) continue;
    const c = Cidr.of(pool.cidr);
    const [min, max] = BLOCK_SIZE_RANGE[family];
    const bsPath = pool.declared ? `${pool.path}.blockSize` : pool.path;
    if (pool.blockSize < min || pool.blockSize > max) {
      issues.add(bsPath, `/${pool.blockSize} is out of range for an ${family} pool (allowed: ${min}-${max})`);
    } else if (pool.blockSize < c.prefix) {
      issues.add(bsPath, `/${pool.blockSize} blocks are larger than the pool ${c} (allowed: ${c.prefix}-${max})`);
    }
    const at = (field: string) => (pool.declared ? `${pool.path}.${field}` : 'spec.cni.ipPools');
    if (pool.ipipMode !== 'Never' && pool.vxlanMode !== 'Never') {
      issues.add(at('vxlanMode'), `${pool.vxlanMode} while ipipMode is ${pool.ipipMode} (allowed: at most one encapsulation per pool; set the other to Never)`);
    }
    if (pool.ipipMode !== 'Never' && family === 'IPv6') {
      issues.add(at('ipipMode'), `${pool.ipipMode} on an IPv6 pool (allowed: Never; IP-in-IP carries IPv4 only, use vxlanMode)`);
    } else if (pool.ipipMode !== 'Never' && !cni.bgp.enabled) {
      issues.add(at('ipipMode'), `${pool.ipipMode} needs the BGP backend but spec.cni.bgp.enabled is false (allowed: Never, or vxlanMode instead)`);
    }
  }
  checkCapacity(n, pools, issues);
}

/** Every family has an enabled pool, and the blocks in a family's enabled pools can serve nodes.maxCount nodes. */
function checkCapacity(n: CalicoNetwork, pools: ResolvedPool[], issues: IssueCollector): void {
  const { maxCount, count } = n.spec.nodes;
  const declared = n.spec.cni.ipPools !== undefined;
  for (const family of n.spec.ipFamilies) {
    const enabled = pools.filter((p) => p.family === family && !p.disabled);
    if (declared && enabled.length === 0) {
      issues.add('spec.cni.ipPools', `has no enabled ${family} pool but ipFamilies includes ${family} (allowed: at least one enabled pool per family)`);
      continue;
    }
    let blocks = 0n;
    for (const p of enabled) {
      const c = Cidr.of(p.cidr);
      if (p.blockSize >= c.prefix) blocks += c.countBlocks(p.blockSize);
    }
    if (blocks < BigInt(maxCount)) {
      const path = declared ? 'spec.cni.ipPools' : maxCount !== count ? 'spec.nodes.maxCount' : 'spec.nodes.count';
      const sizes = [...new Set(enabled.map((p) => `/${p.blockSize}`))].join(', ');
      issues.add(
        path,
        `${maxCount} nodes need at least ${maxCount} blocks but the enabled ${family} pools hold ${blocks} blocks of ${sizes} (allowed: at most ${blocks} nodes, larger pools or a longer blockSize)`,
      );
    }
  }
}

function checkBgp(n: CalicoNetwork, issues: IssueCollector): void {
  const bgp = n.spec.cni.bgp;
  if (!bgp.enabled) {
    if (bgp.peers.length > 0) issues.add('spec.cni.bgp.peers', `lists ${bgp.peers.length} peer(s) but spec.cni.bgp.enabled is false (allowed: no peers without BGP)`);
    return;
  }
  if (!bgp.nodeToNodeMeshEnabled && bgp.peers.length === 0) {
    issues.add(
      'spec.cni.bgp.nodeToNodeMeshEnabled',
      'false with no spec.cni.bgp.peers: nodes would learn no routes to each other (allowed: true, or add peers such as ToR routers or route reflectors)',
    );
  }
  const names = new Map<string, string>();
  bgp.peers.forEach((p, i) => {
    const base = `spec.cni.bgp.peers[${i}]`;
    checkName(p.name, `${base}.name`, names, issues);
    if (p.peerIP !== undefined && p.peerSelector !== undefined) {
      issues.add(`${base}.peerSelector`, 'is combined with peerIP (allowed: peerIP + asNumber for an external router, or peerSelector alone for Calico nodes)');
    } else if (p.peerIP === undefined && p.peerSelector === undefined) {
      issues.add(base, 'has neither peerIP nor peerSelector (allowed: peerIP + asNumber for an external router, or peerSelector for Calico nodes)');
    }
    if (p.peerIP !== undefined) {
      const addr = parsePeerIP(p.peerIP);
      if (typeof addr === 'string') issues.add(`${base}.peerIP`, addr);
      else if (!n.spec.ipFamilies.includes(addr.family)) {
        issues.add(`${base}.peerIP`, `${p.peerIP} is ${addr.family} but ipFamilies is [${n.spec.ipFamilies.join(', ')}] (allowed: a peer of a family the cluster uses)`);
      }
      if (p.asNumber === undefined) issues.add(`${base}.asNumber`, 'is required with peerIP (allowed: 1-4294967295, the external router\'s AS)');
    } else if (p.peerSelector !== undefined && p.asNumber !== undefined) {
      issues.add(`${base}.asNumber`, 'is set with peerSelector (allowed: only with peerIP; selected Calico nodes use their own AS)');
    }
  });
  const services = n.spec.services.cidrs.map((t) => Cidr.of(t));
  for (const r of parseCidrList(bgp.serviceClusterIPs, 'spec.cni.bgp.serviceClusterIPs', 'service', issues)) {
    if (!services.some((s) => s.contains(r.cidr))) {
      issues.add(r.path, `${r.cidr} is not inside spec.services.cidrs [${services.join(', ')}] (allowed: the service range or a part of it)`);
    }
  }
  parseCidrList(bgp.serviceExternalIPs, 'spec.cni.bgp.serviceExternalIPs', 'service', issues);
  parseCidrList(bgp.serviceLoadBalancerIPs, 'spec.cni.bgp.serviceLoadBalancerIPs', 'service', issues);
}

/** Every Calico check; `pools` default to the resolved pools of `n`. */
export function validateCalico(n: CalicoNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  checkPools(n, resolvePools(n), issues);
  checkBgp(n, issues);
  if (cni.felix?.bpfEnabled && !cni.kubernetesServiceEndpoint) {
    issues.add('spec.cni.kubernetesServiceEndpoint', 'is required with spec.cni.felix.bpfEnabled (allowed: {host, port} of the API server; eBPF mode replaces kube-proxy, so calico-node cannot use the kubernetes Service)');
  }
  if (cni.typha.enabled === false && cni.typha.replicas !== undefined) {
    issues.add('spec.cni.typha.replicas', 'is set but spec.cni.typha.enabled is false (allowed: no replicas without Typha)');
  }
  checkPodMtu(n, calicoOverhead(n), 'the Calico encapsulation', issues);
}
