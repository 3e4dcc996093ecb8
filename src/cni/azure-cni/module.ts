/** Azure CNI as a `spec.cni` type: AKS combination rules, reserved ranges, subnet sizing, self-managed manifests. */
import { Cidr } from '../../plan/cidr';
import { fmt } from '../common/format';
import type { SubnetRequirement } from '../../plan/azure-sizing';
import type { CniModule } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { AzureCni } from './azure-cni';
import { azureSizing, validateAzure } from './checks';
import { IpMasqAgentUserConfig } from './ip-masq-agent';
import { azureRanges, azureVnet, type AzureCniNetwork } from './network';
import type { ResolvedAzureCni } from './spec';

export { AKS_MAX_PODS_RANGE, AKS_REJECTED_RANGES, azureSizing } from './checks';

/** AKS's default agent pool maxPods per mode (ANCHORS.md §2.3). */
export const AKS_DEFAULT_MAX_PODS = { overlay: 250, podsubnet: 110, vnet: 30 } as const;
/** AKS's default service range (networkProfile.serviceCidr); its DNS IP, the 10th address, is AKS's 10.0.0.10. */
export const AKS_DEFAULT_SERVICE_CIDR = '10.0.0.0/16';
/** AKS's default IPv6 service range on a dual-stack cluster (azure-cni-overlay.md: `10.0.0.0/16,fd12:3456:789a:1::/108`). */
export const AKS_DEFAULT_SERVICE_CIDR_IPV6 = 'fd12:3456:789a:1::/108';

/** Destinations pods reach without SNAT: the VNet and the pod ranges, deduplicated, in spec order. */
export function azureNonMasqueradeCidrs(n: AzureCniNetwork): string[] {
  const all = [...azureRanges(n).vnet, ...n.spec.pods.cidrs].map((t) => Cidr.of(t));
  return [...new Set(all.filter((c) => !all.some((o) => o !== c && o.contains(c) && o.prefix < c.prefix)).map((c) => c.toString()))];
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
  // On AKS the defaults are AKS's; a self-managed kubelet keeps Kubernetes' 110 and the kubeadm service range.
  defaultMaxPerNode: (n: AzureCniNetwork) => (n.spec.cni.platform === 'aks' ? AKS_DEFAULT_MAX_PODS[n.spec.cni.mode] : undefined),
  defaultServiceCidrs: (n: AzureCniNetwork) => {
    if (n.spec.cni.platform !== 'aks') return undefined;
    const families = n.spec.ipFamilies.join();
    if (families === 'IPv4') return [AKS_DEFAULT_SERVICE_CIDR];
    return families === 'IPv4,IPv6' ? [AKS_DEFAULT_SERVICE_CIDR, AKS_DEFAULT_SERVICE_CIDR_IPV6] : undefined;
  },
  underlayRanges: azureVnet,
  validate: validateAzure,
  build(scope, n: AzureCniNetwork) {
    const c = n.spec.cni;
    const nonMasqueradeCidrs = azureNonMasqueradeCidrs(n);
    if (c.platform === 'aks') {
      new IpMasqAgentUserConfig(scope, 'ip-masq-agent-user', { nonMasqueradeCidrs });
      return;
    }
    new AzureCni(scope, 'azure-cni', { version: c.version, imageRegistry: c.imageRegistry, ipMasqAgent: { nonMasqueradeCidrs } });
  },
  planRows: (n: AzureCniNetwork) => {
    const r = azureRanges(n);
    return [
      { label: 'Azure CNI mode', value: `${n.spec.cni.mode} (${n.spec.cni.platform}), dataplane ${n.spec.cni.dataplane}, network policy ${n.spec.cni.networkPolicy}` },
      { label: 'VNet', value: r.vnet.join(', ') },
      ...(r.nodeSubnet ? [{ label: 'Node subnet', value: Cidr.of(r.nodeSubnet).toString() }] : []),
      ...(r.nodeSubnetIPv6 ? [{ label: 'Node subnet (IPv6)', value: Cidr.of(r.nodeSubnetIPv6).toString() }] : []),
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
