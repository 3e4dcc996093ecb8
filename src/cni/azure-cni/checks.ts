/** Azure CNI checks: AKS combination rules, ranges AKS rejects, VNet / subnet placement and subnet sizing. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr } from '../../plan/cidr';
import { fmt } from '../common/format';
import { AKS_OVERLAY_NODE_PREFIX, azureSubnetSizing, type AzureSizing, type SubnetRequirement } from '../../plan/azure-sizing';
import { parseCidrAt, type LabelledCidr } from '../../plan/ip-plan';
import { requireIPv4Only } from '../common/ip-families';
import { azureRanges, type AzureCniNetwork } from './network';

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

function checkFits(req: SubnetRequirement, cidr: Cidr, path: string, what: string, issues: IssueCollector): void {
  if (cidr.size >= BigInt(req.addresses)) return;
  issues.add(path, `${cidr} has ${fmt(cidr.size)} addresses but the ${what} needs ${req.formula} = ${fmt(req.addresses)} (allowed: /${req.prefix} or larger, or fewer spec.nodes.maxCount / spec.pods.maxPerNode)`);
}

function validateCombinations(n: AzureCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  if (c.dataplane === 'cilium' && c.mode === 'vnet') {
    issues.add('spec.cni.dataplane', 'cilium needs mode overlay or podsubnet, but mode is vnet (allowed: dataplane azure with mode vnet)');
  }
  if (c.networkPolicy === 'cilium' && c.dataplane !== 'cilium') {
    issues.add('spec.cni.networkPolicy', `cilium needs spec.cni.dataplane cilium, but it is ${c.dataplane} (allowed: none, azure or calico with dataplane azure)`);
  }
  if (c.dataplane === 'cilium' && (c.networkPolicy === 'azure' || c.networkPolicy === 'calico')) {
    issues.add('spec.cni.networkPolicy', `${c.networkPolicy} cannot run with the Cilium dataplane, which enforces policy itself (allowed: cilium or none)`);
  }
  if (c.mode !== 'podsubnet' && c.podSubnet !== undefined) {
    issues.add('spec.cni.podSubnet', `is set but mode is ${c.mode} (allowed: only with mode podsubnet)`);
  }
  if (c.platform === 'self-managed') {
    if (c.mode !== 'vnet') issues.add('spec.cni.mode', `${c.mode} needs azure-cns and the AKS control plane, which a self-managed cluster lacks (allowed: vnet with platform self-managed, or platform aks)`);
    if (c.dataplane !== 'azure') issues.add('spec.cni.dataplane', `${c.dataplane} is AKS-managed (allowed: azure with platform self-managed)`);
    if (c.networkPolicy !== 'none') issues.add('spec.cni.networkPolicy', `${c.networkPolicy} is installed by AKS, not by this CNI (allowed: none with platform self-managed; add a policy engine separately)`);
  } else {
    const mp = n.spec.pods.maxPerNode;
    if (mp < AKS_MAX_PODS_RANGE.min || mp > AKS_MAX_PODS_RANGE.max) {
      issues.add('spec.pods.maxPerNode', `${mp} is outside the range AKS accepts for agent pool maxPods (allowed: ${AKS_MAX_PODS_RANGE.min}-${AKS_MAX_PODS_RANGE.max})`);
    }
  }
}

/** AKS only: no range of the spec may touch a range AKS rejects, and the service range must be smaller than /12. */
function validateAksRanges(n: AzureCniNetwork, own: readonly LabelledCidr[], issues: IssueCollector): void {
  const rejected = AKS_REJECTED_RANGES.map((t) => Cidr.of(t));
  const r = azureRanges(n);
  const list = (texts: readonly string[] | undefined, base: string) => (texts ?? []).map((t, i) => ({ path: `${base}[${i}]`, cidr: Cidr.of(t) }));
  const all = [...list(r.vnet, r.vnetPath), ...(r.vnetPath !== 'spec.nodes.cidrs' ? list(n.spec.nodes.cidrs, 'spec.nodes.cidrs') : []), ...own, ...list(n.spec.pods.cidrs, 'spec.pods.cidrs'), ...list(n.spec.services.cidrs, 'spec.services.cidrs')];
  for (const { path, cidr } of all) {
    const bad = rejected.find((x) => x.overlaps(cidr));
    if (bad) issues.add(path, `${cidr} overlaps ${bad}, a range AKS rejects (allowed: ranges outside ${AKS_REJECTED_RANGES.join(', ')})`);
  }
  const svc = Cidr.of(n.spec.services.cidrs[0]);
  if (svc.prefix < AKS_LARGEST_SERVICE_PREFIX) {
    issues.add('spec.services.cidrs[0]', `${svc} is too large for AKS, which needs a service range smaller than /12 (allowed: /${AKS_LARGEST_SERVICE_PREFIX} or longer)`);
  }
}

