/**
 * Bad input: every invalid spec makes `cdk8s-cni synth` exit 1, prints the exact field path at the start of a stderr
 * line (`path: what is wrong (what is allowed)`), and writes nothing.
 */
import { join } from 'node:path';
import { cli, filesIn, tempDir, writeSpec } from './support/cli';
import { describeInvalidSpecs } from './support/invalid-specs';

type Spec = any;
const valid = (): Spec => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'bad' },
  spec: {
    ipFamilies: ['IPv4'],
    pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 24, maxPerNode: 110 },
    services: { cidrs: ['10.96.0.0/12'] },
    nodes: { cidrs: ['192.168.0.0/16'], count: 3, maxCount: 50, mtu: 1500 },
    cni: { type: 'flannel', backend: 'vxlan' },
  },
});
const edit = (f: (s: Spec) => void) => () => {
  const s = valid();
  f(s);
  return s;
};

/** [what is wrong, the spec, the path that must be reported, a fragment of its message] */
const cases: Array<[string, () => Spec, string, string]> = [
  ['wrong apiVersion', edit((s) => (s.apiVersion = 'v1')), 'apiVersion', 'allowed: "cdk8s-cni.dev/v1alpha1"'],
  ['wrong kind', edit((s) => (s.kind = 'Network')), 'kind', 'allowed: "ClusterNetwork"'],
  ['metadata.name not a DNS label', edit((s) => (s.metadata.name = 'My_Net')), 'metadata.name', 'DNS-1123'],
  ['unknown top-level spec field', edit((s) => (s.spec.podz = {})), 'spec.podz', 'unknown field'],
  ['typo in a nested field', edit((s) => (s.spec.pods.nodeMaskSzie = 24)), 'spec.pods.nodeMaskSzie', 'allowed here: cidrs, nodeMaskSize'],
  ['unknown field in cni', edit((s) => (s.spec.cni.vni = 2)), 'spec.cni.vni', 'unknown field'],
  ['unknown CNI type', edit((s) => (s.spec.cni.type = 'contiv')), 'spec.cni.type', '"contiv" is not allowed'],
  ['missing pod cidrs', edit((s) => delete s.spec.pods.cidrs), 'spec.pods.cidrs', 'is required'],
  ['wrong type', edit((s) => (s.spec.nodes.count = 'three')), 'spec.nodes.count', 'expected number'],
  ['bad ipFamily', edit((s) => (s.spec.ipFamilies = ['IPv5'])), 'spec.ipFamilies[0]', 'allowed: "IPv4" | "IPv6"'],
  ['CIDR syntax', edit((s) => (s.spec.pods.cidrs = ['10.244.0.0'])), 'spec.pods.cidrs[0]', 'is not a CIDR'],
  ['CIDR bad address', edit((s) => (s.spec.services.cidrs = ['10.300.0.0/16'])), 'spec.services.cidrs[0]', 'not a valid IPv4 or IPv6 CIDR'],
  ['CIDR prefix too long', edit((s) => (s.spec.pods.cidrs = ['10.244.0.0/33'])), 'spec.pods.cidrs[0]', 'allowed for IPv4: /0-/32'],
  ['host bits set', edit((s) => (s.spec.pods.cidrs = ['10.244.1.0/16'])), 'spec.pods.cidrs[0]', 'canonical form: 10.244.0.0/16'],
  ['family mismatch', edit((s) => (s.spec.pods.cidrs = ['fd00::/56'])), 'spec.pods.cidrs[0]', 'is IPv6 but ipFamilies[0] is IPv4'],
  ['dual-stack needs two pod ranges', edit((s) => (s.spec.ipFamilies = ['IPv4', 'IPv6'])), 'spec.pods.cidrs', 'exactly one range per family'],
  ['dual-stack needs explicit services', edit((s) => {
    s.spec.ipFamilies = ['IPv4', 'IPv6'];
    s.spec.pods.cidrs = ['10.244.0.0/16', 'fd00:10:244::/56'];
    delete s.spec.services;
  }), 'spec.services.cidrs', 'is required'],
  ['pods overlap services', edit((s) => (s.spec.services.cidrs = ['10.244.128.0/20'])), 'spec.services.cidrs[0]', 'overlaps spec.pods.cidrs[0] 10.244.0.0/16'],
  ['nodes overlap pods', edit((s) => (s.spec.nodes.cidrs = ['10.0.0.0/8'])), 'spec.nodes.cidrs[0]', 'overlaps spec.pods.cidrs[0]'],
  ['nodes overlap services', edit((s) => (s.spec.nodes.cidrs = ['10.96.0.0/24'])), 'spec.nodes.cidrs[0]', 'overlaps spec.services.cidrs[0]'],
  ['service range too large', edit((s) => (s.spec.services.cidrs = ['10.64.0.0/11'])), 'spec.services.cidrs[0]', 'larger than /12'],
  ['nodeMaskSize shorter than the pod range', edit((s) => (s.spec.pods.nodeMaskSize = 12)), 'spec.pods.nodeMaskSize', 'allowed: /16 to /32'],
  ['nodeMaskSize too long for maxPerNode', edit((s) => (s.spec.pods.nodeMaskSize = 31)), 'spec.pods.maxPerNode', 'which has 0 usable addresses'],
  ['IPv6 node mask more than 16 bits longer than the pod range (kube-controller-manager cidrset)', edit((s) => {
    s.spec.ipFamilies = ['IPv6'];
    s.spec.pods = { cidrs: ['fd00:10:244::/56'], nodeMaskSizeIPv6: 80 };
    s.spec.services = { cidrs: ['fd00:10:96::/112'] };
    s.spec.nodes = { count: 3 };
  }), 'spec.pods.nodeMaskSizeIPv6', 'kube-controller-manager refuses'],
  ['too few node blocks for maxCount', edit((s) => (s.spec.pods.cidrs = ['10.244.0.0/20'])), 'spec.nodes.maxCount', '16'],
  ['too few node blocks for count', edit((s) => {
    s.spec.pods.cidrs = ['10.244.0.0/22'];
    s.spec.nodes = { count: 5 };
  }), 'spec.nodes.count', 'holds 4'],
  ['maxPerNode beyond the node block', edit((s) => (s.spec.pods.nodeMaskSize = 26)), 'spec.pods.maxPerNode', '61 usable addresses'],
  ['maxCount below count', edit((s) => (s.spec.nodes.maxCount = 2)), 'spec.nodes.maxCount', 'below spec.nodes.count 3'],
  ['dnsIP outside the service range', edit((s) => (s.spec.services.dnsIP = '10.112.0.10')), 'spec.services.dnsIP', 'outside spec.services.cidrs[0] 10.96.0.0/12'],
  ['dnsIP is the network address', edit((s) => (s.spec.services.dnsIP = '10.96.0.0')), 'spec.services.dnsIP', 'network address'],
  ['dnsIP is the kubernetes API service address', edit((s) => (s.spec.services.dnsIP = '10.96.0.1')), 'spec.services.dnsIP', '"kubernetes" API Service'],
  ['dnsIP not an IP', edit((s) => (s.spec.services.dnsIP = 'ten')), 'spec.services.dnsIP', 'not a valid IP address'],
  ['MTU below the IPv4 minimum', edit((s) => (s.spec.nodes.mtu = 500)), 'spec.nodes.mtu', 'allowed: 576-9216'],
  ['MTU too small for VXLAN with IPv6', edit((s) => {
    s.spec.ipFamilies = ['IPv6'];
    s.spec.pods = { cidrs: ['fd00:10:244::/56'] };
    s.spec.services = { cidrs: ['fd00:10:96::/112'] };
    s.spec.nodes = { mtu: 1330 }; // 1330 - 70 (VXLAN over IPv6) = 1260 < 1280; IPv4's 50 would have let it through
  }), 'spec.nodes.mtu', '1330 leaves 1260 for pods after the vxlan overhead of 70 bytes'],
  ['flannel backend unknown', edit((s) => (s.spec.cni.backend = 'udp')), 'spec.cni.backend', 'allowed: "vxlan" | "host-gw" | "wireguard"'],
  ['flannel VNI out of range', edit((s) => (s.spec.cni.vxlan = { vni: 16777216 })), 'spec.cni.vxlan.vni', 'allowed: at most 16777215'],
  ['flannel VXLAN port out of range', edit((s) => (s.spec.cni.vxlan = { port: 70000 })), 'spec.cni.vxlan.port', 'allowed: at most 65535'],
  ['flannel VXLAN options with another backend', edit((s) => {
    s.spec.cni.backend = 'host-gw';
    s.spec.cni.vxlan = { vni: 2 };
  }), 'spec.cni.vxlan', 'only with backend vxlan'],
  ['flannel WireGuard MTU overhead (80 bytes, flanneld pkg/backend/wireguard) leaves IPv6 pods below 1280', edit((s) => {
    Object.assign(s.spec, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] } });
    s.spec.nodes = { count: 3, mtu: 1359 };
    s.spec.cni.backend = 'wireguard';
  }), 'spec.nodes.mtu', '1359 leaves 1279 for pods after the wireguard overhead of 80 bytes'],
];

