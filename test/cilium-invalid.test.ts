/**
 * Cilium bad input (issue 4, point 4): every rule makes `cdk8s-cni synth` exit 1, report the exact field path at the
 * start of a stderr line, and write nothing.
 */
import { join } from 'node:path';
import { cli, tempDir, writeSpec } from './support/cli';
import { describeInvalidSpecs, type InvalidSpecCase } from './support/invalid-specs';
import { describeSecretRedaction } from './support/secret-redaction';

type Spec = any;
const cilium = (): Spec => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'bad' },
  spec: {
    pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 24 },
    services: { cidrs: ['10.96.0.0/12'] },
    nodes: { cidrs: ['10.0.0.0/16'], count: 3, maxCount: 50, mtu: 1500 },
    cni: { type: 'cilium' },
  },
});
const c = (f: (cni: Spec, s: Spec) => void) => () => {
  const s = cilium();
  f(s.spec.cni, s);
  return s;
};

/** Makes the base spec IPv6-only (fd00:10::/56 pods in /64 blocks, no node range). */
function ipv6Only(s: Spec): void {
  s.spec.ipFamilies = ['IPv6'];
  s.spec.pods = { cidrs: ['fd00:10::/56'], nodeMaskSizeIPv6: 64 };
  s.spec.services.cidrs = ['fd00:20::/108'];
  delete s.spec.nodes.cidrs;
}

