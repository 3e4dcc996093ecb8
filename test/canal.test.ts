/** Canal: explicit assertions on the example and options, and fidelity to canal.yaml v3.32.1. */
import { Testing } from 'cdk8s';
import { Canal } from '../src/cni/canal/canal';
import { CALICO_CRDS } from '../src/generated/calico/index';
import { cniModuleFor } from '../src/cni/registry';
import { resolveClusterNetwork } from '../src/spec/validate';
import type { ClusterNetworkSpec } from '../src/spec/schema';
import { synthObjects, type KubeObject } from '../src/synth';
import { find, loadExample, synthExample } from './support/examples';
import { validateObjects } from './support/schema-validation';
import { describeWithReference, readReferenceYaml } from './support/shared';

const base = (cni: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): ClusterNetworkSpec => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'test' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, ...spec, cni: { type: 'canal', ...cni } } as any,
});
const canalModule = cniModuleFor('canal');
const pod = (objs: KubeObject[]) => find(objs, 'DaemonSet', 'canal').spec.template.spec;
const container = (objs: KubeObject[], name: string) => pod(objs).containers.find((c: any) => c.name === name);
const data = (objs: KubeObject[]) => find(objs, 'ConfigMap', 'canal-config').data;
const cniConf = (objs: KubeObject[]) => JSON.parse(data(objs).cni_network_config.replace('__CNI_MTU__', '0'));

describe('canal example', () => {
  const objs = synthExample('canal.yaml');
  const n = resolveClusterNetwork(loadExample('canal.yaml'));

  test('Calico CRDs first, then one canal DaemonSet with calico-node and flanneld, kube-controllers, Felix settings', () => {
    expect(objs.slice(0, CALICO_CRDS.length).every((o) => o.kind === 'CustomResourceDefinition')).toBe(true);
    expect(objs.slice(CALICO_CRDS.length).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/canal',
      'ClusterRole/calico-node',
      'ClusterRoleBinding/canal-calico',
      'ClusterRole/flannel',
      'ClusterRoleBinding/canal-flannel',
      'ServiceAccount/calico-cni-plugin',
      'ClusterRole/calico-cni-plugin',
      'ClusterRoleBinding/calico-cni-plugin',
      'ClusterRole/calico-tier-getter',
      'ClusterRoleBinding/calico-tier-getter',
      'ConfigMap/canal-config',
      'DaemonSet/canal',
      'ServiceAccount/calico-kube-controllers',
      'ClusterRole/calico-kube-controllers',
      'ClusterRoleBinding/calico-kube-controllers',
      'Deployment/calico-kube-controllers',
      'PodDisruptionBudget/calico-kube-controllers',
      'FelixConfiguration/default',
    ]);
    expect(pod(objs).containers.map((c: any) => [c.name, c.image])).toEqual([
      ['calico-node', 'quay.io/calico/node:v3.32.1'],
      ['kube-flannel', 'docker.io/flannel/flannel:v0.24.4'],
    ]);
    expect(find(objs, 'FelixConfiguration', 'default').spec).toEqual({ prometheusMetricsEnabled: true });
  });

  test('Flannel data path from the pod range; host-local IPAM over the Node podCIDR; no Calico pools', () => {
    expect(JSON.parse(data(objs)['net-conf.json'])).toEqual({ Network: '10.244.0.0/16', Backend: { Type: 'vxlan' } });
    expect(cniConf(objs).plugins[0].ipam).toEqual({ type: 'host-local', subnet: 'usePodCidr' });
    expect(objs.filter((o) => o.kind === 'IPPool')).toEqual([]);
    const env = Object.fromEntries(container(objs, 'calico-node').env.map((e: any) => [e.name, e.value]));
    expect([env.CALICO_NETWORKING_BACKEND, env.CLUSTER_TYPE, env.USE_POD_CIDR]).toEqual(['none', 'k8s,canal', 'true']);
  });

  test('pod MTU = 1500 - 50 (VXLAN); node traffic is Flannel VXLAN', () => {
    expect(data(objs).veth_mtu).toBe('1450');
    expect(canalModule.podMtu(n)).toBe(1450);
    expect(canalModule.podAddressing(n)).toBe('node-cidr');
    expect(canalModule.nodeTraffic(n)).toEqual([{ protocol: 'udp', fromPort: 8472, description: 'Flannel VXLAN overlay' }]);
    expect(canalModule.routesNatively?.(n)).toBe(false);
  });

  test('RBAC: Calico without the Calico-IPAM rules, Flannel no broader than canal.yaml', () => {
    expect(find(objs, 'ClusterRole', 'flannel').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
    ]);
    const writesIpam = find(objs, 'ClusterRole', 'calico-node').rules.filter((r: any) => r.resources.includes('ipamblocks') && r.verbs.includes('create'));
    expect(writesIpam).toEqual([]);
    expect(find(objs, 'ClusterRole', 'calico-node').rules[0]).toEqual({
      apiGroups: [''],
      resources: ['serviceaccounts/token'],
      resourceNames: ['canal', 'calico-cni-plugin'],
      verbs: ['create'],
    });
    expect(find(objs, 'ClusterRole', 'calico-cni-plugin').rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
    ]);
    for (const b of ['canal-calico', 'canal-flannel']) expect(find(objs, 'ClusterRoleBinding', b).subjects).toEqual([{ kind: 'ServiceAccount', name: 'canal', namespace: 'kube-system' }]);
  });
});

