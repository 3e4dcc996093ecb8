/**
 * Calico and Canal bad input (issue 3, point 4): every rule makes `cdk8s-cni synth` exit 1, report the exact field path
 * at the start of a stderr line, and write nothing.
 */
import { join } from 'node:path';
import { cli, tempDir, writeSpec } from './support/cli';
import { describeInvalidSpecs } from './support/invalid-specs';
import { validateClusterNetwork } from '../src/spec/validate';

type Spec = any;
const calico = (): Spec => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'bad' },
  spec: {
    pods: { cidrs: ['10.244.0.0/16'] },
    services: { cidrs: ['10.96.0.0/12'] },
    nodes: { cidrs: ['192.168.0.0/16'], count: 3, maxCount: 50, mtu: 1500 },
    cni: {
      type: 'calico',
      ipPools: [
        { name: 'a', cidr: '10.244.0.0/18' },
        { name: 'b', cidr: '10.244.64.0/18' },
      ],
      bgp: { asNumber: 64512, peers: [{ name: 'tor', peerIP: '192.168.0.1', asNumber: 65001 }] },
    },
  },
});
/** Spec fields of an IPv6-only cluster. */
const ipv6Only = () => ({
  ipFamilies: ['IPv6'],
  pods: { cidrs: ['fd00:10:244::/56'] },
  services: { cidrs: ['fd00:10:96::/112'] },
  nodes: { cidrs: ['fd00:192:168::/64'], count: 3, maxCount: 50, mtu: 1500 },
});
const canal = (): Spec => ({ ...calico(), spec: { ...calico().spec, cni: { type: 'canal' } } });
const edit = (base: () => Spec, f: (s: Spec) => void) => () => {
  const s = base();
  f(s);
  return s;
};
const c = (f: (cni: Spec, s: Spec) => void) => edit(calico, (s) => f(s.spec.cni, s));

