/**
 * Checks of the datapath knobs (bpf.masquerade, loadBalancer, socketLB, bandwidthManager, egressGateway) and of
 * extraConfig, on the resolved settings so the spec (paths `spec.cni.*`) and the construct props (paths as the props
 * spell them) share one implementation. Each check mirrors what the 1.19 agent does at start-up (see ./rules.ts).
 */
import { issueOf, type SpecIssue } from '../../spec/issues';
import { ciliumConfigData } from './config-map';
import type { ResolvedCiliumProps } from './defaults';
import { CILIUM_DATAPATH_RULES as R } from './rules';

/**
 * cilium-config keys the spec models, with the field that sets them: extraConfig must not set these (the typed field
 * is checked, an extra key is not). `cluster-name` is not here: the spec does not model it.
 */
export const CILIUM_MODELED_KEYS: Readonly<Record<string, string>> = {
  'enable-ipv4': 'spec.ipFamilies',
  'enable-ipv6': 'spec.ipFamilies',
  mtu: 'spec.nodes.mtu',
  ipam: 'ipam.mode',
  'cluster-pool-ipv4-cidr': 'ipam.clusterPoolIPv4PodCIDRList',
  'cluster-pool-ipv4-mask-size': 'ipam.clusterPoolIPv4MaskSize',
  'cluster-pool-ipv6-cidr': 'spec.pods.cidrs',
  'cluster-pool-ipv6-mask-size': 'spec.pods.nodeMaskSizeIPv6',
  'routing-mode': 'routingMode',
  'tunnel-protocol': 'tunnelProtocol',
  'tunnel-port': 'tunnelPort',
  'underlay-protocol': 'underlayProtocol',
  'ipv4-native-routing-cidr': 'ipv4NativeRoutingCIDR',
  'ipv6-native-routing-cidr': 'ipv6NativeRoutingCIDR',
  'auto-direct-node-routes': 'autoDirectNodeRoutes',
  'kube-proxy-replacement': 'kubeProxyReplacement',
  'enable-ipsec': 'encryption',
  'ipsec-key-file': 'encryption.keySecret',
  'enable-wireguard': 'encryption',
  'enable-hubble': 'hubble.enabled',
  'enable-policy': 'policyEnforcementMode',
  'enable-bpf-masquerade': 'bpf.masquerade',
  'bpf-lb-mode': 'loadBalancer.mode',
  'bpf-lb-dsr-dispatch': 'loadBalancer.dsrDispatch',
  devices: 'devices',
  'bpf-lb-sock': 'socketLB.enabled',
  'bpf-lb-sock-hostns-only': 'socketLB.hostNamespaceOnly',
  'enable-bandwidth-manager': 'bandwidthManager.enabled',
  'enable-bbr': 'bandwidthManager.bbr',
  'enable-egress-gateway': 'egressGateway.enabled',
};

type Found = SpecIssue[];

/** Load-balancer mode: the checks of InitKubeProxyReplacementOptions, in its order (the agent stops at the first). */
function checkLoadBalancer(s: ResolvedCiliumProps, at: (f: string) => string, out: Found): void {
  const mode = s.loadBalancer?.mode;
  const dispatch = s.loadBalancer?.dsrDispatch;
  const dsr = mode === 'dsr' || mode === 'hybrid';
  if (dispatch && !dsr) out.push(issueOf(R.dsrDispatchSnat, at('loadBalancer.dsrDispatch'), {}));
  if (!dsr) return;
  if (!s.kubeProxyReplacement) {
    out.push(issueOf(R.lbModeWithoutKpr, at('loadBalancer.mode'), { mode }));
    return;
  }
  const tunnel = s.routingMode === 'tunnel';
  const used = dispatch ?? 'opt';
  if (tunnel && s.tunnelProtocol === 'vxlan') out.push(issueOf(R.dsrVxlan, at('loadBalancer.mode'), { mode }));
  else if (tunnel && used !== 'geneve') out.push(issueOf(R.dsrTunnelDispatch, at('loadBalancer.dsrDispatch'), { mode, dispatch: used }));
  else if (used === 'geneve' && s.tunnelProtocol !== 'geneve') out.push(issueOf(R.dsrGeneveProtocol, at('loadBalancer.dsrDispatch'), { mode, protocol: s.tunnelProtocol }));
}

function checkSocketLb(s: ResolvedCiliumProps, at: (f: string) => string, out: Found): void {
  const sock = s.socketLB;
  if (sock?.enabled === false && s.kubeProxyReplacement) out.push(issueOf(R.socketLbOverridden, at('socketLB.enabled'), {}));
  if (sock?.hostNamespaceOnly && !sock.enabled && !s.kubeProxyReplacement) out.push(issueOf(R.socketLbHostnsOnlyIgnored, at('socketLB.hostNamespaceOnly'), {}));
}

