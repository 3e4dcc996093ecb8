/** Azure CNI as a `spec.cni` type: AKS combination rules, reserved ranges, subnet sizing, self-managed manifests. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr } from '../../plan/cidr';
import { AKS_OVERLAY_NODE_PREFIX, azureSubnetSizing, type AzureSizing, type SubnetRequirement } from '../../plan/azure-sizing';
import type { CniModule } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { AzureCni } from './azure-cni';
import { IpMasqAgentUserConfig } from './ip-masq-agent';
import { azureRanges, type AzureCniNetwork } from './network';
import type { ResolvedAzureCni } from './spec';

/** Ranges AKS rejects for pod, service and VNet CIDRs (docs.azure.cn aks/azure-cni-overview). */
export const AKS_REJECTED_RANGES = ['169.254.0.0/16', '172.30.0.0/16', '172.31.0.0/16', '192.0.2.0/24'];
/** Agent pool maxPods range AKS accepts. */
export const AKS_MAX_PODS_RANGE = { min: 10, max: 250 } as const;
const fmt = (n: number | bigint) => n.toLocaleString('en-US');

export function azureSizing(n: AzureCniNetwork): AzureSizing {
  const c = n.spec.cni;
  return azureSubnetSizing({ mode: c.mode, maxCount: n.spec.nodes.maxCount, maxSurge: c.maxSurge, maxPods: n.spec.pods.maxPerNode, podIPAllocationMode: c.podIPAllocationMode });
}

/** Destinations pods reach without SNAT: the VNet and the pod ranges, deduplicated, in spec order. */
export function azureNonMasqueradeCidrs(n: AzureCniNetwork): string[] {
  const all = [...azureRanges(n).vnet, ...n.spec.pods.cidrs].map((t) => Cidr.of(t));
  return [...new Set(all.filter((c) => !all.some((o) => o !== c && o.contains(c) && o.prefix < c.prefix)).map((c) => c.toString()))];
}