/** [rule, the spec, the path that must be reported, a fragment of its message] */
const cases: InvalidSpecCase[] = [
  // native routing
  ['native routing without ipv4NativeRoutingCIDR', c((x) => (x.routingMode = 'native')), 'spec.cni.ipv4NativeRoutingCIDR', 'is required when routingMode is native'],
  ['ipv4NativeRoutingCIDR syntax', c((x) => Object.assign(x, { routingMode: 'native', ipv4NativeRoutingCIDR: '10.0.0.0' })), 'spec.cni.ipv4NativeRoutingCIDR', 'is not a CIDR'],
  ['autoDirectNodeRoutes with tunneling', c((x) => (x.autoDirectNodeRoutes = true)), 'spec.cni.autoDirectNodeRoutes', 'routingMode is tunnel'],
  // kube-proxy replacement
  ['kube-proxy replacement without k8sServiceHost', c((x) => Object.assign(x, { kubeProxyReplacement: true, k8sServicePort: 6443 })), 'spec.cni.k8sServiceHost', 'is required when kubeProxyReplacement is true'],
  ['kube-proxy replacement without k8sServicePort', c((x) => Object.assign(x, { kubeProxyReplacement: true, k8sServiceHost: '10.0.0.10' })), 'spec.cni.k8sServicePort', 'is required when kubeProxyReplacement is true'],
  // cluster-pool mask vs pool size vs nodes.maxCount
  ['cluster-pool blocks fewer than nodes.maxCount', c((_x, s) => (s.spec.nodes.maxCount = 300)), 'spec.nodes.maxCount', '300 nodes need 300 /24 blocks but spec.pods.cidrs[0] 10.244.0.0/16 holds 256'],
  ['explicit pool too small for nodes.count', c((x, s) => {
    s.spec.nodes.maxCount = undefined;
    s.spec.nodes.count = 20;
    x.ipam = { clusterPoolIPv4PodCIDRList: ['10.244.0.0/20'], clusterPoolIPv4MaskSize: 24 };
  }), 'spec.nodes.count', 'holds 16'],
  ['clusterPoolIPv4MaskSize shorter than the pool prefix', c((x) => (x.ipam = { clusterPoolIPv4PodCIDRList: ['10.244.0.0/20'], clusterPoolIPv4MaskSize: 18 })), 'spec.cni.ipam.clusterPoolIPv4MaskSize', 'does not fit spec.cni.ipam.clusterPoolIPv4PodCIDRList[0] 10.244.0.0/20'],
  ['maxPerNode larger than a cluster-pool block', c((x, s) => {
    s.spec.pods.maxPerNode = 110;
    x.ipam = { clusterPoolIPv4MaskSize: 26 };
  }), 'spec.pods.maxPerNode', 'do not fit a /26 cluster-pool block, which has 60 usable addresses'],
  ['cluster-pool range outside spec.pods.cidrs', c((x) => (x.ipam = { clusterPoolIPv4PodCIDRList: ['10.250.0.0/16'] })), 'spec.cni.ipam.clusterPoolIPv4PodCIDRList[0]', 'is not inside spec.pods.cidrs [10.244.0.0/16]'],
  ['cluster-pool ranges overlap', c((x) => (x.ipam = { clusterPoolIPv4PodCIDRList: ['10.244.0.0/17', '10.244.64.0/18'] })), 'spec.cni.ipam.clusterPoolIPv4PodCIDRList[1]', 'overlaps spec.cni.ipam.clusterPoolIPv4PodCIDRList[0]'],
  ['cluster-pool settings with kubernetes IPAM', c((x) => (x.ipam = { mode: 'kubernetes', clusterPoolIPv4PodCIDRList: ['10.244.0.0/16'] })), 'spec.cni.ipam.clusterPoolIPv4PodCIDRList', 'ipam.mode is kubernetes'],
  ['kubernetes IPAM: node blocks fewer than nodes (common check)', c((x, s) => {
    x.ipam = { mode: 'kubernetes' };
    s.spec.nodes.maxCount = 300;
  }), 'spec.nodes.maxCount', 'holds 256'],
  ['IPv6 cluster-pool blocks fewer than nodes', c((_x, s) => {
    s.spec.ipFamilies = ['IPv4', 'IPv6'];
    s.spec.pods = { cidrs: ['10.244.0.0/16', 'fd00:10:244::/112'], nodeMaskSize: 25, nodeMaskSizeIPv6: 120, maxPerNode: 100 };
    s.spec.services.cidrs = ['10.96.0.0/12', 'fd00:10:96::/112'];
    s.spec.nodes.maxCount = 300;
  }), 'spec.nodes.maxCount', '300 nodes need 300 /120 blocks but spec.pods.cidrs[1] fd00:10:244::/112 holds 256'],
  ['native routing with IPv6', c((x, s) => {
    s.spec.ipFamilies = ['IPv4', 'IPv6'];
    s.spec.pods = { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] };
    s.spec.services.cidrs = ['10.96.0.0/12', 'fd00:10:96::/112'];
    Object.assign(x, { routingMode: 'native', ipv4NativeRoutingCIDR: '10.0.0.0/8' });
  }), 'spec.cni.ipv6NativeRoutingCIDR', 'is required when routingMode is native and IPv6 is enabled'],
  ['IPv6-only tunnel with an IPv4 underlay (the agent exits)', c((x, s) => {
    ipv6Only(s);
    x.underlayProtocol = 'ipv4';
  }), 'spec.cni.underlayProtocol', 'but spec.ipFamilies has no IPv4'],
  ['encryption over an IPv6 underlay', c((x, s) => {
    ipv6Only(s);
    x.encryption = { enabled: true, type: 'wireguard' };
  }), 'spec.cni.encryption', 'does not encrypt over an IPv6 underlay'],
  ['k8sServiceHost auto (a Helm lookup at install time)', c((x) => Object.assign(x, { kubeProxyReplacement: true, k8sServiceHost: 'auto', k8sServicePort: 6443 })), 'spec.cni.k8sServiceHost', 'auto needs a live cluster'],
  // IPv6 first: paths name the IPv4 entry by its index in ipFamilies
  ['[IPv6, IPv4]: IPv4 cluster-pool capacity names spec.pods.cidrs[1]', c((_x, s) => {
    s.spec.ipFamilies = ['IPv6', 'IPv4'];
    s.spec.pods = { cidrs: ['fd00:10::/56', '10.244.0.0/20'], nodeMaskSize: 24 };
    s.spec.services.cidrs = ['fd00:20::/108', '10.96.0.0/12'];
  }), 'spec.nodes.maxCount', 'but spec.pods.cidrs[1] 10.244.0.0/20 holds 16'],
  ['[IPv6, IPv4]: IPv6 mask names spec.pods.cidrs[0]', c((_x, s) => {
    s.spec.ipFamilies = ['IPv6', 'IPv4'];
    s.spec.pods = { cidrs: ['fd00:10::/56', '10.244.0.0/16'], nodeMaskSizeIPv6: 48 };
    s.spec.services.cidrs = ['fd00:20::/108', '10.96.0.0/12'];
  }), 'spec.pods.nodeMaskSizeIPv6', '/48 does not fit spec.pods.cidrs[0] fd00:10::/56 (allowed: /56 to /72)'],
  // pkg/ipam/cidrset: an IPv6 node mask at most 16 bits longer than the pool
  ['IPv6 node mask more than 16 bits longer than the pool', c((_x, s) => {
    s.spec.ipFamilies = ['IPv6'];
    s.spec.pods = { cidrs: ['fd00:10::/32'], nodeMaskSizeIPv6: 64 };
    s.spec.services.cidrs = ['fd00:20::/108'];
    delete s.spec.nodes.cidrs;
  }), 'spec.pods.nodeMaskSizeIPv6', '/64 is more than 16 bits longer than spec.pods.cidrs[0] fd00:10::/32; Cilium\'s cluster-pool allocator refuses it ("the node CIDR size is too big") (allowed: /32 to /48, or an IPv6 pod range of /48 or longer)'],
  // encryption
  ['IPsec without a key Secret', c((x) => (x.encryption = { enabled: true, type: 'ipsec' })), 'spec.cni.encryption.keySecret', 'is required when encryption type is ipsec'],
  ['IPsec key given inline', c((x) => (x.encryption = { enabled: true, type: 'ipsec', key: 'rfc4106(gcm(aes)) 0123 128' })), 'spec.cni.encryption.key', 'unknown field (allowed here: enabled, type, keySecret)'],
  // MTU (cilium pkg/mtu): VXLAN 50 + WireGuard 80; Geneve 50 + IPsec 77
  ['MTU too small for VXLAN + WireGuard on IPv6', c((x, s) => {
    ipv6Only(s);
    s.spec.nodes.mtu = 1400;
    x.encryption = { enabled: true, type: 'wireguard' };
  }), 'spec.nodes.mtu', "for pods after Cilium's overhead of"],
  // IPv4 alone only warns below 576 (Linux accepts down to 68); IPv6 needs 1280 on every link (RFC 8200)
  ['MTU too small for Geneve + IPsec on IPv6', c((x, s) => {
    ipv6Only(s);
    s.spec.nodes.mtu = 1400;
    x.tunnelProtocol = 'geneve';
    x.encryption = { enabled: true, type: 'ipsec', keySecret: { name: 'k' } };
  }), 'spec.nodes.mtu', "for pods after Cilium's overhead of"],
  // Hubble
  // shape
  ['unknown field', c((x) => (x.tunnelProtocl = 'geneve')), 'spec.cni.tunnelProtocl', 'unknown field'],
  ['bad routingMode', c((x) => (x.routingMode = 'bgp')), 'spec.cni.routingMode', ''],
];