/** Why the agent falls back to legacy host routing, if it does (KPR initializer), else undefined. */
function legacyHostRoutingReason(s: ResolvedCiliumProps): string | undefined {
  if (!s.kubeProxyReplacement) return 'kubeProxyReplacement false';
  if (s.encryption?.type === 'ipsec') return 'IPsec encryption';
  if (s.bpf?.masquerade !== true) return 'iptables masquerading (bpf.masquerade not true)';
  return undefined;
}

function checkBandwidthManager(s: ResolvedCiliumProps, at: (f: string) => string, out: Found): void {
  const bwm = s.bandwidthManager;
  if (!bwm) return;
  if (bwm.bbr && !bwm.enabled) out.push(issueOf(R.bbrWithoutBandwidthManager, at('bandwidthManager.bbr'), {}));
  if (!bwm.enabled) return;
  const reason = bwm.bbr ? legacyHostRoutingReason(s) : undefined;
  // Without kube-proxy replacement the daemon config falls back to legacy host routing before the bandwidth manager
  // starts, which then refuses BBR; the IPsec / iptables-masquerade fallbacks happen later, in the daemon's own start.
  if (reason) out.push(issueOf(s.kubeProxyReplacement ? R.bbrLateHostRouting : R.bbrHostRouting, at('bandwidthManager.bbr'), { reason }));
  if (s.encryption?.type === 'ipsec') out.push(issueOf(R.bandwidthManagerIpsec, at('bandwidthManager.enabled'), {}));
}

function checkMasquerade(s: ResolvedCiliumProps, at: (f: string) => string, out: Found): void {
  if (s.egressGateway?.enabled) {
    if (s.bpf?.masquerade !== true) out.push(issueOf(R.egressGatewayBpfMasquerade, at('bpf.masquerade'), {}));
    if (!s.kubeProxyReplacement) out.push(issueOf(R.egressGatewayKpr, at('kubeProxyReplacement'), {}));
    if (!s.ipv4) out.push(issueOf(R.egressGatewayIpv4, at('egressGateway.enabled'), { why: 'IPv4 is not enabled' }));
    else if (s.underlayProtocol === 'ipv6') out.push(issueOf(R.egressGatewayIpv6Underlay, at('egressGateway.enabled'), {}));
  } else if (s.bpf?.masquerade && !s.kubeProxyReplacement) {
    out.push(issueOf(R.bpfMasqueradeWithoutKpr, at('bpf.masquerade'), {}));
  }
}

/** A ConfigMap data key (the spec's schema checks the same; the construct's props are checked here). */
const CONFIG_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** At most 20 names, then how many more (a hostile spec may carry thousands of keys). */
function listed(names: readonly string[]): string {
  return names.length > 20 ? `${names.slice(0, 20).join(', ')} and ${names.length - 20} more` : names.join(', ');
}

/** extraConfig: modeled keys are errors; the others are listed in one warning (naming the chart defaults they replace). */
function checkExtraConfig(s: ResolvedCiliumProps, at: (f: string) => string, out: Found): void {
  const keys = Object.keys(s.extraConfig ?? {}).sort();
  if (keys.length === 0) return;
  const extra: string[] = [];
  for (const key of keys) {
    if (!CONFIG_KEY.test(key) || key in Object.prototype) {
      out.push(issueOf(R.extraConfigKey, at(`extraConfig.${key}`), { key }));
      continue;
    }
    const field = Object.hasOwn(CILIUM_MODELED_KEYS, key) ? CILIUM_MODELED_KEYS[key] : undefined;
    if (field) out.push(issueOf(R.extraConfigModeled, at(`extraConfig.${key}`), { key, field: field.startsWith('spec.') ? field : at(field) }));
    else extra.push(key);
  }
  if (extra.length === 0) return;
  const base = ciliumConfigData({ ...s, extraConfig: undefined });
  const replaced = extra.filter((k) => Object.hasOwn(base, k));
  out.push(issueOf(R.extraConfigKeys, at('extraConfig'), { keys: listed(extra), overrides: replaced.length ? `; replacing the chart's value of ${listed(replaced)}` : '' }));
}

/**
 * Issues (errors and warnings) of the datapath knobs and extraConfig. `prefix` is prepended to each field path
 * (`spec.cni.` for the spec, '' for props).
 */
export function ciliumDatapathIssues(s: ResolvedCiliumProps, prefix: string): readonly SpecIssue[] {
  const at = (f: string) => `${prefix}${f}`;
  const out: Found = [];
  checkLoadBalancer(s, at, out);
  checkSocketLb(s, at, out);
  checkBandwidthManager(s, at, out);
  checkMasquerade(s, at, out);
  checkExtraConfig(s, at, out);
  return out;
}