function parseAt(text: string | undefined, path: string, issues: IssueCollector): Cidr | undefined {
  if (text === undefined) return undefined;
  const c = Cidr.parse(text);
  if (typeof c === 'string') return void issues.add(path, c);
  if (c.family !== 'IPv4') return void issues.add(path, `${text} is ${c.family} (allowed: an IPv4 range)`);
  if (c.hasHostBits) return void issues.add(path, `${text} has host bits set (canonical form: ${c})`);
  return c;
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

function validateRanges(n: AzureCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  const r = azureRanges(n);
  const rejected = AKS_REJECTED_RANGES.map((t) => Cidr.of(t));
  const vnet = r.vnet.map((t, i) => ({ path: `${r.vnetPath}[${i}]`, cidr: parseAt(t, `${r.vnetPath}[${i}]`, issues) }));
  if (r.vnet.length === 0) issues.add('spec.nodes.cidrs', 'is required for azure-cni: the VNet address space (or set spec.cni.vnet.cidrs)');
  const checked = [
    ...n.spec.pods.cidrs.map((t, i) => ({ path: `spec.pods.cidrs[${i}]`, cidr: Cidr.of(t) })),
    ...n.spec.services.cidrs.map((t, i) => ({ path: `spec.services.cidrs[${i}]`, cidr: Cidr.of(t) })),
    ...(c.vnet ? vnet : []),
  ];
  for (const { path, cidr } of checked) {
    const bad = cidr && rejected.find((x) => x.overlaps(cidr));
    if (cidr && bad) issues.add(path, `${cidr} overlaps ${bad}, a range AKS rejects (allowed: ranges outside ${AKS_REJECTED_RANGES.join(', ')})`);
  }
  const inVnet = (cidr: Cidr) => vnet.some((v) => v.cidr?.contains(cidr));
  const vnetText = `[${r.vnet.join(', ')}]`;
  if (r.nodeSubnet === undefined) {
    issues.add('spec.cni.nodeSubnet', 'is required: the node subnet (or give spec.nodes.cidrs, whose first range is used)');
    return;
  }
  const nodeSubnet = parseAt(r.nodeSubnet, r.nodeSubnetPath, issues);
  if (nodeSubnet && r.vnet.length > 0 && !inVnet(nodeSubnet)) issues.add(r.nodeSubnetPath, `${nodeSubnet} is not inside the VNet ${vnetText} (allowed: a subnet of the VNet)`);
  let podSubnet: Cidr | undefined;
  if (c.mode === 'podsubnet') {
    if (c.podSubnet === undefined) {
      issues.add('spec.cni.podSubnet', 'is required with mode podsubnet (allowed: a VNet subnet for pods, equal to spec.pods.cidrs[0])');
    } else {
      podSubnet = parseAt(c.podSubnet, 'spec.cni.podSubnet', issues);
      if (podSubnet && r.vnet.length > 0 && !inVnet(podSubnet)) issues.add('spec.cni.podSubnet', `${podSubnet} is not inside the VNet ${vnetText} (allowed: a subnet of the VNet)`);
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

function sizingSection(n: AzureCniNetwork): string {
  const c = n.spec.cni;
  const r = azureRanges(n);
  const s = azureSizing(n);
  const row = (name: string, cidr: string | undefined, req: SubnetRequirement) => {
    const have = cidr ? Cidr.of(cidr) : undefined;
    const headroom = have ? have.size - BigInt(req.addresses) : undefined;
    return `| ${name} | ${have ?? '-'} | ${req.formula} | ${fmt(req.addresses)} | /${req.prefix} | ${headroom === undefined ? '-' : fmt(headroom)} |`;
  };
  return [
    '## Azure subnet sizing',
    '',
    `Mode ${c.mode} (${c.platform}), ${s.nodes} nodes = spec.nodes.maxCount ${n.spec.nodes.maxCount} + maxSurge ${c.maxSurge}, ${n.spec.pods.maxPerNode} pods per node; Azure reserves 5 addresses per subnet.`,
    '',
    '| Subnet | CIDR | Formula | Addresses needed | Smallest prefix | Headroom |',
    '|---|---|---|---|---|---|',
    row('Node subnet', r.nodeSubnet, s.nodeSubnet),
    ...(s.podSubnet ? [row('Pod subnet', r.podSubnet, s.podSubnet)] : []),
    ...(s.podCidr ? [row('Overlay podCidr', r.podCidr, s.podCidr)] : []),
  ].join('\n');
}

export const azureCniModule: CniModule<ResolvedAzureCni> = {
  type: 'azure-cni',
  displayName: (n: AzureCniNetwork) =>
    n.spec.cni.platform === 'aks' ? `Azure CNI (AKS, ${n.spec.cni.mode}, dataplane ${n.spec.cni.dataplane})` : `Azure CNI ${n.spec.cni.version ?? VERSIONS['azure-cni'].version} (${n.spec.cni.mode})`,
  podAddressing: (n: AzureCniNetwork) => (n.spec.cni.mode === 'overlay' ? 'node-cidr' : 'underlay'),
  podMtu: (n: AzureCniNetwork) => n.spec.nodes.mtu,
  validate(n: AzureCniNetwork, issues: IssueCollector) {
    const fam = n.spec.ipFamilies;
    if (fam.length !== 1 || fam[0] !== 'IPv4') {
      issues.add('spec.ipFamilies', `[${fam.join(', ')}] is not supported for azure-cni by this release (allowed: [IPv4])`);
      return;
    }
    validateCombinations(n, issues);
    validateRanges(n, issues);
  },
  build(scope, n: AzureCniNetwork) {
    const c = n.spec.cni;
    const nonMasqueradeCidrs = azureNonMasqueradeCidrs(n);
    if (c.platform === 'aks') {
      new IpMasqAgentUserConfig(scope, 'ip-masq-agent-user', { nonMasqueradeCidrs });
      return;
    }
    new AzureCni(scope, 'azure-cni', { mode: c.mode, version: c.version, imageRegistry: c.imageRegistry, ipMasqAgent: { nonMasqueradeCidrs } });
  },
  planRows: (n: AzureCniNetwork) => {
    const r = azureRanges(n);
    return [
      { label: 'Azure CNI mode', value: `${n.spec.cni.mode} (${n.spec.cni.platform}), dataplane ${n.spec.cni.dataplane}, network policy ${n.spec.cni.networkPolicy}` },
      { label: 'VNet', value: r.vnet.join(', ') },
      ...(r.nodeSubnet ? [{ label: 'Node subnet', value: Cidr.of(r.nodeSubnet).toString() }] : []),
      ...(r.podSubnet ? [{ label: 'Pod subnet', value: Cidr.of(r.podSubnet).toString() }] : []),
    ];
  },
  planSections: (n: AzureCniNetwork) => [sizingSection(n)],
  // Azure CNI has no encapsulation or agent ports: in vnet/podsubnet modes pods are VNet addresses; in overlay mode
  // the Azure SDN routes the podCidr between nodes. With the AKS-managed Cilium dataplane, node-to-node traffic stays
  // inside the VNet, which the default NSG rule AllowVnetInBound admits.
  nodeTraffic: () => [],
  routesNatively: () => true,
};