describeInvalidSpecs(cases);


test('there are at least 25 invalid specs', () => {
  expect(cases.length).toBeGreaterThanOrEqual(25);
});

test('all problems are reported at once, one per line', () => {
  const s = valid();
  s.metadata.name = 'Bad';
  s.spec.services.cidrs = ['10.244.0.0/16'];
  s.spec.nodes.mtu = 100;
  const r = cli('validate', writeSpec(s));
  expect(r.code).toBe(1);
  const paths = r.stderr.trim().split('\n').map((l) => l.split(': ')[0]);
  expect(paths).toEqual(expect.arrayContaining(['metadata.name', 'spec.services.cidrs[0]', 'spec.nodes.mtu']));
});

test('a YAML syntax error is reported with line and column, without a stack trace', () => {
  const dir = tempDir();
  const p = writeSpec('apiVersion: cdk8s-cni.dev/v1alpha1\nkind: ClusterNetwork\nspec:\n  pods: [unclosed\n', dir);
  const out = join(dir, 'dist');
  const r = cli('synth', p, '-o', out);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML syntax error`));
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(filesIn(out)).toEqual([]);
});

test('duplicate keys are a YAML error', () => {
  const r = cli('validate', writeSpec('apiVersion: a\napiVersion: b\n'));
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/:2:1: YAML syntax error/);
});

test('an invalid spec leaves an existing output directory untouched', () => {
  const dir = tempDir();
  const out = join(dir, 'dist');
  expect(cli('synth', writeSpec(valid(), dir), '-o', out).code).toBe(0);
  const before = filesIn(out);
  const s = valid();
  s.spec.pods.cidrs = ['nope'];
  expect(cli('synth', writeSpec(s, dir), '-o', out).code).toBe(1);
  expect(filesIn(out)).toEqual(before);
});