/** [rule, the spec, the path that must be reported, a fragment of its message] */
const cases: Array<[string, () => Spec, string, string]> = [
  // pools
  ['pool outside spec.pods.cidrs', c((x) => (x.ipPools[1].cidr = '10.250.0.0/18')), 'spec.cni.ipPools[1].cidr', 'is not inside spec.pods.cidrs [10.244.0.0/16]'],
  ['pools overlap', c((x) => (x.ipPools[1].cidr = '10.244.32.0/19')), 'spec.cni.ipPools[1].cidr', 'overlaps spec.cni.ipPools[0].cidr 10.244.0.0/18'],
  ['pool CIDR syntax', c((x) => (x.ipPools[0].cidr = '10.244.0.0')), 'spec.cni.ipPools[0].cidr', 'is not a CIDR'],
  ['pool CIDR host bits', c((x) => (x.ipPools[0].cidr = '10.244.1.0/18')), 'spec.cni.ipPools[0].cidr', 'canonical form: 10.244.0.0/18'],
  ['IPv4 blockSize below 20', c((x) => (x.ipPools[0].blockSize = 19)), 'spec.cni.ipPools[0].blockSize', 'allowed: 20-32'],
  ['IPv4 blockSize above 32', c((x) => (x.ipPools[0].blockSize = 33)), 'spec.cni.ipPools[0].blockSize', 'allowed: 20-32'],
  ['IPv6 blockSize out of range', edit(calico, (s) => {
    s.spec.ipFamilies = ['IPv4', 'IPv6'];
    s.spec.pods.cidrs = ['10.244.0.0/16', 'fd00:10:244::/56'];
    s.spec.services.cidrs = ['10.96.0.0/12', 'fd00:10:96::/112'];
    s.spec.cni.ipPools.push({ name: 'v6', cidr: 'fd00:10:244::/64', blockSize: 112 });
  }), 'spec.cni.ipPools[2].blockSize', 'allowed: 116-128'],
  ['blockSize larger than its pool', c((x) => {
    x.ipPools[0].cidr = '10.244.0.0/22';
    x.ipPools[0].blockSize = 21;
  }), 'spec.cni.ipPools[0].blockSize', 'larger than the pool 10.244.0.0/22'],
  ['ipipMode and vxlanMode both enabled', c((x) => Object.assign(x.ipPools[0], { ipipMode: 'Always', vxlanMode: 'CrossSubnet' })), 'spec.cni.ipPools[0].vxlanMode', 'at most one encapsulation'],
  ['IPIP without the BGP backend', c((x) => {
    x.bgp = { enabled: false };
    x.ipPools[0].ipipMode = 'CrossSubnet';
  }), 'spec.cni.ipPools[0].ipipMode', 'needs the BGP backend'],
  ['IPIP on an IPv6 pool', edit(calico, (s) => {
    s.spec.ipFamilies = ['IPv4', 'IPv6'];
    s.spec.pods.cidrs = ['10.244.0.0/16', 'fd00:10:244::/56'];
    s.spec.services.cidrs = ['10.96.0.0/12', 'fd00:10:96::/112'];
    s.spec.cni.ipPools.push({ name: 'v6', cidr: 'fd00:10:244::/64', ipipMode: 'Always' });
  }), 'spec.cni.ipPools[2].ipipMode', 'IP-in-IP carries IPv4 only'],
  ['strictAffinity: blocks in the pools below what full nodes need', c((x, s) => {
    s.spec.nodes.maxCount = 300;
    x.ipam = { strictAffinity: true };
    x.ipPools = [{ name: 'small', cidr: '10.244.0.0/20' }];
  }), 'spec.cni.ipPools', '300 nodes with 110 pods each need 600 IPv4 blocks of /26 under strictAffinity, which forbids borrowing, but the enabled pools hold 64'],
  ['disabled pools do not count', c((x) => {
    x.ipPools[0].disabled = true;
    x.ipPools[1].disabled = true;
  }), 'spec.cni.ipPools', 'has no enabled IPv4 pool'],
  ['duplicate pool names', c((x) => (x.ipPools[1].name = 'a')), 'spec.cni.ipPools[1].name', 'already used by spec.cni.ipPools[0].name'],
  ['pool name not a DNS subdomain', c((x) => (x.ipPools[0].name = 'Pool_A')), 'spec.cni.ipPools[0].name', 'DNS-1123 subdomain'],
  ['unknown pool mode', c((x) => (x.ipPools[0].ipipMode = 'Sometimes')), 'spec.cni.ipPools[0].ipipMode', 'allowed: "Always" | "CrossSubnet" | "Never"'],
  // AS numbers
  ['AS number 0', c((x) => (x.bgp.asNumber = 0)), 'spec.cni.bgp.asNumber', 'allowed: at least 1'],
  ['AS number above 4294967295', c((x) => (x.bgp.asNumber = 4294967296)), 'spec.cni.bgp.asNumber', 'allowed: at most 4294967295'],
  ['peer AS number out of range', c((x) => (x.bgp.peers[0].asNumber = -5)), 'spec.cni.bgp.peers[0].asNumber', 'allowed: at least 1'],
  // peers
  ['peer IP invalid', c((x) => (x.bgp.peers[0].peerIP = '192.168.0.300')), 'spec.cni.bgp.peers[0].peerIP', 'not a valid peer address'],
  ['peer IP with a bad port', c((x) => (x.bgp.peers[0].peerIP = '192.168.0.1:70000')), 'spec.cni.bgp.peers[0].peerIP', 'allowed: 1-65535'],
  ['IPv6 peer in brackets must be IPv6', c((x) => (x.bgp.peers[0].peerIP = '[192.168.0.1]:179')), 'spec.cni.bgp.peers[0].peerIP', 'IPv4 address in brackets'],
  ['peerIP combined with peerSelector', c((x) => (x.bgp.peers[0].peerSelector = "route-reflector == 'true'")), 'spec.cni.bgp.peers[0].peerSelector', 'is combined with peerIP'],
  ['neither peerIP nor peerSelector', c((x) => (x.bgp.peers[0] = { name: 'tor' })), 'spec.cni.bgp.peers[0]', 'neither peerIP nor peerSelector'],
  ['peerIP without asNumber', c((x) => delete x.bgp.peers[0].asNumber), 'spec.cni.bgp.peers[0].asNumber', 'is required with peerIP'],
  ['peerSelector with asNumber', c((x) => (x.bgp.peers[0] = { name: 'rr', peerSelector: 'has(rr)', asNumber: 65001 })), 'spec.cni.bgp.peers[0].asNumber', 'only with peerIP'],
  ['duplicate peer names', c((x) => x.bgp.peers.push({ name: 'tor', peerIP: '192.168.0.2', asNumber: 65001 })), 'spec.cni.bgp.peers[1].name', 'already used'],
  ['mesh off with no peers', c((x) => (x.bgp = { nodeToNodeMeshEnabled: false })), 'spec.cni.bgp.nodeToNodeMeshEnabled', 'nodes would learn no routes'],
  ['peers without BGP', c((x) => {
    x.bgp.enabled = false;
    x.ipPools.forEach((p: Spec) => (p.vxlanMode = 'Always'));
  }), 'spec.cni.bgp.peers', 'spec.cni.bgp.enabled is false'],
  ['password as a literal string', c((x) => (x.bgp.peers[0].password = 's3cret')), 'spec.cni.bgp.peers[0].password', 'a literal password is not allowed (allowed: {secretName, key}'],
  ['password as a number', c((x) => (x.bgp.peers[0].password = 987654321)), 'spec.cni.bgp.peers[0].password', 'a literal password is not allowed (allowed: {secretName, key}'],
  ['password as a boolean', c((x) => (x.bgp.peers[0].password = true)), 'spec.cni.bgp.peers[0].password', 'a literal password is not allowed (allowed: {secretName, key}'],
  ['password value inline', c((x) => (x.bgp.peers[0].password = { secretName: 'bgp', key: 'tor', value: 's3cret' })), 'spec.cni.bgp.peers[0].password.value', 'unknown field'],
  ['password reference without key', c((x) => (x.bgp.peers[0].password = { secretName: 'bgp' })), 'spec.cni.bgp.peers[0].password.key', 'is required'],
  ['advertised external range invalid', c((x) => (x.bgp.serviceExternalIPs = ['203.0.113.0'])), 'spec.cni.bgp.serviceExternalIPs[0]', 'is not a CIDR'],
  // Felix, Typha, MTU
  ['eBPF without the API server endpoint', c((x) => (x.felix = { bpfEnabled: true })), 'spec.cni.kubernetesServiceEndpoint', 'is required with spec.cni.felix.bpfEnabled'],
  ['unknown Felix field', c((x) => (x.felix = { wireguardEnable: true })), 'spec.cni.felix.wireguardEnable', 'unknown field'],
  ['Typha replicas with Typha off', c((x) => (x.typha = { enabled: false, replicas: 3 })), 'spec.cni.typha.replicas', 'spec.cni.typha.enabled is false'],
  ['MTU too small after VXLAN over IPv6 (70 bytes)', c((x, s) => {
    Object.assign(s.spec, ipv6Only());
    s.spec.nodes.mtu = 1330;
    x.ipPools = [{ name: 'v6', cidr: 'fd00:10:244::/56', vxlanMode: 'Always' }];
  }), 'spec.nodes.mtu', '1330 leaves 1260 for pods after the Calico encapsulation overhead of 70 bytes'],
  // Canal
  ['canal: MTU too small after VXLAN over IPv6 (70 bytes)', edit(canal, (s) => {
    Object.assign(s.spec, ipv6Only());
    s.spec.nodes.mtu = 1330;
  }), 'spec.nodes.mtu', '1330 leaves 1260 for pods after the vxlan overhead of 70 bytes'],
  ['canal: VXLAN options with host-gw', edit(canal, (s) => (s.spec.cni.flannel = { backend: 'host-gw', vxlan: { vni: 2 } })), 'spec.cni.flannel.vxlan', 'only with backend vxlan'],
  ['canal: unknown flannel field', edit(canal, (s) => (s.spec.cni.flannel = { backend: 'vxlan', vni: 2 })), 'spec.cni.flannel.vni', 'unknown field'],
  ['canal: Calico pools are not Canal fields', edit(canal, (s) => (s.spec.cni.ipPools = [])), 'spec.cni.ipPools', 'unknown field'],
  ['canal: node blocks below maxCount', edit(canal, (s) => {
    s.spec.pods.cidrs = ['10.244.0.0/20'];
  }), 'spec.nodes.maxCount', 'holds 16'],
];

