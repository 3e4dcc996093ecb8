/** One refused (or warned) and one nearby accepted spec per Cilium rule (src/cni/cilium/rules.ts). */
import { App, Chart } from 'cdk8s';
import { Cilium } from '../../../src/cni/cilium/cilium';
import { CiliumClusterwideNetworkPolicy, type CiliumClusterwideNetworkPolicyProps } from '../../../src/cni/cilium/network-policy';
import type { CiliumPolicyRules } from '../../../src/cni/cilium/policy-types';
import type { CiliumProps } from '../../../src/cni/cilium/props';
import { validatePolicyRules } from '../../../src/cni/cilium/policy-validation';
import type { SpecIssue, SpecValidationError } from '../../../src/spec/issues';
import { specCase, specWith, type RuleCase } from '../support';

type Json = Record<string, unknown>;
/** A Cilium spec: 10.244.0.0/16 pods in /24 blocks, 3 nodes, with `cni` merged over `type: cilium`. */
const cilium = (cni: Json = {}, spec: Json = {}) => specWith({ cni: { type: 'cilium', ...cni }, ...spec });
const V6 = { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'], nodeMaskSizeIPv6: 64 }, services: { cidrs: ['fd00:10:96::/112'] } };
const DUAL = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], nodeMaskSizeIPv6: 64 }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
const NATIVE = { routingMode: 'native', ipv4NativeRoutingCIDR: '10.244.0.0/16' };
const ISSUER = { name: 'ca', kind: 'ClusterIssuer' };

