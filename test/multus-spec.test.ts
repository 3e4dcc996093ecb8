/**
 * `spec.multus` in a ClusterNetwork document: what the example produces, and one invalid-spec test per rule (exit 1,
 * the exact field path at the start of a stderr line, nothing written).
 */
import { join } from 'node:path';
import { synthObjects } from '../src/synth';
import { cli, filesIn, tempDir, writeSpec } from './support/cli';
import { find, loadExample, synthExample } from './support/examples';

const base = () => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'mn' },
  spec: {
    pods: { cidrs: ['10.244.0.0/16'] },
    cni: { type: 'flannel' },
    multus: {
      networks: [
        { name: 'storage', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '192.168.10.0/24', rangeStart: '192.168.10.10', rangeEnd: '192.168.10.99', gateway: '192.168.10.1' } },
        { name: 'dp-a', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a' }, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } },
        { name: 'dp-b', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_b' }, ipam: { type: 'whereabouts', range: '10.31.0.0/24' } },
      ] as any[],
    } as any,
  },
});

describe('examples/multus-storage-macvlan.yaml', () => {
  const objs = synthExample('multus-storage-macvlan.yaml');

  test('flannel, then Multus (thick) and one NAD per network; the NAD CRD comes first', () => {
    expect(objs[0]).toMatchObject({ kind: 'CustomResourceDefinition', metadata: { name: 'network-attachment-definitions.k8s.cni.cncf.io' } });
    expect(find(objs, 'DaemonSet', 'kube-multus-ds').spec.template.spec.containers[0].image).toBe('ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick');
    expect(find(objs, 'ConfigMap', 'multus-daemon-config').metadata.namespace).toBe('kube-system');
    expect(find(objs, 'DaemonSet', 'kube-flannel-ds')).toBeDefined();
    expect(objs.filter((o) => o.kind === 'NetworkAttachmentDefinition').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['default/storage', 'telco/mgmt', 'telco/dataplane']);
  });

  test('the storage network is macvlan on eth1 with jumbo frames and host-local addresses', () => {
    expect(JSON.parse(find(objs, 'NetworkAttachmentDefinition', 'storage').spec.config)).toEqual({
      capabilities: { ips: true },
      cniVersion: '1.0.0',
      name: 'storage',
      type: 'macvlan',
      master: 'eth1',
      mode: 'bridge',
      mtu: 9000,
      ipam: { type: 'host-local', subnet: '192.168.10.0/24', rangeStart: '192.168.10.10', rangeEnd: '192.168.10.99', gateway: '192.168.10.1', routes: [{ dst: '192.168.20.0/24', gw: '192.168.10.1' }] },
    });
  });

  test('mgmt chains tuning with the mac capability; dataplane carries the SR-IOV resource annotation', () => {
    const mgmt = JSON.parse(find(objs, 'NetworkAttachmentDefinition', 'mgmt').spec.config);
    expect(mgmt.plugins.map((p: any) => p.type)).toEqual(['macvlan', 'tuning']);
    expect(mgmt.plugins[1].capabilities).toEqual({ mac: true });
    expect(find(objs, 'NetworkAttachmentDefinition', 'dataplane').metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov_netdevice' });
  });

  test('thin mode and Argo CD sync waves', () => {
    const spec = loadExample('multus-storage-macvlan.yaml');
    spec.spec.multus.mode = 'thin';
    const thin = synthObjects(spec, { argoSyncWaves: true });
    expect(find(thin, 'DaemonSet', 'kube-multus-ds').spec.template.spec.containers[0].command).toEqual(['/thin_entrypoint']);
    expect(find(thin, 'ConfigMap', 'multus-cni-config')).toBeDefined();
    const wave = (o: any) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
    expect(wave(find(thin, 'CustomResourceDefinition', 'network-attachment-definitions.k8s.cni.cncf.io'))).toBe('-1');
    expect(wave(find(thin, 'NetworkAttachmentDefinition', 'storage'))).toBe('1');
    expect(wave(find(thin, 'DaemonSet', 'kube-multus-ds'))).toBe('0');
  });

  test('a spec without multus has no Multus objects', () => {
    const spec = loadExample('multus-storage-macvlan.yaml');
    delete spec.spec.multus;
    expect(synthObjects(spec).filter((o) => /multus|NetworkAttachment/i.test(`${o.kind}/${o.metadata.name}`))).toEqual([]);
  });

  test('Multus sits on any primary CNI; version and imageRegistry override its images', () => {
    const spec = base();
    (spec.spec as any).cni = { type: 'calico' };
    Object.assign(spec.spec.multus, { version: 'v4.2.2', imageRegistry: 'mirror.example.com/k8s' });
    const objs = synthObjects(spec as any);
    expect(find(objs, 'DaemonSet', 'calico-node')).toBeDefined();
    expect(find(objs, 'DaemonSet', 'kube-multus-ds').spec.template.spec.containers[0].image).toBe('mirror.example.com/k8s/k8snetworkplumbingwg/multus-cni:v4.2.2-thick');
    expect(objs.filter((o) => o.kind === 'NetworkAttachmentDefinition')).toHaveLength(3);
  });

  test('the same name in two namespaces is fine', () => {
    const spec = base();
    spec.spec.multus.networks.push({ ...spec.spec.multus.networks[0], namespace: 'other' });
    const out = tempDir();
    const r = cli('synth', writeSpec(spec), '-o', out);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: spec.multus.networks['))).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('overlapping whereabouts ranges are accepted: whereabouts never hands one address out twice across them (on by default)', () => {
    const spec = base();
    spec.spec.multus.networks[2].ipam.range = '10.30.0.0/24';
    spec.spec.multus.networks.push({ ...spec.spec.multus.networks[1], namespace: 'other' });
    const r = cli('validate', writeSpec(spec));
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/overlaps/);
  });

  test('dhcp networks, and whereabouts networks with whereabouts.install false, warn, naming the network, that their daemons are needed', () => {
    const spec = base();
    spec.spec.multus.networks.push({ name: 'lab', namespace: 'telco', plugin: { type: 'macvlan', master: 'eth2' }, ipam: { type: 'dhcp' } });
    const warningsOf = (doc: unknown) => {
      const r = cli('synth', writeSpec(doc), '-o', tempDir());
      expect(r.code).toBe(0);
      return r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    };
    const dhcp = expect.stringMatching(/^warning: spec\.multus\.networks\[3\]\.ipam: telco\/lab uses dhcp IPAM: every node needs the CNI dhcp daemon/);
    // whereabouts is installed for them by default (docs/whereabouts.md)
    expect(warningsOf(spec)).toEqual([dhcp]);
    spec.spec.multus.whereabouts = { install: false };
    expect(warningsOf(spec)).toEqual([
      expect.stringMatching(/^warning: spec\.multus\.networks\[1\]\.ipam: default\/dp-a uses whereabouts IPAM and spec\.multus\.whereabouts\.install is false: install whereabouts v0\.9\.4 otherwise \(k8snetworkplumbingwg\/whereabouts doc\/crds: daemonset-install\.yaml, /),
      expect.stringMatching(/^warning: spec\.multus\.networks\[2\]\.ipam: default\/dp-b uses whereabouts IPAM/),
      dhcp,
    ]);
  });
});

describe('valid set-ups upstream accepts are warnings, not errors', () => {
  const cases: Array<[string, (s: ReturnType<typeof base>) => void, string]> = [
    [
      'macvlan on the nodes\' own LAN, the allocation range kept clear of the hosts',
      (s) => {
        (s.spec as any).nodes = { cidrs: ['192.168.0.0/16'] };
      },
      'warning: spec.multus.networks[0].ipam.subnet: 192.168.10.0/24 overlaps the node range spec.nodes.cidrs[0] 192.168.0.0/16: keep the hosts\' addresses out',
    ],
    ['gateway is the network address', (s) => (s.spec.multus.networks[0].ipam.gateway = '192.168.10.0'), 'warning: spec.multus.networks[0].ipam.gateway: 192.168.10.0 is the network address of 192.168.10.0/24'],
    ['whereabouts exclude outside the range', (s) => (s.spec.multus.networks[1].ipam.exclude = ['10.99.0.0/28']), 'warning: spec.multus.networks[1].ipam.exclude[0]: 10.99.0.0/28 is outside 10.30.0.0/24'],
  ];

  test.each(cases)('%s', (_name, mutate, expected) => {
    const spec = base();
    mutate(spec);
    const r = cli('validate', writeSpec(spec));
    expect(r.code).toBe(0);
    if (!r.stderr.split('\n').some((l) => l.startsWith(expected))) throw new Error(`no stderr line starts with "${expected}":\n${r.stderr}`);
  });
});

describe('invalid spec.multus: exit 1, the field path, nothing written', () => {
  const cases: Array<[string, (s: ReturnType<typeof base>) => void, string]> = [
    ['subnet syntax', (s) => (s.spec.multus.networks[0].ipam.subnet = '192.168.300.0/24'), 'spec.multus.networks[0].ipam.subnet: '],
    ['subnet with host bits', (s) => (s.spec.multus.networks[0].ipam.subnet = '192.168.10.5/24'), 'spec.multus.networks[0].ipam.subnet: "192.168.10.5/24" has host bits set'],
    ['rangeStart outside subnet', (s) => (s.spec.multus.networks[0].ipam.rangeStart = '192.168.11.10'), 'spec.multus.networks[0].ipam.rangeStart: rangeStart 192.168.11.10 is outside 192.168.10.0/24'],
    ['rangeEnd outside subnet', (s) => (s.spec.multus.networks[0].ipam.rangeEnd = '10.0.0.1'), 'spec.multus.networks[0].ipam.rangeEnd: rangeEnd 10.0.0.1 is outside 192.168.10.0/24'],
    ['rangeEnd before rangeStart', (s) => (s.spec.multus.networks[0].ipam.rangeEnd = '192.168.10.5'), 'spec.multus.networks[0].ipam.rangeEnd: 192.168.10.5 comes before rangeStart 192.168.10.10'],
    ['gateway outside subnet', (s) => (s.spec.multus.networks[0].ipam.gateway = '192.168.11.1'), 'spec.multus.networks[0].ipam.gateway: gateway 192.168.11.1 is outside 192.168.10.0/24'],
    ['gateway not an IP', (s) => (s.spec.multus.networks[0].ipam.gateway = 'router'), 'spec.multus.networks[0].ipam.gateway: "router" is not a valid IP address'],
    ['route dst not a CIDR', (s) => (s.spec.multus.networks[0].ipam.routes = [{ dst: '10.1.0.0' }]), 'spec.multus.networks[0].ipam.routes[0].dst: "10.1.0.0" is not a CIDR'],
    ['duplicate name in a namespace', (s) => (s.spec.multus.networks[2].name = 'dp-a'), 'spec.multus.networks[2].name: "dp-a" is already used in namespace default by spec.multus.networks[1]'],
    ['name not a DNS-1123 label', (s) => (s.spec.multus.networks[0].name = 'Storage_Net'), 'spec.multus.networks[0].name: "Storage_Net" is not a DNS-1123 label'],
    ['namespace not a DNS-1123 label', (s) => (s.spec.multus.networks[0].namespace = 'Prod'), 'spec.multus.networks[0].namespace: "Prod" is not a DNS-1123 label'],
    ['macvlan without master', (s) => delete s.spec.multus.networks[0].plugin.master, 'spec.multus.networks[0].plugin.master: '],
    ['master longer than 15 characters', (s) => (s.spec.multus.networks[0].plugin.master = 'enp0s31f6-uplink0'), 'spec.multus.networks[0].plugin.master: interface name "enp0s31f6-uplink0" is 17 characters long (allowed: at most 15)'],
    ['vlan without vlanId', (s) => (s.spec.multus.networks[0].plugin = { type: 'vlan', master: 'eth1' }), 'spec.multus.networks[0].plugin.vlanId: '],
    ['vlanId out of range', (s) => (s.spec.multus.networks[0].plugin = { type: 'vlan', master: 'eth1', vlanId: 5000 }), 'spec.multus.networks[0].plugin.vlanId: '],
    ['host-device with two selectors', (s) => (s.spec.multus.networks[0].plugin = { type: 'host-device', device: 'eth3', pciBusID: '0000:00:1f.6' }), 'spec.multus.networks[0].plugin: host-device needs exactly one of device, hwaddr, kernelpath, pciBusID (found: device, pciBusID)'],
    ['host-device without a selector', (s) => (s.spec.multus.networks[0].plugin = { type: 'host-device' }), 'spec.multus.networks[0].plugin: host-device needs exactly one of'],
    ['sriov resourceName without a vendor domain', (s) => (s.spec.multus.networks[1].plugin.resourceName = 'sriov_a'), 'spec.multus.networks[1].plugin.resourceName: "sriov_a" is not a device-plugin resource name'],
    ['ptp without IPAM', (s) => (s.spec.multus.networks[0] = { name: 'p', plugin: { type: 'ptp' } }), 'spec.multus.networks[0].ipam: ptp needs an IPAM config'],
    ['ptp with a static address without gateway', (s) => (s.spec.multus.networks[0] = { name: 'p', plugin: { type: 'ptp' }, ipam: { type: 'static', addresses: [{ address: '10.5.0.2/24' }] } }), 'spec.multus.networks[0].ipam.addresses[0].gateway: ptp puts the gateway'],
    ['static address not in CIDR notation', (s) => (s.spec.multus.networks[0].ipam = { type: 'static', addresses: [{ address: '10.5.0.2' }] }), 'spec.multus.networks[0].ipam.addresses[0].address: "10.5.0.2" is not a CIDR'],
    ['static gateway outside the address subnet', (s) => (s.spec.multus.networks[0].ipam = { type: 'static', addresses: [{ address: '10.5.0.2/24', gateway: '10.6.0.1' }] }), 'spec.multus.networks[0].ipam.addresses[0].gateway: gateway 10.6.0.1 is outside 10.5.0.0/24'],
    ['host-local subnet inside the pod range', (s) => (s.spec.multus.networks[0].ipam = { type: 'host-local', subnet: '10.244.1.0/24' }), 'spec.multus.networks[0].ipam.subnet: 10.244.1.0/24 overlaps the pod range spec.pods.cidrs[0] 10.244.0.0/16 (allowed: a range apart from the cluster\'s pod and service ranges)'],
    ['host-local subnet inside the service range', (s) => (s.spec.multus.networks[0].ipam = { type: 'host-local', subnet: '10.96.4.0/24' }), 'spec.multus.networks[0].ipam.subnet: 10.96.4.0/24 overlaps the service range spec.services.cidrs[0] 10.96.0.0/12'],
    ['static address inside the pod range', (s) => (s.spec.multus.networks[0].ipam = { type: 'static', addresses: [{ address: '192.168.10.5/24' }, { address: '10.244.7.5/24' }] }), 'spec.multus.networks[0].ipam.addresses[1].address: 10.244.7.0/24 overlaps the pod range spec.pods.cidrs[0] 10.244.0.0/16'],
    ['IPv4 gateway on an IPv6 route', (s) => (s.spec.multus.networks[0].ipam = { type: 'host-local', subnet: 'fd00:30::/64', routes: [{ dst: '::/0', gw: '10.0.0.1' }] }), 'spec.multus.networks[0].ipam.routes[0].gw: 10.0.0.1 is IPv4 but dst ::/0 is IPv6 (allowed: an IPv6 gateway)'],
    ['IPv6 route without an IPv6 range', (s) => (s.spec.multus.networks[0].ipam.routes = [{ dst: 'fd00:99::/64' }]), 'spec.multus.networks[0].ipam.routes[0].dst: fd00:99::/64 is IPv6 but the IPAM gives the pod only IPv4 addresses (allowed: an IPv4 destination, or add an IPv6 range)'],
    ['whereabouts range_start outside the range', (s) => (s.spec.multus.networks[1].ipam.range_start = '10.29.0.1'), 'spec.multus.networks[1].ipam.range_start: range_start 10.29.0.1 is outside 10.30.0.0/24'],
    ['ipvlan with a per-pod MAC', (s) => Object.assign(s.spec.multus.networks[0], { plugin: { type: 'ipvlan', master: 'eth1' }, tuning: { capabilities: { mac: true } } }), 'spec.multus.networks[0].tuning.capabilities: ipvlan interfaces share the master\'s MAC address'],
    ['tuning mac not a MAC address', (s) => (s.spec.multus.networks[0].tuning = { mac: 'c2:b0:57' }), 'spec.multus.networks[0].tuning.mac: "c2:b0:57" is not a MAC address'],
    ['unknown plugin field (typo)', (s) => (s.spec.multus.networks[0].plugin.mastr = 'eth1'), 'spec.multus.networks[0].plugin.mastr: '],
    ['unknown plugin type', (s) => (s.spec.multus.networks[0].plugin = { type: 'flannel' }), 'spec.multus.networks[0].plugin.type: '],
    ['unknown cniVersion', (s) => (s.spec.multus.networks[0].cniVersion = '1.0'), 'spec.multus.networks[0].cniVersion: "1.0" is not a CNI spec version (allowed: 0.1.0, 0.2.0, 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0)'],
    ['unknown mode', (s) => (s.spec.multus.mode = 'thicc'), 'spec.multus.mode: '],
  ];

  test.each(cases)('%s', (_name, mutate, expected) => {
    const spec = base();
    mutate(spec);
    const out = join(tempDir(), 'out');
    const r = cli('synth', writeSpec(spec), '-o', out);
    expect(r.code).toBe(1);
    if (!r.stderr.split('\n').some((l) => l.startsWith(expected))) throw new Error(`no stderr line starts with "${expected}":\n${r.stderr}`);
    expect(filesIn(out)).toEqual([]);
  });

  test('every problem is reported at once', () => {
    const spec = base();
    spec.spec.multus.networks[0].ipam.rangeStart = '1.1.1.1';
    spec.spec.multus.networks[2].ipam.range = '10.244.0.0/16';
    const r = cli('validate', writeSpec(spec));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spec.multus.networks[0].ipam.rangeStart: ');
    expect(r.stderr).toContain('spec.multus.networks[2].ipam.range: 10.244.0.0/16 overlaps the pod range spec.pods.cidrs[0] 10.244.0.0/16');
  });
});