function validateRanges(n: AzureCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  const r = azureRanges(n);
  // The common checks parsed the VNet (see azureVnet), the pod and the service ranges, and compared them.
  const vnet = r.vnet.map((t) => Cidr.of(t));
  if (r.vnet.length === 0) issues.add('spec.nodes.cidrs', 'is required for azure-cni: the VNet address space (or set spec.cni.vnet.cidrs)');
  const ipv4 = { family: 'IPv4', why: 'azure-cni subnets are IPv4 in this release' } as const;
  const own: LabelledCidr[] = [];
  const inVnet = (cidr: Cidr) => vnet.some((v) => v.contains(cidr));
  const vnetText = `[${r.vnet.join(', ')}]`;
  if (r.nodeSubnet === undefined) {
    issues.add('spec.cni.nodeSubnet', 'is required: the node subnet (or give spec.nodes.cidrs, whose first range is used)');
    return;
  }
  const nodeSubnet = parseCidrAt(r.nodeSubnet, r.nodeSubnetPath, 'node', issues, ipv4)?.cidr;
  if (nodeSubnet && r.nodeSubnetPath === 'spec.cni.nodeSubnet') own.push({ path: r.nodeSubnetPath, cidr: nodeSubnet, role: 'node' });
  if (nodeSubnet && vnet.length > 0 && !inVnet(nodeSubnet)) issues.add(r.nodeSubnetPath, `${nodeSubnet} is not inside the VNet ${vnetText} (allowed: a subnet of the VNet)`);
  let podSubnet: Cidr | undefined;
  if (c.mode === 'podsubnet') {
    if (c.podSubnet === undefined) {
      issues.add('spec.cni.podSubnet', 'is required with mode podsubnet (allowed: a VNet subnet for pods, equal to spec.pods.cidrs[0])');
    } else {
      podSubnet = parseCidrAt(c.podSubnet, 'spec.cni.podSubnet', 'pod', issues, ipv4)?.cidr;
      if (podSubnet) own.push({ path: 'spec.cni.podSubnet', cidr: podSubnet, role: 'pod' });
      if (podSubnet && vnet.length > 0 && !inVnet(podSubnet)) issues.add('spec.cni.podSubnet', `${podSubnet} is not inside the VNet ${vnetText} (allowed: a subnet of the VNet)`);
      if (podSubnet && nodeSubnet && podSubnet.overlaps(nodeSubnet)) issues.add('spec.cni.podSubnet', `${podSubnet} overlaps the node subnet ${nodeSubnet} (allowed: separate node and pod subnets)`);
      if (podSubnet && Cidr.of(n.spec.pods.cidrs[0]).toString() !== podSubnet.toString()) {
        issues.add('spec.pods.cidrs[0]', `${Cidr.of(n.spec.pods.cidrs[0])} differs from spec.cni.podSubnet ${podSubnet} (allowed: pods.cidrs is [podSubnet] in mode podsubnet)`);
      }
    }
  }
  if (c.mode === 'vnet' && nodeSubnet && Cidr.of(n.spec.pods.cidrs[0]).toString() !== nodeSubnet.toString()) {
    issues.add('spec.pods.cidrs[0]', `${Cidr.of(n.spec.pods.cidrs[0])} differs from the node subnet ${nodeSubnet} (allowed: pods.cidrs is [nodeSubnet] in mode vnet, where pods share the node subnet)`);
  }
  if (c.mode === 'overlay' && n.spec.pods.nodeMaskSize !== AKS_OVERLAY_NODE_PREFIX) {
    issues.add('spec.pods.nodeMaskSize', `/${n.spec.pods.nodeMaskSize} is not the /${AKS_OVERLAY_NODE_PREFIX} per node Azure CNI Overlay uses (allowed: ${AKS_OVERLAY_NODE_PREFIX})`);
  }
  if (c.platform === 'aks') validateAksRanges(n, own, issues);
  if (!issues.ok) return;
  const sizing = azureSizing(n);
  if (nodeSubnet) checkFits(sizing.nodeSubnet, nodeSubnet, r.nodeSubnetPath, c.mode === 'vnet' ? 'node subnet (nodes and pods)' : 'node subnet', issues);
  if (sizing.podSubnet && podSubnet) checkFits(sizing.podSubnet, podSubnet, 'spec.cni.podSubnet', `pod subnet (${c.podIPAllocationMode})`, issues);
  if (sizing.podCidr) {
    const podCidr = Cidr.of(n.spec.pods.cidrs[0]);
    const blocks = podCidr.countBlocks(AKS_OVERLAY_NODE_PREFIX);
    if (blocks < BigInt(sizing.nodes)) {
      issues.add('spec.pods.cidrs[0]', `${podCidr} holds ${fmt(blocks)} /${AKS_OVERLAY_NODE_PREFIX} node blocks but ${sizing.podCidr.formula} = ${fmt(sizing.podCidr.addresses)} addresses are needed (allowed: /${sizing.podCidr.prefix} or larger, or fewer spec.nodes.maxCount)`);
    }
  }
}

/** Every Azure CNI check (shape and common IP-plan checks have passed). */
export function validateAzure(n: AzureCniNetwork, issues: IssueCollector): void {
  if (!requireIPv4Only(n, 'azure-cni', issues)) return;
  validateCombinations(n, issues);
  validateRanges(n, issues);
}
