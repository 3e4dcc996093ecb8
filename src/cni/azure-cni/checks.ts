/** Azure CNI checks: AKS combination rules, IP families, ranges AKS rejects, VNet / subnet placement and subnet sizing. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr } from '../../plan/cidr';
import { fmt } from '../common/format';
import { AKS_OVERLAY_NODE_PREFIX, azureSubnetSizing, type AzureSizing, type SubnetRequirement } from '../../plan/azure-sizing';
import { parseCidrAt, type LabelledCidr } from '../../plan/ip-plan';
import { AZURE_IPV6_SUBNET_PREFIX, azureRanges, type AzureCniNetwork } from './network';
import { AZURE_RULES } from './rules';

/** Ranges AKS rejects for pod, service and VNet CIDRs (docs.azure.cn aks/azure-cni-overview). */
export const AKS_REJECTED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];
/** Agent pool maxPods range AKS accepts. */
export const AKS_MAX_PODS_RANGE = { min: 10, max: 250 } as const;
/** The longest-allowed AKS service range: AKS requires a service CIDR smaller than /12 (ANCHORS.md §2.1). */
export const AKS_LARGEST_SERVICE_PREFIX = 13;

export function azureSizing(n: AzureCniNetwork): AzureSizing {
  const c = n.spec.cni;
  return azureSubnetSizing({ mode: c.mode, maxCount: n.spec.nodes.maxCount, maxSurge: c.maxSurge, maxPods: n.spec.pods.maxPerNode, podIPAllocationMode: c.podIPAllocationMode });
}

/** The range of `family` in `cidrs`, ordered like `ipFamilies`, with its path. */
function ofFamily(n: AzureCniNetwork, list: 'pods' | 'services', family: 'IPv4' | 'IPv6'): { path: string; cidr: Cidr } | undefined {
  const i = n.spec.ipFamilies.indexOf(family);
  const text = n.spec[list].cidrs[i];
  return i < 0 || text === undefined ? undefined : { path: `spec.${list}.cidrs[${i}]`, cidr: Cidr.of(text) };
}

function checkFits(req: SubnetRequirement, cidr: Cidr, path: string, what: string, issues: IssueCollector): void {
  if (cidr.size >= BigInt(req.addresses)) return;
  issues.report(AZURE_RULES.subnetTooSmall, path, { cidr: cidr.toString(), size: fmt(cidr.size), what, formula: req.formula, addresses: fmt(req.addresses), prefix: req.prefix });
}

/**
 * IP families: AKS takes [IPv4] or, with Azure CNI Overlay, [IPv4, IPv6]; dual-stack rules out Azure and Calico
 * policies. Returns false when the families are refused (later checks assume them).
 */
function validateFamilies(n: AzureCniNetwork, issues: IssueCollector): boolean {
  const c = n.spec.cni;
  const fam = n.spec.ipFamilies;
  const text = `[${fam.join(', ')}]`;
  if (fam.length === 1 && fam[0] === 'IPv4') return true;
  if (c.platform === 'self-managed') {
    issues.report(AZURE_RULES.selfManagedAksOnly, 'spec.ipFamilies', { value: text, why: 'needs Azure CNI Overlay, which needs azure-cns and the AKS control plane', allowed: '[IPv4] with platform self-managed' });
    return false;
  }
  if (fam[0] !== 'IPv4' || fam.length !== 2) {
    issues.report(AZURE_RULES.ipFamilies, 'spec.ipFamilies', { value: text, why: 'is not accepted by AKS, whose ipFamilies are ipv4 or ipv4,ipv6', allowed: '[IPv4], or [IPv4, IPv6] with mode overlay' });
    return false;
  }
  if (c.mode !== 'overlay') {
    issues.report(AZURE_RULES.ipFamilies, 'spec.ipFamilies', { value: text, why: `needs mode overlay, but mode is ${c.mode}: AKS runs dual-stack only with Azure CNI Overlay`, allowed: `[IPv4] with mode ${c.mode}` });
    return false;
  }
  if (c.networkPolicy === 'azure' || c.networkPolicy === 'calico') issues.report(AZURE_RULES.dualStackNetworkPolicy, 'spec.cni.networkPolicy', { policy: c.networkPolicy });
  // AKS's IPv6 service range limit (/108) equals kube-apiserver's, which the common IP-plan checks already apply.
  return true;
}