describe('Canal options', () => {
  test('host-gw and WireGuard backends; a WireGuard backend costs 80 bytes of MTU, as flanneld subtracts (pkg/backend/wireguard)', () => {
    const hostGw = resolveClusterNetwork(base({ flannel: { backend: 'host-gw' } }));
    expect(canalModule.routesNatively?.(hostGw)).toBe(true);
    expect(canalModule.podMtu(hostGw)).toBe(1500);
    const wg = synthObjects(base({ flannel: { backend: 'wireguard', wireguard: { persistentKeepaliveInterval: 25 } } }));
    expect(JSON.parse(data(wg)['net-conf.json']).Backend).toEqual({ Type: 'wireguard', PersistentKeepaliveInterval: 25 });
    expect(data(wg).veth_mtu).toBe('1420');
  });

  test('dual-stack: both pod ranges in net-conf.json, host-local over both podCIDRs, IPv6 in Felix', () => {
    const objs = synthObjects(
      base({}, { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } }),
    );
    expect(JSON.parse(data(objs)['net-conf.json'])).toEqual({ Network: '10.244.0.0/16', EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', Backend: { Type: 'vxlan' } });
    expect(cniConf(objs).plugins[0].ipam).toEqual({ type: 'host-local', ranges: [[{ subnet: 'usePodCidr' }], [{ subnet: 'usePodCidrIPv6' }]] });
    expect(container(objs, 'calico-node').env.find((e: any) => e.name === 'FELIX_IPV6SUPPORT').value).toBe('true');
    // VXLAN over IPv6 costs 70 bytes (outer IPv6 header); one veth MTU serves both families.
    expect(data(objs).veth_mtu).toBe('1430');
    expect(validateObjects(objs)).toEqual([]);
  });

  test('IPv6-only: VXLAN 70 and WireGuard 80 bytes of overhead; WireGuard opens ListenPortV6 only', () => {
    const v6 = { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] } };
    const vxlan = base({}, v6);
    expect(data(synthObjects(vxlan)).veth_mtu).toBe('1430');
    expect(canalModule.podMtu(resolveClusterNetwork(vxlan))).toBe(1430);
    const wg = base({ flannel: { backend: 'wireguard', wireguard: { listenPortV6: 51900 } } }, v6);
    expect(data(synthObjects(wg)).veth_mtu).toBe('1420');
    expect(JSON.parse(data(synthObjects(wg))['net-conf.json']).Backend).toEqual({ Type: 'wireguard', ListenPortV6: 51900 });
    expect(canalModule.nodeTraffic(resolveClusterNetwork(wg))).toEqual([{ protocol: 'udp', fromPort: 51900, description: 'Flannel WireGuard (IPv6, ListenPortV6)' }]);
  });

  test('the flannel interface (canal_iface) comes from spec.cni.iface', () => {
    expect(data(synthObjects(base({ iface: 'ens5' }))).canal_iface).toBe('ens5');
    expect(data(synthObjects(base())).canal_iface).toBe('');
  });

  test('registry mirror covers the Calico and Flannel images', () => {
    const objs = synthObjects(base({ imageRegistry: 'mirror.example.com' }));
    const p = pod(objs);
    expect([...p.initContainers, ...p.containers].map((c: any) => c.image)).toEqual([
      'mirror.example.com/calico/cni:v3.32.1',
      'mirror.example.com/calico/node:v3.32.1',
      'mirror.example.com/calico/node:v3.32.1',
      'mirror.example.com/flannel/flannel:v0.24.4',
    ]);
  });

  test('Argo CD sync waves: CRDs -1, the rest 0, FelixConfiguration 1', () => {
    const objs = synthObjects(base({ felix: { logSeverityScreen: 'Warning' } }), { argoSyncWaves: true });
    const wave = (o: any) => o.metadata.annotations['argocd.argoproj.io/sync-wave'];
    expect(new Set(objs.filter((o) => o.kind === 'CustomResourceDefinition').map(wave))).toEqual(new Set(['-1']));
    expect(wave(find(objs, 'FelixConfiguration', 'default'))).toBe('1');
    expect(wave(find(objs, 'DaemonSet', 'canal'))).toBe('0');
  });

  test('Canal construct on its own, with typed props', () => {
    const chart = Testing.chart();
    const canal = new Canal(chart, 'canal', { network: '10.50.0.0/16', backend: { type: 'host-gw' }, iface: 'eth1', masquerade: false });
    const objs = Testing.synth(chart);
    expect(canal.netConf).toEqual({ Network: '10.50.0.0/16', Backend: { Type: 'host-gw' } });
    expect([data(objs).canal_iface, data(objs).masquerade]).toEqual(['eth1', 'false']);
  });
});