export const CILIUM_CASES: readonly RuleCase[] = [
  specCase('cilium/cluster-pool-ipv4-only', 'an IPv6 range in the IPv4 pool list', cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['fd00::/104'] } }), cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/16'] } })),
  specCase('cilium/cluster-pool-outside-pods', 'a pool range outside spec.pods.cidrs', cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['10.250.0.0/16'] } }), cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/17'] } })),
  specCase(
    'cilium/cluster-pool-overlap',
    'two pool ranges that overlap',
    cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/17', '10.244.64.0/18'] } }),
    cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/17', '10.244.128.0/18'] } }),
  ),
  specCase('cilium/cluster-pool-mask', 'a node mask shorter than the pool', cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/20'], clusterPoolIPv4MaskSize: 18 } }), cilium({ ipam: { clusterPoolIPv4PodCIDRList: ['10.244.0.0/20'], clusterPoolIPv4MaskSize: 24 } })),
  specCase('cilium/cluster-pool-ipv6-mask-too-long', 'an IPv6 node mask 32 bits longer than the pool', cilium({}, { ...V6, pods: { cidrs: ['fd00:20::/32'], nodeMaskSizeIPv6: 64 } }), cilium({}, { ...V6, pods: { cidrs: ['fd00:20::/48'], nodeMaskSizeIPv6: 64 } })),
  specCase('cilium/cluster-pool-blocks', 'more nodes than /24 blocks in a /20', cilium({}, { pods: { cidrs: ['10.244.0.0/20'] }, nodes: { count: 17 } }), cilium({}, { pods: { cidrs: ['10.244.0.0/20'] }, nodes: { count: 16 } })),
  // A /25 block: 128 − 2 (ipallocator) − router − health = 124 pods, not 125 (size − 3).
  specCase('cilium/cluster-pool-pods-per-node', '125 pods in a /25 block (size − 4 = 124)', cilium({}, { pods: { nodeMaskSize: 25, maxPerNode: 125 } }), cilium({}, { pods: { nodeMaskSize: 25, maxPerNode: 124 } })),
  specCase('cilium/cluster-pool-with-kubernetes-ipam', 'a pool list with kubernetes IPAM', cilium({ ipam: { mode: 'kubernetes', clusterPoolIPv4PodCIDRList: ['10.244.0.0/16'] } }), cilium({ ipam: { mode: 'kubernetes' } })),
  specCase('cilium/tunnel-port-native', 'tunnelPort with native routing', cilium({ ...NATIVE, tunnelPort: 8473 }), cilium({ tunnelPort: 8473 })),
  specCase('cilium/auto-direct-node-routes-tunnel', 'autoDirectNodeRoutes with tunneling', cilium({ autoDirectNodeRoutes: true }), cilium({ ...NATIVE, autoDirectNodeRoutes: true })),
  specCase('cilium/native-routing-cidr-required', 'native routing without ipv4NativeRoutingCIDR', cilium({ routingMode: 'native' }), cilium(NATIVE)),
  specCase(
    'cilium/native-routing-cidr-required',
    'IPv6 native routing without ipv6NativeRoutingCIDR (the chart fails)',
    cilium(NATIVE, DUAL),
    cilium({ ...NATIVE, ipv6NativeRoutingCIDR: 'fd00:10:244::/56' }, DUAL),
  ),
  specCase('cilium/native-routing-cidr-invalid', 'an IPv6 range as ipv4NativeRoutingCIDR', cilium({ routingMode: 'native', ipv4NativeRoutingCIDR: 'fd00::/8' }), cilium(NATIVE)),
  specCase('cilium/native-routing-cidr-coverage', 'a native routing CIDR that misses the pod range', cilium({ routingMode: 'native', ipv4NativeRoutingCIDR: '10.0.0.0/16' }), cilium({ routingMode: 'native', ipv4NativeRoutingCIDR: '10.0.0.0/8' })),
  specCase('cilium/kube-proxy-replacement-api-server', 'kube-proxy replacement without the API server', cilium({ kubeProxyReplacement: true }), cilium({ kubeProxyReplacement: true, k8sServiceHost: '10.0.0.10', k8sServicePort: 6443 })),
  specCase(
    'cilium/k8s-service-host-auto',
    'k8sServiceHost auto (resolved by Helm lookup at install time)',
    cilium({ kubeProxyReplacement: true, k8sServiceHost: 'auto', k8sServicePort: 6443 }),
    cilium({ kubeProxyReplacement: true, k8sServiceHost: 'api.example.com', k8sServicePort: 6443 }),
  ),
  specCase('cilium/underlay-protocol-family', 'IPv6-only tunnel with an IPv4 underlay', cilium({ underlayProtocol: 'ipv4' }, V6), cilium({ underlayProtocol: 'ipv6' }, V6)),
  specCase('cilium/ipv6-underlay-encryption', 'WireGuard over an IPv6 underlay', cilium({ encryption: { enabled: true, type: 'wireguard' } }, V6), cilium({ ...NATIVE, ipv4NativeRoutingCIDR: undefined, ipv6NativeRoutingCIDR: 'fd00:10:244::/56', encryption: { enabled: true, type: 'wireguard' } }, V6)),
  specCase('cilium/ipsec-key-secret', 'IPsec without a key Secret', cilium({ encryption: { enabled: true, type: 'ipsec' } }), cilium({ encryption: { enabled: true, type: 'ipsec', keySecret: { name: 'cilium-ipsec-keys' } } })),
  specCase('cilium/key-secret-wireguard', 'a key Secret with WireGuard', cilium({ encryption: { enabled: true, type: 'wireguard', keySecret: { name: 'x' } } }), cilium({ encryption: { enabled: true, type: 'wireguard' } })),
  specCase('cilium/hubble-ui-without-relay', 'the UI without Relay', cilium({ hubble: { ui: true, tls: { auto: { method: 'cronJob' } } } }), cilium({ hubble: { ui: true, relay: true, tls: { auto: { method: 'cronJob' } } } })),
  specCase('cilium/hubble-parts-without-hubble', 'Relay with Hubble off', cilium({ hubble: { enabled: false, relay: true } }), cilium({ hubble: { enabled: false } })),
  specCase('cilium/hubble-tls-by-hand', 'Relay with no TLS method', cilium({ hubble: { relay: true } }), cilium({ hubble: { relay: true, tls: { auto: { method: 'cronJob' } } } })),
  specCase(
    'cilium/hubble-certmanager-issuer',
    'certmanager without an issuer',
    cilium({ hubble: { relay: true, tls: { auto: { method: 'certmanager' } } } }),
    cilium({ hubble: { relay: true, tls: { auto: { method: 'certmanager', certManagerIssuerRef: ISSUER } } } }),
  ),
];

const KPR = { kubeProxyReplacement: true, k8sServiceHost: '10.0.0.10', k8sServicePort: 6443 };
const BPF_MASQ = { bpf: { masquerade: true } };
const EGW = { egressGateway: { enabled: true } };