describeInvalidSpecs(cases);

/** Upstream runs these (it only warns, or it is our opinion): validation passes and the warning names the path. */
const warningCases: Array<[string, () => Spec, string, string]> = [
  ['blocks in the pools below nodes.maxCount (Calico borrows)', c((x, s) => {
    s.spec.nodes.maxCount = 300;
    x.ipPools = [{ name: 'small', cidr: '10.244.0.0/20' }];
  }), 'spec.cni.ipPools', "300 nodes need 300 blocks for one block each but the enabled IPv4 pools hold 64 blocks of /26; nodes without a block borrow"],
  ['default pool too small for maxCount (Calico borrows)', c((x, s) => {
    delete x.ipPools;
    s.spec.pods.cidrs = ['10.244.0.0/22'];
    s.spec.nodes.maxCount = 20;
  }), 'spec.nodes.maxCount', 'hold 16 blocks of /26'],
  ['peer of a family the cluster does not use', c((x) => (x.bgp.peers[0].peerIP = '2001:db8::1')), 'spec.cni.bgp.peers[0].peerIP', 'is IPv6 but ipFamilies is [IPv4]'],
  ['advertised service range outside the service CIDRs', c((x) => (x.bgp.serviceClusterIPs = ['10.112.0.0/16'])), 'spec.cni.bgp.serviceClusterIPs[0]', 'not inside spec.services.cidrs'],
  ['IPv4 pod MTU below 576 after VXLAN', c((x, s) => {
    s.spec.nodes.mtu = 600;
    x.ipPools.forEach((p: Spec) => (p.vxlanMode = 'Always'));
  }), 'spec.nodes.mtu', 'overhead of 50 bytes'],
  ['canal: eBPF', edit(canal, (s) => (s.spec.cni.felix = { bpfEnabled: true })), 'spec.cni.felix.bpfEnabled', 'not a combination upstream documents for Canal'],
  ['canal: Felix WireGuard', edit(canal, (s) => (s.spec.cni.felix = { wireguardEnabled: true })), 'spec.cni.felix.wireguardEnabled', 'flannel.backend wireguard'],
];