describeWithReference('fidelity vs canal.yaml (v3.32.1)', () => {
  const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const normalise = (o: any) => {
    const c = structuredClone(o);
    if (c.kind === 'ConfigMap') {
      c.data.cni_network_config = JSON.parse(c.data.cni_network_config.replace('__CNI_MTU__', '0'));
      c.data['net-conf.json'] = JSON.parse(c.data['net-conf.json']);
    }
    // Intended difference: the API server owns a CRD's status; upstream ships an empty stub for one CRD.
    if (c.kind === 'CustomResourceDefinition') delete c.status;
    return c;
  };
  const upstream = readReferenceYaml('canal', 'canal.yaml');

  const compare = (ours: any[], expected: any[]) => {
    expect(ours.map(key).sort()).toEqual(expected.map(key).sort());
    for (const up of expected) expect([key(up), normalise(ours.find((o) => key(o) === key(up)))]).toEqual([key(up), normalise(up)]);
  };

  test('new Canal() equals canal.yaml', () => {
    const chart = Testing.chart();
    new Canal(chart, 'canal');
    compare(Testing.synth(chart), upstream);
  });

  test('the spec path differs from canal.yaml only where intended', () => {
    // Intended differences for the canal.yaml pod range and backend: veth_mtu is derived (1500 - VXLAN 50 = 1450)
    // instead of 0 (auto-detect). No Felix settings in the spec, so no FelixConfiguration.
    const adjusted = upstream.map((o: any) => (o.kind === 'ConfigMap' ? { ...o, data: { ...o.data, veth_mtu: '1450' } } : o));
    compare(synthObjects(base()), adjusted);
  });
});
