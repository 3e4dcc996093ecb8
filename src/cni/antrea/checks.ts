/** Antrea's checks: what antrea-agent / antrea-controller v2.7.0 refuse, reported through ANTREA_RULES. */
import { Cidr, type IpFamily } from '../../plan/cidr';
import { parseCidrList } from '../../plan/ip-plan';
import type { IssueCollector } from '../../spec/issues';
import type { NetworkWith } from '../common/cni-module';
import { minimumPodMtu } from '../common/mtu';
import { ANTREA_FEATURE_GATES } from '../../generated/antrea/feature-gates';
import { modelledKeysIn, unknownKeysIn, type AntreaConfigFile } from './extra-config';
import { antreaMtuDeduction, supportsEncap } from './mtu';
import { ANTREA_RULES as R } from './rules';
import type { ResolvedAntreaCni } from './spec';

type AntreaNetwork = NetworkWith<ResolvedAntreaCni>;

/**
 * Gates pkg/features/antrea_features.go v2.7.0 defines that neither conf file of the chart lists (GA gates: AntreaProxy,
 * EndpointSlice, TopologyAwareHints, ServiceTrafficDistribution, NodePortLocal).
 */
export const ANTREA_UNLISTED_GATES = ['AntreaProxy', 'EndpointSlice', 'TopologyAwareHints', 'ServiceTrafficDistribution', 'NodePortLocal'] as const;

/** Every feature gate Antrea v2.7.0 knows. */
export function knownAntreaGates(): Set<string> {
  return new Set([...Object.keys(ANTREA_FEATURE_GATES.agent), ...Object.keys(ANTREA_FEATURE_GATES.controller), ...ANTREA_UNLISTED_GATES]);
}

/** NodeIPAM mask limits (cmd/antrea-controller/options.go ipamIPv4MaskLo/Hi, ipamIPv6MaskLo/Hi) and the IPv6 bitmap limit. */
export const NODE_IPAM_MASKS: Record<IpFamily, { low: number; high: number }> = { IPv4: { low: 16, high: 30 }, IPv6: { low: 64, high: 126 } };
export const NODE_IPAM_IPV6_MAX_DIFF = 16;

/** The NodeIPAM cluster CIDRs: the spec's, or spec.pods.cidrs; each with its path. */
export function nodeIpamRanges(n: AntreaNetwork): { path: string; text: string }[] {
  const own = n.spec.cni.nodeIPAM.clusterCIDRs;
  return own ? own.map((text, i) => ({ path: `spec.cni.nodeIPAM.clusterCIDRs[${i}]`, text })) : n.spec.pods.cidrs.map((text, i) => ({ path: `spec.pods.cidrs[${i}]`, text }));
}

/** Node mask per family, with the spec path it comes from. */
export function nodeIpamMask(n: AntreaNetwork, family: IpFamily): { mask: number; path: string } {
  return family === 'IPv4' ? { mask: n.spec.pods.nodeMaskSize, path: 'spec.pods.nodeMaskSize' } : { mask: n.spec.pods.nodeMaskSizeIPv6, path: 'spec.pods.nodeMaskSizeIPv6' };
}

function checkNodeIpam(n: AntreaNetwork, issues: IssueCollector): void {
  const own = n.spec.cni.nodeIPAM.clusterCIDRs;
  const ranges = own ? parseCidrList(own, 'spec.cni.nodeIPAM.clusterCIDRs', 'pod', issues) : nodeIpamRanges(n).map((r) => ({ path: r.path, cidr: Cidr.of(r.text) }));
  const pods = n.spec.pods.cidrs.map((c) => Cidr.of(c));
  for (const family of ['IPv4', 'IPv6'] as const) {
    const mine = ranges.filter((r) => r.cidr.family === family);
    if (mine.length > 1) issues.report(R.nodeIpamFamilies, 'spec.cni.nodeIPAM.clusterCIDRs', { family });
    if (mine.length !== 1) continue;
    const r = mine[0];
    if (own && !pods.some((p) => p.contains(r.cidr))) issues.report(R.nodeIpamOutsidePods, r.path, { cidr: r.cidr.toString(), pods: n.spec.pods.cidrs.join(', ') });
    const { mask, path } = nodeIpamMask(n, family);
    const { low, high } = NODE_IPAM_MASKS[family];
    const limit = family === 'IPv6' ? Math.min(high, r.cidr.prefix + NODE_IPAM_IPV6_MAX_DIFF) : high;
    const from = Math.max(low, r.cidr.prefix);
    if (mask < low || mask > high) {
      issues.report(R.nodeIpamMask, path, { family, mask, low, high: limit, reason: 'is outside the range antrea-controller accepts' });
    } else if (family === 'IPv6' && mask - r.cidr.prefix > NODE_IPAM_IPV6_MAX_DIFF) {
      issues.report(R.nodeIpamMask, path, { family, mask, low: from, high: limit, reason: `is more than ${NODE_IPAM_IPV6_MAX_DIFF} bits longer than ${r.path} ${r.cidr} ("the Node IPv6 CIDR size is too big")` });
    } else if (mask < r.cidr.prefix) {
      issues.report(R.nodeIpamMask, path, { family, mask, low: from, high: limit, reason: `is shorter than ${r.path} ${r.cidr}` });
    } else {
      const blocks = r.cidr.countBlocks(mask);
      const { maxCount, count } = n.spec.nodes;
      if (blocks < BigInt(maxCount)) {
        issues.report(R.nodeIpamCapacity, maxCount !== count ? 'spec.nodes.maxCount' : 'spec.nodes.count', { nodes: maxCount, blocks: blocks.toString(), mask, range: `${r.path} ${r.cidr}` });
      }
    }
  }
}