describeInvalidSpecs(cases);

test("the chart's own IPv6 default (fd00::/104, mask 120) sits exactly at the 16-bit limit and is accepted", () => {
  const s = cilium();
  s.spec.ipFamilies = ['IPv6'];
  s.spec.pods = { cidrs: ['fd00::/104'], nodeMaskSizeIPv6: 120, maxPerNode: 110 };
  s.spec.services.cidrs = ['fd00:20::/108'];
  delete s.spec.nodes.cidrs;
  const dir = tempDir();
  const result = cli('validate', writeSpec(s, dir));
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
});

describeSecretRedaction(
  'spec.cni.encryption.keySecret',
  (value) => c((x) => (x.encryption = { enabled: true, type: 'ipsec', keySecret: value }))(),
  'a literal IPsec key is not allowed (allowed: {name}, a reference to a Secret in kube-system)',
);

test('the base spec is valid (so each case fails for its own reason)', () => {
  const dir = tempDir();
  const result = cli('synth', writeSpec(cilium(), dir), '-o', join(dir, 'dist'));
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
});

test('Hubble Relay without a TLS method: synth warns, naming the Secrets and both methods; no warning without Relay', () => {
  const dir = tempDir();
  const relay = cli('synth', writeSpec(c((x) => (x.hubble = { relay: true }))(), dir), '-o', join(dir, 'dist'));
  expect(relay.code).toBe(0);
  expect(relay.stderr.split('\n').filter((l) => l.startsWith('warning: '))).toEqual([
    expect.stringMatching(/^warning: spec\.cni\.hubble\.tls\.auto\.method: Hubble Relay is enabled but this library does not create the TLS Secrets kube-system\/hubble-server-certs .*cronJob.*certmanager/),
  ]);
  const dir2 = tempDir();
  expect(cli('synth', writeSpec(cilium(), dir2), '-o', join(dir2, 'dist')).stderr).toBe('');
});