function validateCombinations(n: AzureCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  if (c.networkPolicy === 'cilium' && c.dataplane !== 'cilium') {
    issues.report(AZURE_RULES.ciliumPolicyNeedsCiliumDataplane, 'spec.cni.networkPolicy', { dataplane: c.dataplane });
  }
  if (c.platform === 'aks' && c.dataplane === 'cilium' && c.networkPolicy !== 'cilium') {
    issues.report(AZURE_RULES.ciliumDataplaneNeedsCiliumPolicy, 'spec.cni.networkPolicy', { policy: c.networkPolicy });
  }
  if (c.mode !== 'podsubnet' && c.podSubnet !== undefined) {
    issues.report(AZURE_RULES.podSubnetOutsideMode, 'spec.cni.podSubnet', { mode: c.mode });
  }
  if (c.platform === 'self-managed') {
    const report = (field: string, value: string, why: string, allowed: string) => issues.report(AZURE_RULES.selfManagedAksOnly, `spec.cni.${field}`, { value, why, allowed });
    if (c.mode !== 'vnet') report('mode', c.mode, 'needs azure-cns and the AKS control plane, which a self-managed cluster lacks', 'vnet with platform self-managed, or platform aks');
    if (c.dataplane !== 'azure') report('dataplane', c.dataplane, 'is AKS-managed', 'azure with platform self-managed');
    if (c.networkPolicy !== 'none') report('networkPolicy', c.networkPolicy, 'is installed by AKS, not by this CNI', 'none with platform self-managed; add a policy engine separately');
  } else {
    const mp = n.spec.pods.maxPerNode;
    if (mp < AKS_MAX_PODS_RANGE.min || mp > AKS_MAX_PODS_RANGE.max) {
      issues.report(AZURE_RULES.maxPodsRange, 'spec.pods.maxPerNode', { value: mp, ...AKS_MAX_PODS_RANGE });
    }
  }
}

/** AKS only: no range of the spec may touch a range AKS rejects, and the IPv4 service range must be smaller than /12. */
function validateAksRanges(n: AzureCniNetwork, own: readonly LabelledCidr[], issues: IssueCollector): void {
  const rejected = AKS_REJECTED_RANGES.map((t) => Cidr.of(t));
  const r = azureRanges(n);
  const list = (texts: readonly string[] | undefined, base: string) => (texts ?? []).map((t, i) => ({ path: `${base}[${i}]`, cidr: Cidr.of(t) }));
  const all = [...list(r.vnet, r.vnetPath), ...(r.vnetPath !== 'spec.nodes.cidrs' ? list(n.spec.nodes.cidrs, 'spec.nodes.cidrs') : []), ...own, ...list(n.spec.pods.cidrs, 'spec.pods.cidrs'), ...list(n.spec.services.cidrs, 'spec.services.cidrs')];
  for (const { path, cidr } of all) {
    const bad = rejected.find((x) => x.overlaps(cidr));
    if (bad) issues.report(AZURE_RULES.reservedRange, path, { cidr: cidr.toString(), rejected: bad.toString(), all: AKS_REJECTED_RANGES.join(', ') });
  }
  const svc = ofFamily(n, 'services', 'IPv4');
  if (svc && svc.cidr.prefix < AKS_LARGEST_SERVICE_PREFIX) {
    issues.report(AZURE_RULES.serviceRangeTooLarge, svc.path, { cidr: svc.cidr.toString(), prefix: AKS_LARGEST_SERVICE_PREFIX });
  }
}

/** The IPv6 node subnet of a dual-stack cluster: present, IPv6, a /64, inside the VNet. */
function validateIpv6NodeSubnet(n: AzureCniNetwork, inVnet: (c: Cidr) => boolean, vnetText: string, issues: IssueCollector): void {
  const r = azureRanges(n);
  if (r.nodeSubnetIPv6 === undefined) {
    issues.report(AZURE_RULES.nodeSubnetRequired, r.nodeSubnetIPv6Path, { family: 'IPv6', alternative: `an IPv6 range of /${AZURE_IPV6_SUBNET_PREFIX} or larger in ${r.vnetPath}` });
    return;
  }
  const v6 = parseCidrAt(r.nodeSubnetIPv6, r.nodeSubnetIPv6Path, 'node', issues, { family: 'IPv6', why: 'it is the IPv6 node subnet' })?.cidr;
  if (!v6) return;
  if (v6.prefix !== AZURE_IPV6_SUBNET_PREFIX) issues.report(AZURE_RULES.ipv6SubnetSize, r.nodeSubnetIPv6Path, { cidr: v6.toString() });
  if (!inVnet(v6)) issues.report(AZURE_RULES.subnetOutsideVnet, r.nodeSubnetIPv6Path, { cidr: v6.toString(), vnet: vnetText });
}

