/**
 * attachNetworks: the networks annotation on the pod template of Pods, Deployments, StatefulSets and DaemonSets,
 * SR-IOV resource requests, and one test per composition mistake (each message names the pod and the network).
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { attachNetworks, NETWORKS_ANNOTATION } from '../src/cni/multus/attach';
import { NetworkAttachmentDefinition } from '../src/cni/multus/network-attachment-definition';
import { ClusterNetworkChart } from '../src/charts/cluster-network-chart';
import { loadExample } from './support/examples';
import { validateObjects } from './support/schema-validation';
import { describeWithReference } from './support/shared';
import { synthError } from './support/synth-error';

interface Fixture {
  app: App;
  chart: Chart;
  storage: NetworkAttachmentDefinition;
  mgmt: NetworkAttachmentDefinition;
  dataplane: NetworkAttachmentDefinition;
  plain: NetworkAttachmentDefinition;
}

function fixture(namespace = 'telco'): Fixture {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace });
  const storage = new NetworkAttachmentDefinition(chart, 'storage', {
    name: 'storage',
    namespace: 'infra',
    plugin: { type: 'macvlan', master: 'eth1' },
    ipam: { type: 'host-local', subnet: '192.168.10.0/24' },
  });
  const mgmt = new NetworkAttachmentDefinition(chart, 'mgmt', {
    name: 'mgmt',
    plugin: { type: 'macvlan', master: 'eth2' },
    ipam: { type: 'static', addresses: [{ address: '10.20.0.2/24', gateway: '10.20.0.1' }] },
    tuning: { capabilities: { mac: true } },
  });
  const dataplane = new NetworkAttachmentDefinition(chart, 'dataplane', {
    name: 'dataplane',
    plugin: { type: 'sriov', resourceName: 'intel.com/sriov_netdevice' },
    ipam: { type: 'whereabouts', range: '10.30.0.0/24', range_start: '10.30.0.10', exclude: ['10.30.0.64/26'] },
  });
  const plain = new NetworkAttachmentDefinition(chart, 'plain', { name: 'plain', plugin: { type: 'bridge', bridge: 'br1' }, ipam: { type: 'host-local', subnet: '10.50.0.0/24' } });
  return { app, chart, storage, mgmt, dataplane, plain };
}

const container = { image: 'registry.example.com/cnf:1.0', portNumber: 8080 };

describe('the annotation', () => {
  test('Deployment: written on the pod template, never on the Deployment itself', () => {
    const f = fixture();
    const d = new kplus.Deployment(f.chart, 'cnf', { metadata: { name: 'cnf' }, replicas: 1, containers: [container] });
    attachNetworks(d, [
      { network: f.mgmt, interface: 'mgmt0', ips: ['10.20.0.5/24'], mac: 'c2:b0:57:49:47:f1' },
      { network: f.dataplane, interface: 'dp0' },
    ]);
    const obj = Testing.synth(f.chart).find((o: any) => o.kind === 'Deployment');
    expect(obj.metadata.annotations?.[NETWORKS_ANNOTATION]).toBeUndefined();
    expect(JSON.parse(obj.spec.template.metadata.annotations[NETWORKS_ANNOTATION])).toEqual([
      { name: 'mgmt', interface: 'mgmt0', ips: ['10.20.0.5/24'], mac: 'c2:b0:57:49:47:f1' },
      { name: 'dataplane', interface: 'dp0' },
    ]);
    expect(obj.spec.template.metadata.annotations[NETWORKS_ANNOTATION]).toBe(
      '[{"interface":"mgmt0","ips":["10.20.0.5/24"],"mac":"c2:b0:57:49:47:f1","name":"mgmt"},{"interface":"dp0","name":"dataplane"}]',
    );
    expect(synthError(f.app)).toBe('');
  });

  test.each([
    ['Pod', (c: Chart) => new kplus.Pod(c, 'w', { metadata: { name: 'w' }, containers: [container] }), (o: any) => o.metadata],
    ['StatefulSet', (c: Chart) => new kplus.StatefulSet(c, 'w', { metadata: { name: 'w' }, replicas: 1, containers: [container], service: new kplus.Service(c, 's', { ports: [{ port: 80 }] }) }), (o: any) => o.spec.template.metadata],
    ['DaemonSet', (c: Chart) => new kplus.DaemonSet(c, 'w', { metadata: { name: 'w' }, containers: [container] }), (o: any) => o.spec.template.metadata],
  ] as const)('%s: annotation on the pod (template)', (kind, make, podMeta) => {
    const f = fixture();
    attachNetworks(make(f.chart) as any, [{ network: f.plain }]);
    const obj = Testing.synth(f.chart).find((o: any) => o.kind === kind);
    expect(JSON.parse(podMeta(obj).annotations[NETWORKS_ANNOTATION])).toEqual([{ name: 'plain' }]);
    if (kind !== 'Pod') expect(obj.metadata.annotations?.[NETWORKS_ANNOTATION]).toBeUndefined();
    expect(synthError(f.app)).toBe('');
  });

  test('cross-namespace: the namespace is written, by name ("ns/name") or with crossNamespace', () => {
    const f = fixture();
    const a = new kplus.Pod(f.chart, 'a', { metadata: { name: 'a' }, containers: [container] });
    attachNetworks(a, [{ network: f.storage, crossNamespace: true, interface: 'stor0' }]);
    const b = new kplus.Pod(f.chart, 'b', { metadata: { name: 'b' }, containers: [container] });
    attachNetworks(b, [{ network: 'infra/storage' }, { network: 'plain', defaultRoute: ['10.50.0.1'] }]);
    const pods = Testing.synth(f.chart).filter((o: any) => o.kind === 'Pod');
    expect(JSON.parse(pods[0].metadata.annotations[NETWORKS_ANNOTATION])).toEqual([{ name: 'storage', namespace: 'infra', interface: 'stor0' }]);
    expect(JSON.parse(pods[1].metadata.annotations[NETWORKS_ANNOTATION])).toEqual([{ name: 'storage', namespace: 'infra' }, { name: 'plain', 'default-route': ['10.50.0.1'] }]);
    expect(synthError(f.app)).toBe('');
  });

  test('calls accumulate in order', () => {
    const f = fixture();
    const p = new kplus.Pod(f.chart, 'p', { metadata: { name: 'p' }, containers: [container] });
    attachNetworks(p, [{ network: f.plain, interface: 'a1' }]);
    attachNetworks(p, [{ network: f.dataplane, interface: 'a2' }]);
    const obj = Testing.synth(f.chart).find((o: any) => o.kind === 'Pod');
    expect(JSON.parse(obj.metadata.annotations[NETWORKS_ANNOTATION]).map((x: any) => x.interface)).toEqual(['a1', 'a2']);
  });
});

describe('SR-IOV resource requests', () => {
  test('the first container requests (and limits) one device per SR-IOV attachment', () => {
    const f = fixture();
    const d = new kplus.Deployment(f.chart, 'cnf', { metadata: { name: 'cnf' }, replicas: 1, containers: [container, { image: 'sidecar:1', name: 'sidecar' }] });
    attachNetworks(d, [{ network: f.dataplane, interface: 'dp0' }]);
    attachNetworks(d, [{ network: f.dataplane, interface: 'dp1' }, { network: f.plain }]);
    const obj = Testing.synth(f.chart).find((o: any) => o.kind === 'Deployment');
    const [first, second] = obj.spec.template.spec.containers;
    expect(first.resources.requests['intel.com/sriov_netdevice']).toBe('2');
    expect(first.resources.limits['intel.com/sriov_netdevice']).toBe('2');
    expect(first.resources.requests.cpu).toBe('1000m');
    expect(second.resources.requests['intel.com/sriov_netdevice']).toBeUndefined();
  });

  test('works when the container declares no resources at all', () => {
    const f = fixture();
    const p = new kplus.Pod(f.chart, 'p', { metadata: { name: 'p' }, containers: [{ ...container, resources: {} }] });
    attachNetworks(p, [{ network: f.dataplane }]);
    const obj = Testing.synth(f.chart).find((o: any) => o.kind === 'Pod');
    expect(obj.spec.containers[0].resources).toEqual({ limits: { 'intel.com/sriov_netdevice': '1' }, requests: { 'intel.com/sriov_netdevice': '1' } });
  });

  test('a workload without containers is refused when attaching an SR-IOV network', () => {
    const f = fixture();
    const p = new kplus.Pod(f.chart, 'p', { metadata: { name: 'p' } });
    expect(() => attachNetworks(p, [{ network: f.dataplane }])).toThrow('Pod telco/p: add a container before attaching an SR-IOV network');
  });
});

describeWithReference('schema validation', () => {
  test('workloads with attachments and the NADs validate (Kubernetes schemas, NAD CRD)', () => {
    const f = fixture();
    const d = new kplus.Deployment(f.chart, 'cnf', { metadata: { name: 'cnf' }, replicas: 1, containers: [container] });
    attachNetworks(d, [{ network: f.dataplane }, { network: f.mgmt, ips: ['10.20.0.9/24'] }]);
    expect(validateObjects(Testing.synth(f.chart))).toEqual([]);
  });
});

describe('composition mistakes fail the synth, naming the pod and the network', () => {
  function expectError(build: (f: Fixture) => void, ...expected: string[]): void {
    const f = fixture();
    build(f);
    const msg = synthError(f.app);
    for (const e of expected) expect(msg).toContain(e);
  }
  const pod = (f: Fixture, name = 'cnf') => new kplus.Pod(f.chart, name, { metadata: { name }, containers: [container] });

  test('the network is not defined in the app (by name)', () => {
    expectError((f) => attachNetworks(pod(f), [{ network: 'nosuch' }]), 'Pod telco/cnf: network "telco/nosuch" (attachment 0, interface net1): no NetworkAttachmentDefinition with that name and namespace is defined in this app');
  });

  test('the network object belongs to another app', () => {
    const other = fixture();
    expectError((f) => attachNetworks(pod(f), [{ network: other.plain }]), 'Pod telco/cnf: network "telco/plain" (attachment 0, interface net1): the NetworkAttachmentDefinition belongs to another app');
  });

  test('namespace mismatch without the cross-namespace form', () => {
    expectError(
      (f) => attachNetworks(pod(f), [{ network: f.storage }]),
      'Pod telco/cnf: network "infra/storage" (attachment 0, interface net1): the network is in namespace infra but the pod is in telco (allowed: a network in the pod\'s namespace, or crossNamespace: true / the "infra/storage" form)',
    );
  });

  test('interface name longer than 15 characters', () => {
    expectError((f) => attachNetworks(pod(f), [{ network: f.plain, interface: 'averylonginterface' }]), 'Pod telco/cnf: network "telco/plain" (attachment 0, interface averylonginterface): interface name "averylonginterface" is 18 characters long (allowed: at most 15)');
  });

  test('interface name with invalid characters', () => {
    expectError((f) => attachNetworks(pod(f), [{ network: f.plain, interface: 'net/1' }]), 'interface name "net/1" contains \'/\', \':\' or whitespace');
  });

  test('interface name used twice in a pod (also implicitly, and eth0 of the primary network)', () => {
    expectError(
      (f) => attachNetworks(pod(f), [{ network: f.plain, interface: 'net2' }, { network: f.mgmt }, { network: f.dataplane, interface: 'eth0' }]),
      'Pod telco/cnf: network "telco/mgmt" (attachment 1, interface net2): interface name "net2" is already used by attachment 0 (allowed: a name unique in the pod)',
      'Pod telco/cnf: network "telco/dataplane" (attachment 2, interface eth0): interface name "eth0" is already used by the primary network',
    );
  });

  test('ips on a whereabouts network: whereabouts has no runtimeConfig and would ignore them', () => {
    expectError(
      (f) => attachNetworks(pod(f), [{ network: f.dataplane, ips: ['10.30.0.20/24'] }]),
      'Pod telco/cnf: network "telco/dataplane" (attachment 0, interface net1): ips are set but the network (plugin sriov, IPAM whereabouts) does not honour them (allowed: host-local IPAM, or static IPAM with a plugin other than ptp; whereabouts ignores per-pod ips) [multus/attach-ips-not-honoured]',
    );
  });

  test('ips on a host-local network are honoured (host-local reads runtimeConfig ips)', () => {
    const f = fixture();
    attachNetworks(pod(f), [{ network: f.plain, ips: ['10.50.0.5/24'] }]);
    expect(f.chart.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
    expect(JSON.parse(f.plain.configJson).capabilities).toEqual({ ips: true, mac: true });
  });

  test('ips outside the network range (static subnet; host-local subnet)', () => {
    expectError(
      (f) => attachNetworks(pod(f), [{ network: f.mgmt, ips: ['10.21.0.5/24'] }, { network: f.plain, ips: ['10.51.0.5/24'] }]),
      'Pod telco/cnf: network "telco/mgmt" (attachment 0, interface net1): ip 10.21.0.5/24 is outside the network\'s range 10.20.0.0/24',
      'Pod telco/cnf: network "telco/plain" (attachment 1, interface net2): ip 10.51.0.5/24 is outside the network\'s range 10.50.0.0/24',
    );
  });

  test('ips not in CIDR notation', () => {
    expectError((f) => attachNetworks(pod(f), [{ network: f.mgmt, ips: ['10.20.0.5'] }]), 'Pod telco/cnf: network "telco/mgmt" (attachment 0, interface net1): ip "10.20.0.5" is not an address in CIDR notation');
  });

  test('the same static IP on two pods', () => {
    expectError(
      (f) => {
        attachNetworks(pod(f, 'a'), [{ network: f.mgmt, ips: ['10.20.0.5/24'] }]);
        attachNetworks(pod(f, 'b'), [{ network: f.mgmt, ips: ['10.20.0.5/24'] }]);
      },
      'Pod telco/b: network "telco/mgmt": ip 10.20.0.5 is already used by Pod telco/a (allowed: each static IP on one pod only)',
    );
  });

  test('static ips on a workload with several replicas, or a DaemonSet', () => {
    expectError(
      (f) => {
        attachNetworks(new kplus.Deployment(f.chart, 'd', { metadata: { name: 'd' }, replicas: 3, containers: [container] }), [{ network: f.mgmt, ips: ['10.20.0.6/24'] }]);
        attachNetworks(new kplus.DaemonSet(f.chart, 'ds', { metadata: { name: 'ds' }, containers: [container] }), [{ network: f.mgmt, ips: ['10.20.0.7/24'] }]);
      },
      'Deployment telco/d: network "telco/mgmt" (attachment 0, interface net1): ips 10.20.0.6/24 would be given to every pod, and this workload runs 3 replicas',
      'DaemonSet telco/ds: network "telco/mgmt" (attachment 0, interface net1): ips 10.20.0.7/24 would be given to every pod, and this workload runs one pod per node',
    );
  });

  test('mac on a network without a plugin that applies it', () => {
    expectError(
      (f) => attachNetworks(pod(f), [{ network: f.dataplane, mac: 'c2:b0:57:49:47:f1' }]),
      'Pod telco/cnf: network "telco/dataplane" (attachment 0, interface net1): mac is set but no plugin of the network applies it (allowed: a network with tuning: { capabilities: { mac: true } }, or the bridge plugin) [multus/attach-mac-not-honoured]',
    );
  });

  test('mac on a bridge network is honoured (bridge applies runtimeConfig mac)', () => {
    const f = fixture();
    attachNetworks(pod(f), [{ network: f.plain, mac: 'c2:b0:57:49:47:f1' }]);
    expect(f.chart.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
  });

  test('an invalid mac and an invalid defaultRoute gateway', () => {
    expectError(
      (f) => attachNetworks(pod(f), [{ network: f.mgmt, mac: 'zz:00', defaultRoute: ['10.20.0.999'] }]),
      'mac "zz:00" is not a MAC address',
      'defaultRoute "10.20.0.999" is not an IP address',
    );
  });

  test('errors carry the construct path too (cdk8s validation)', () => {
    expectError((f) => attachNetworks(pod(f), [{ network: 'nosuch' }]), '[test/cnf] Pod telco/cnf');
  });
});

test('checks stay fast: 2,000 pods with static IPs and 200 networks validate quickly', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'scale', { namespace: 'scale' });
  const nets = Array.from({ length: 200 }, (_, i) =>
    new NetworkAttachmentDefinition(chart, `n${i}`, { name: `n${i}`, plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: `10.${i}.0.0/16` } }),
  );
  for (let p = 0; p < 2000; p++) {
    const pod = new kplus.Pod(chart, `p${p}`, { metadata: { name: `p${p}` }, containers: [container] });
    attachNetworks(pod, [{ network: nets[p % 200], ips: [`10.${p % 200}.${Math.floor(p / 200)}.10/16`] }]);
  }
  const started = Date.now();
  const errors = chart.node.findAll().flatMap((c) => c.node.validate());
  const elapsed = Date.now() - started;
  expect(errors).toEqual([]);
  expect(elapsed).toBeLessThan(5000);
});

test('networks from a ClusterNetwork spec are attachable by name from another chart of the app', () => {
  const app = Testing.app();
  new ClusterNetworkChart(app, 'net', { spec: loadExample('multus-storage-macvlan.yaml') });
  const workloads = new Chart(app, 'apps', { namespace: 'telco' });
  const d = new kplus.Deployment(workloads, 'cnf', { metadata: { name: 'cnf' }, replicas: 1, containers: [container] });
  attachNetworks(d, [{ network: 'mgmt', ips: ['10.20.0.7/24'], mac: '02:00:00:00:00:07' }, { network: 'dataplane' }, { network: 'default/storage' }]);
  expect(synthError(app)).toBe('');
  const obj = workloads.toJson().find((o: any) => o.kind === 'Deployment');
  expect(JSON.parse(obj.spec.template.metadata.annotations[NETWORKS_ANNOTATION])).toEqual([
    { name: 'mgmt', ips: ['10.20.0.7/24'], mac: '02:00:00:00:00:07' },
    { name: 'dataplane' },
    { name: 'storage', namespace: 'default' },
  ]);
  expect(obj.spec.template.spec.containers[0].resources.limits['intel.com/sriov_netdevice']).toBe('1');
});