/** The datapath knobs and extraConfig (src/cni/cilium/datapath-checks.ts). */
export const CILIUM_DATAPATH_CASES: readonly RuleCase[] = [
  specCase('cilium/lb-dsr-vxlan', 'DSR over a VXLAN tunnel', cilium({ ...KPR, loadBalancer: { mode: 'dsr' } }), cilium({ ...KPR, ...NATIVE, loadBalancer: { mode: 'dsr' } })),
  specCase(
    'cilium/lb-dsr-tunnel-dispatch',
    'DSR over Geneve with the default opt dispatch',
    cilium({ ...KPR, tunnelProtocol: 'geneve', loadBalancer: { mode: 'dsr' } }),
    cilium({ ...KPR, tunnelProtocol: 'geneve', loadBalancer: { mode: 'dsr', dsrDispatch: 'geneve' } }),
  ),
  specCase(
    'cilium/lb-dsr-geneve-dispatch-protocol',
    'native routing with geneve dispatch but the vxlan tunnel protocol',
    cilium({ ...KPR, ...NATIVE, loadBalancer: { mode: 'hybrid', dsrDispatch: 'geneve' } }),
    cilium({ ...KPR, ...NATIVE, tunnelProtocol: 'geneve', loadBalancer: { mode: 'hybrid', dsrDispatch: 'geneve' } }),
  ),
  specCase('cilium/lb-mode-without-kube-proxy-replacement', 'DSR without the kube-proxy replacement', cilium({ ...NATIVE, loadBalancer: { mode: 'dsr' } }), cilium({ ...KPR, ...NATIVE, loadBalancer: { mode: 'dsr' } })),
  specCase('cilium/lb-dsr-dispatch-snat', 'a DSR dispatch with SNAT load balancing', cilium({ ...KPR, loadBalancer: { dsrDispatch: 'ipip' } }), cilium({ ...KPR, ...NATIVE, loadBalancer: { mode: 'dsr', dsrDispatch: 'ipip' } })),
  specCase('cilium/bpf-masquerade-without-kube-proxy-replacement', 'BPF masquerading without the kube-proxy replacement', cilium(BPF_MASQ), cilium({ ...KPR, ...BPF_MASQ })),
  specCase('cilium/socket-lb-disabled-with-kube-proxy-replacement', 'socketLB.enabled false with KPR', cilium({ ...KPR, socketLB: { enabled: false } }), cilium({ ...KPR, socketLB: { hostNamespaceOnly: true } })),
  specCase('cilium/socket-lb-host-namespace-only-without-socket-lb', 'hostNamespaceOnly with socket LB off', cilium({ socketLB: { hostNamespaceOnly: true } }), cilium({ socketLB: { enabled: true, hostNamespaceOnly: true } })),
  specCase('cilium/bbr-without-bandwidth-manager', 'bbr without the bandwidth manager', cilium({ bandwidthManager: { bbr: true } }), cilium({ ...KPR, ...BPF_MASQ, bandwidthManager: { enabled: true, bbr: true } })),
  specCase('cilium/bbr-needs-bpf-host-routing', 'BBR without kube-proxy replacement', cilium({ bandwidthManager: { enabled: true, bbr: true } }), cilium({ ...KPR, ...BPF_MASQ, bandwidthManager: { enabled: true, bbr: true } })),
  specCase('cilium/bbr-legacy-host-routing', 'BBR with iptables masquerading', cilium({ ...KPR, bandwidthManager: { enabled: true, bbr: true } }), cilium({ ...KPR, ...BPF_MASQ, bandwidthManager: { enabled: true, bbr: true } })),
  specCase(
    'cilium/bandwidth-manager-ipsec',
    'the bandwidth manager with IPsec',
    cilium({ encryption: { enabled: true, type: 'ipsec', keySecret: { name: 'cilium-ipsec-keys' } }, bandwidthManager: { enabled: true } }),
    cilium({ encryption: { enabled: true, type: 'wireguard' }, bandwidthManager: { enabled: true } }),
  ),
  specCase('cilium/egress-gateway-bpf-masquerade', 'the egress gateway with iptables masquerading', cilium({ ...KPR, ...EGW }), cilium({ ...KPR, ...BPF_MASQ, ...EGW })),
  specCase('cilium/egress-gateway-kube-proxy-replacement', 'the egress gateway without KPR', cilium({ ...BPF_MASQ, ...EGW }), cilium({ ...KPR, ...BPF_MASQ, ...EGW })),
  specCase(
    'cilium/egress-gateway-ipv4',
    'the egress gateway on an IPv6-only cluster',
    cilium({ ...KPR, ...BPF_MASQ, ...EGW, k8sServiceHost: 'fd00::10' }, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'], nodeMaskSizeIPv6: 64 }, services: { cidrs: ['fd00:10:96::/112'] } }),
    cilium({ ...KPR, ...BPF_MASQ, ...EGW }, DUAL),
  ),
  specCase('cilium/egress-gateway-ipv6-underlay', 'the egress gateway over an IPv6 underlay', cilium({ ...KPR, ...BPF_MASQ, ...EGW, underlayProtocol: 'ipv6' }, DUAL), cilium({ ...KPR, ...BPF_MASQ, ...EGW }, DUAL)),
  specCase('cilium/extra-config-modeled-key', 'extraConfig setting routing-mode', cilium({ extraConfig: { 'routing-mode': 'native' } }), cilium({ extraConfig: { 'bpf-lb-algorithm': 'maglev' } })),
  specCase('cilium/extra-config', 'an extra cilium-config key', cilium({ extraConfig: { 'bpf-lb-algorithm': 'maglev' } }), cilium({})),
  {
    // The spec's schema refuses such keys first (shape/invalid); TypeScript props reach the construct's check.
    rule: 'cilium/extra-config-key',
    name: 'a construct extraConfig key named constructor',
    refuses: () => ciliumIssues({ extraConfig: JSON.parse('{"constructor": "x"}') as Record<string, string> }),
    accepts: () => ciliumIssues({ extraConfig: { 'bpf-lb-algorithm': 'maglev' } }),
  },
];

/** The issues of building the Cilium construct (thrown as a SpecValidationError). */
function ciliumIssues(props: CiliumProps): readonly SpecIssue[] {
  try {
    new Cilium(new Chart(new App(), 'c'), 'cilium', props);
    return [];
  } catch (e) {
    return (e as SpecValidationError).issues;
  }
}

/** A policy rule case: the issues Cilium's import checks find in a policy body (run when the construct is built). */
const policyCase = (rule: string, name: string, refused: CiliumPolicyRules, accepted: CiliumPolicyRules): RuleCase => ({
  rule,
  name,
  refuses: () => [...validatePolicyRules(refused).issues],
  accepts: () => [...validatePolicyRules(accepted).issues],
});
/** The issues of building a cluster-wide policy (thrown as a SpecValidationError). */
function clusterwideIssues(props: Omit<CiliumClusterwideNetworkPolicyProps, 'name'>): readonly SpecIssue[] {
  try {
    new CiliumClusterwideNetworkPolicy(new Chart(new App(), 'c'), 'p', { name: 'p', ...props });
    return [];
  } catch (e) {
    return (e as SpecValidationError).issues;
  }
}
const tcp = (port: number | string, rules?: object) => ({ ports: [{ port, protocol: 'TCP' as const }], ...(rules ? { rules } : {}) });

export const CILIUM_POLICY_CASES: readonly RuleCase[] = [
  policyCase('cilium/policy-cidr-invalid', 'a toCIDR that is not a CIDR', { egress: [{ toCIDR: ['10.0.0.0/33'] }] }, { egress: [{ toCIDR: ['10.0.0.0/8'] }] }),
  policyCase('cilium/policy-cidr-except-outside', 'an except outside its CIDR', { egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] }] }] }, { egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] }] }),
  policyCase('cilium/policy-dns-match', 'a toFQDNs entry with both match fields', { egress: [{ toFQDNs: [{ matchName: 'a.example.com', matchPattern: '*.example.com' }] }] }, { egress: [{ toFQDNs: [{ matchName: 'a.example.com' }] }] }),
  policyCase('cilium/policy-l7-mixed', 'HTTP and DNS rules on one port', { egress: [{ toPorts: [tcp(53, { http: [{}], dns: [{ matchPattern: '*' }] })] }] }, { egress: [{ toPorts: [tcp(53, { dns: [{ matchPattern: '*' }] })] }] }),
  policyCase('cilium/policy-ports-empty', 'a port rule without ports', { ingress: [{ toPorts: [{ ports: [] }] }] }, { ingress: [{ toPorts: [tcp(80)] }] }),
  policyCase('cilium/policy-port-range', 'endPort below port', { ingress: [{ toPorts: [{ ports: [{ port: 8080, endPort: 8000 }] }] }] }, { ingress: [{ toPorts: [{ ports: [{ port: 8000, endPort: 8080 }] }] }] }),
  policyCase('cilium/policy-l7-in-deny', 'HTTP rules in an ingressDeny rule', { ingressDeny: [{ toPorts: [tcp(80, { http: [{ method: 'GET' }] })] }] }, { ingressDeny: [{ toPorts: [tcp(80)] }] }),
  policyCase('cilium/policy-dns-on-ingress', 'DNS rules on ingress', { ingress: [{ toPorts: [tcp(53, { dns: [{ matchPattern: '*' }] })] }] }, { egress: [{ toPorts: [tcp(53, { dns: [{ matchPattern: '*' }] })] }] }),
  policyCase('cilium/policy-http-not-tcp', 'HTTP rules on a UDP port', { ingress: [{ toPorts: [{ ports: [{ port: 80, protocol: 'UDP' }], rules: { http: [{}] } }] }] }, { ingress: [{ toPorts: [tcp(80, { http: [{}] })] }] }),
  {
    rule: 'cilium/policy-selector',
    name: 'a cluster-wide policy with both endpoint and node selectors',
    refuses: () => clusterwideIssues({ endpointSelector: {}, nodeSelector: {} }),
    accepts: () => clusterwideIssues({ nodeSelector: {} }),
  },
];