function validateRanges(n: AzureCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  const r = azureRanges(n);
  // The common checks parsed the VNet (see azureVnet), the pod and the service ranges, and compared them.
  const vnet = r.vnet.map((t) => Cidr.of(t));
  if (r.vnet.length === 0) issues.report(AZURE_RULES.vnetRequired, 'spec.nodes.cidrs', {});
  const ipv4 = { family: 'IPv4', why: 'azure-cni node and pod subnets are IPv4 (the IPv6 node subnet is spec.cni.nodeSubnetIPv6)' } as const;
  const own: LabelledCidr[] = [];
  const inVnet = (cidr: Cidr) => vnet.some((v) => v.contains(cidr));
  const vnetText = `[${r.vnet.join(', ')}]`;
  if (r.nodeSubnet === undefined) {
    issues.report(AZURE_RULES.nodeSubnetRequired, 'spec.cni.nodeSubnet', { family: 'IPv4', alternative: 'spec.nodes.cidrs, whose first IPv4 range is used' });
    return;
  }
  const nodeSubnet = parseCidrAt(r.nodeSubnet, r.nodeSubnetPath, 'node', issues, ipv4)?.cidr;
  if (nodeSubnet && r.nodeSubnetPath === 'spec.cni.nodeSubnet') own.push({ path: r.nodeSubnetPath, cidr: nodeSubnet, role: 'node' });
  if (nodeSubnet && vnet.length > 0 && !inVnet(nodeSubnet)) issues.report(AZURE_RULES.subnetOutsideVnet, r.nodeSubnetPath, { cidr: nodeSubnet.toString(), vnet: vnetText });
  if (n.spec.ipFamilies.includes('IPv6') && vnet.length > 0) validateIpv6NodeSubnet(n, inVnet, vnetText, issues);
  let podSubnet: Cidr | undefined;
  if (c.mode === 'podsubnet') {
    if (c.podSubnet === undefined) {
      issues.report(AZURE_RULES.podSubnetRequired, 'spec.cni.podSubnet', {});
    } else {
      podSubnet = parseCidrAt(c.podSubnet, 'spec.cni.podSubnet', 'pod', issues, ipv4)?.cidr;
      if (podSubnet) own.push({ path: 'spec.cni.podSubnet', cidr: podSubnet, role: 'pod' });
      if (podSubnet && vnet.length > 0 && !inVnet(podSubnet)) issues.report(AZURE_RULES.subnetOutsideVnet, 'spec.cni.podSubnet', { cidr: podSubnet.toString(), vnet: vnetText });
      if (podSubnet && nodeSubnet && podSubnet.overlaps(nodeSubnet)) issues.report(AZURE_RULES.subnetsOverlap, 'spec.cni.podSubnet', { pod: podSubnet.toString(), node: nodeSubnet.toString() });
      if (podSubnet && Cidr.of(n.spec.pods.cidrs[0]).toString() !== podSubnet.toString()) {
        const allowed = 'pods.cidrs is [podSubnet] in mode podsubnet';
        issues.report(AZURE_RULES.podRangeMismatch, 'spec.pods.cidrs[0]', { pods: Cidr.of(n.spec.pods.cidrs[0]).toString(), which: 'spec.cni.podSubnet', subnet: podSubnet.toString(), allowed });
      }
    }
  }
  if (c.mode === 'vnet' && nodeSubnet && Cidr.of(n.spec.pods.cidrs[0]).toString() !== nodeSubnet.toString()) {
    const allowed = 'pods.cidrs is [nodeSubnet] in mode vnet, where pods share the node subnet';
    issues.report(AZURE_RULES.podRangeMismatch, 'spec.pods.cidrs[0]', { pods: Cidr.of(n.spec.pods.cidrs[0]).toString(), which: 'the node subnet', subnet: nodeSubnet.toString(), allowed });
  }
  if (c.mode === 'overlay' && n.spec.pods.nodeMaskSize !== AKS_OVERLAY_NODE_PREFIX) {
    issues.report(AZURE_RULES.overlayNodeMask, 'spec.pods.nodeMaskSize', { value: n.spec.pods.nodeMaskSize, prefix: AKS_OVERLAY_NODE_PREFIX });
  }
  if (c.platform === 'aks') validateAksRanges(n, own, issues);
  if (!issues.ok) return;
  const sizing = azureSizing(n);
  if (nodeSubnet) checkFits(sizing.nodeSubnet, nodeSubnet, r.nodeSubnetPath, c.mode === 'vnet' ? 'node subnet (nodes and pods)' : 'node subnet', issues);
  if (sizing.podSubnet && podSubnet) checkFits(sizing.podSubnet, podSubnet, 'spec.cni.podSubnet', `pod subnet (${c.podIPAllocationMode})`, issues);
  const pods4 = ofFamily(n, 'pods', 'IPv4');
  if (sizing.podCidr && pods4) {
    const blocks = pods4.cidr.countBlocks(AKS_OVERLAY_NODE_PREFIX);
    if (blocks < BigInt(sizing.nodes)) {
      issues.report(AZURE_RULES.overlayPodCidrTooSmall, pods4.path, {
        cidr: pods4.cidr.toString(),
        blocks: fmt(blocks),
        prefix: AKS_OVERLAY_NODE_PREFIX,
        formula: sizing.podCidr.formula,
        addresses: fmt(sizing.podCidr.addresses),
        smallest: sizing.podCidr.prefix,
      });
    }
  }
}

/** Every Azure CNI check (shape and common IP-plan checks have passed). */
export function validateAzure(n: AzureCniNetwork, issues: IssueCollector): void {
  if (!validateFamilies(n, issues)) return;
  validateCombinations(n, issues);
  validateRanges(n, issues);
}