describe.each(warningCases)('warns, does not refuse: %s', (_name, make, path, fragment) => {
  test(`valid, with a warning at ${path}`, () => {
    const r = validateClusterNetwork(make());
    expect(r.issues).toEqual([]);
    expect(r.warnings.some((w) => w.path === path && w.message.includes(fragment))).toBe(true);
  });
});


test('the valid bases synthesize (so each case fails for its own reason)', () => {
  const canalV6 = () => ({ ...canal(), spec: { ...canal().spec, ...ipv6Only() } });
  for (const base of [calico, canal, canalV6]) {
    const dir = tempDir();
    const r = cli('synth', writeSpec(base(), dir), '-o', join(dir, 'dist'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
});

test.each([
  ['a string', 'hunter2-s3cret', 'hunter2-s3cret'],
  ['a number (unquoted in YAML)', 987654321, '987654321'],
  ['a boolean', true, 'true'],
])('a literal password given as %s is never echoed into the error output', (_kind, password, printed) => {
  const s = calico();
  s.spec.cni.bgp.peers[0].password = password;
  const r = cli('validate', writeSpec(s));
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('spec.cni.bgp.peers[0].password: a literal password is not allowed');
  expect(r.stderr + r.stdout).not.toContain(printed);
});

test('all problems are reported at once', () => {
  const s = calico();
  s.spec.cni.ipPools[1].cidr = '10.250.0.0/18';
  s.spec.cni.ipPools[0].blockSize = 19;
  s.spec.cni.bgp.peers[0].peerIP = 'nope';
  const r = cli('validate', writeSpec(s));
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split('\n').map((l) => l.split(': ')[0])).toEqual(
    expect.arrayContaining(['spec.cni.ipPools[1].cidr', 'spec.cni.ipPools[0].blockSize', 'spec.cni.bgp.peers[0].peerIP']),
  );
});