function checkFeatureGates(n: AntreaNetwork, issues: IssueCollector): void {
  const gates = n.spec.cni.featureGates;
  const known = knownAntreaGates();
  for (const gate of Object.keys(gates).sort()) if (!known.has(gate)) issues.report(R.unknownFeatureGate, `spec.cni.featureGates.${gate}`, { gate });
  if (gates.AntreaPolicy === false) {
    for (const gate of ['ClusterNetworkPolicy', 'AdminNetworkPolicy']) if (gates[gate]) issues.report(R.policyGatesNeedAntreaPolicy, `spec.cni.featureGates.${gate}`, { gate });
  }
}

function checkExtraConfig(cni: ResolvedAntreaCni, issues: IssueCollector): void {
  for (const [field, file] of [['agentConfig', 'agent'], ['controllerConfig', 'controller']] as const) {
    const conf = `antrea-${file}.conf`;
    const extra = cni[field];
    for (const m of modelledKeysIn(file as AntreaConfigFile, extra, 'spec')) issues.report(R.configModelledKey, `spec.cni.${field}.${m.key}`, { file: conf, field: m.spec! });
    for (const k of unknownKeysIn(file, extra)) issues.report(R.configUnknownKey, `spec.cni.${field}.${k}`, { file: conf });
  }
}

/** The port of a `host`, `host:port`, `[v6]:port` or `scheme://host:port/...` value, when one is given. */
export function apiServerPort(value: string): string | undefined {
  const hostPort = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0];
  const m = /^\[[^\]]*\](?::(.*))?$/.exec(hostPort) ?? (hostPort.split(':').length === 2 ? [hostPort, hostPort.split(':')[1]] : undefined);
  return m?.[1];
}

/** Every Antrea check. */
export function validateAntrea(n: AntreaNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  const mode = cni.trafficEncapMode;
  const ipv6 = n.spec.ipFamilies.includes('IPv6');
  if (cni.trafficEncryptionMode !== 'none' && mode !== 'encap') issues.report(R.encryptionNeedsEncap, 'spec.cni.trafficEncryptionMode', { encryption: cni.trafficEncryptionMode, mode });
  if (cni.tunnelType === 'gre' && supportsEncap(mode) && ipv6) issues.report(R.greWithIpv6, 'spec.cni.tunnelType', { families: n.spec.ipFamilies.join(', ') });
  if (mode !== 'encap' && !cni.antreaProxy.enable) issues.report(R.noEncapNeedsProxy, 'spec.cni.antreaProxy.enable', { mode });
  if (cni.noSNAT && mode !== 'noEncap' && mode !== 'networkPolicyOnly') issues.report(R.noSnatNeedsNoEncap, 'spec.cni.noSNAT', { mode });
  if (cni.trafficEncryptionMode === 'ipsec' && !cni.ipsec) issues.report(R.ipsecPsk, 'spec.cni.ipsec.pskSecret');
  if (cni.trafficEncryptionMode !== 'ipsec' && cni.ipsec) issues.report(R.ipsecWithoutIpsec, 'spec.cni.ipsec', { mode: cni.trafficEncryptionMode });
  if (cni.antreaProxy.proxyAll && !cni.kubeAPIServerOverride) issues.report(R.proxyAllNeedsOverride, 'spec.cni.kubeAPIServerOverride');
  const port = cni.kubeAPIServerOverride !== undefined ? apiServerPort(cni.kubeAPIServerOverride) : undefined;
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    issues.report(R.apiServerOverridePort, 'spec.cni.kubeAPIServerOverride', { value: cni.kubeAPIServerOverride!, port: port || '(empty)' });
  }
  if (mode === 'networkPolicyOnly') issues.report(R.policyOnlyNeedsPrimary, 'spec.cni.trafficEncapMode');
  if (cni.nodeIPAM.enable) checkNodeIpam(n, issues);
  checkFeatureGates(n, issues);
  checkExtraConfig(cni, issues);
  const deduction = antreaMtuDeduction({ trafficEncapMode: mode, tunnelType: cni.tunnelType, trafficEncryptionMode: cni.trafficEncryptionMode, ipv6 });
  const min = minimumPodMtu(n.spec.ipFamilies);
  const mtu = n.spec.nodes.mtu;
  if (deduction > 0 && mtu - deduction < min) issues.report(ipv6 ? R.podMtu : R.podMtuSmall, 'spec.nodes.mtu', { mtu, left: mtu - deduction, deduction, min });
}
