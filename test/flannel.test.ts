/** Flannel: explicit assertions on what matters, the TypeScript construct API, and fidelity to kube-flannel.yml. */
import { App, Chart, Testing } from 'cdk8s';
import { Flannel } from '../src/cni/flannel/flannel';
import { flannelNetConf } from '../src/cni/common/flannel-data-path/net-conf';
import { synthObjects } from '../src/synth';
import type { ClusterNetworkSpec } from '../src/spec/schema';
import { cniModuleFor } from '../src/cni/registry';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
import { flannelSubnetEnvMtu } from '../src/cni/common/flannel-data-path/data-path';
import { renderPlan } from '../src/reports/plan';
import { find, loadExample, synthExample } from './support/examples';
import { describeWithReference, readReferenceYaml } from './support/shared';
import { validateObjects } from './support/schema-validation';

const base: ClusterNetworkSpec = {
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'test' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, cni: { type: 'flannel' } },
};

const flannelModule = cniModuleFor('flannel');

function netConf(objs: any[]): any {
  return JSON.parse(find(objs, 'ConfigMap', 'kube-flannel-cfg').data['net-conf.json']);
}

function container(objs: any[], name: string): any {
  return find(objs, 'DaemonSet', 'kube-flannel-ds').spec.template.spec.containers.find((c: any) => c.name === name);
}

describe('flannel-vxlan example', () => {
  const objs = synthExample('flannel-vxlan.yaml');

  test('has the upstream objects, in order', () => {
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/kube-flannel',
      'ClusterRole/flannel',
      'ClusterRoleBinding/flannel',
      'ServiceAccount/flannel',
      'ConfigMap/kube-flannel-cfg',
      'DaemonSet/kube-flannel-ds',
    ]);
  });

  test('net-conf.json carries the pod range and the VXLAN backend', () => {
    expect(netConf(objs)).toEqual({ Network: '10.244.0.0/16', EnableNFTables: false, Backend: { Type: 'vxlan' } });
  });

  test('namespace is privileged for Pod Security', () => {
    expect(find(objs, 'Namespace', 'kube-flannel').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('the agent runs the pinned image with NET_ADMIN/NET_RAW, not privileged, with its service account token', () => {
    const c = container(objs, 'kube-flannel');
    expect(c.image).toBe('ghcr.io/flannel-io/flannel:v0.28.9');
    expect(c.securityContext).toEqual({ privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } });
    expect(c.args).toEqual(['--ip-masq', '--kube-subnet-mgr', '--healthz-port=8081']);
    const pod = find(objs, 'DaemonSet', 'kube-flannel-ds').spec.template.spec;
    expect(pod.serviceAccountName).toBe('flannel');
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(pod.hostNetwork).toBe(true);
    expect(pod.priorityClassName).toBe('system-node-critical');
    expect(pod.initContainers.map((i: any) => i.image)).toEqual([
      'ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3',
      'ghcr.io/flannel-io/flannel:v0.28.9',
    ]);
  });

  test('RBAC grants exactly what kube-subnet-mgr needs', () => {
    expect(find(objs, 'ClusterRole', 'flannel').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
    ]);
    expect(find(objs, 'ClusterRoleBinding', 'flannel').subjects).toEqual([{ kind: 'ServiceAccount', name: 'flannel', namespace: 'kube-flannel' }]);
  });
});

describe('flannel-dual-stack example', () => {
  const objs = synthExample('flannel-dual-stack.yaml');

  test('net-conf.json enables IPv6 and carries both ranges and the WireGuard options', () => {
    expect(netConf(objs)).toEqual({
      Network: '10.244.0.0/16',
      EnableIPv6: true,
      IPv6Network: 'fd00:10:244::/56',
      EnableNFTables: false,
      Backend: { Type: 'wireguard', PersistentKeepaliveInterval: 25 },
    });
  });

  test('WireGuard over both families: pod MTU 1500 - 80 (IPv6 WireGuard), both listen ports open between nodes', () => {
    const n = resolveClusterNetwork(loadExample('flannel-dual-stack.yaml'));
    expect(flannelModule.podMtu(n)).toBe(1420);
    expect(flannelModule.nodeTraffic(n)).toEqual([
      { protocol: 'udp', fromPort: 51820, description: 'Flannel WireGuard (IPv4)' },
      { protocol: 'udp', fromPort: 51821, description: 'Flannel WireGuard (IPv6, ListenPortV6)' },
    ]);
  });

  test('every image comes from the mirror, keeping repository and tag', () => {
    const pod = find(objs, 'DaemonSet', 'kube-flannel-ds').spec.template.spec;
    const images = [...pod.initContainers, ...pod.containers].map((c: any) => c.image);
    expect(images).toEqual([
      'registry.example.com/mirror/flannel-io/flannel-cni-plugin:v1.9.1-flannel3',
      'registry.example.com/mirror/flannel-io/flannel:v0.28.9',
      'registry.example.com/mirror/flannel-io/flannel:v0.28.9',
    ]);
  });
});

describe('spec options', () => {
  test('version override changes the flannel tag only; non-default VXLAN and node mask are written', () => {
    const objs = synthObjects({
      ...base,
      spec: { ...base.spec, pods: { cidrs: ['10.200.0.0/14'], nodeMaskSize: 25, maxPerNode: 64 }, cni: { type: 'flannel', version: 'v0.27.0', vxlan: { vni: 4096, port: 4789, directRouting: true } } },
    });
    expect(container(objs, 'kube-flannel').image).toBe('ghcr.io/flannel-io/flannel:v0.27.0');
    expect(netConf(objs)).toEqual({
      Network: '10.200.0.0/14',
      SubnetLen: 25,
      EnableNFTables: false,
      Backend: { Type: 'vxlan', VNI: 4096, Port: 4789, DirectRouting: true },
    });
  });

  test('IPv6-only disables IPv4 in net-conf.json', () => {
    const objs = synthObjects({
      ...base,
      spec: { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] }, cni: { type: 'flannel', backend: 'host-gw' } },
    });
    expect(netConf(objs)).toEqual({ EnableIPv4: false, EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', EnableNFTables: false, Backend: { Type: 'host-gw' } });
  });

  test('WireGuard ports: ListenPortV6 is its own setting (not ListenPort + 1), written only when not 51821', () => {
    const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
    const spec = (wireguard: object, extra: object = dual): ClusterNetworkSpec => ({ ...base, spec: { ...extra, cni: { type: 'flannel', backend: 'wireguard', wireguard } } as any });
    const custom = spec({ listenPort: 51000, listenPortV6: 52000 });
    expect(netConf(synthObjects(custom)).Backend).toEqual({ Type: 'wireguard', ListenPort: 51000, ListenPortV6: 52000 });
    expect(flannelModule.nodeTraffic(resolveClusterNetwork(custom)).map((r) => r.fromPort)).toEqual([51000, 52000]);
    const portOnly = spec({ listenPort: 51000 });
    expect(netConf(synthObjects(portOnly)).Backend).toEqual({ Type: 'wireguard', ListenPort: 51000 });
    expect(flannelModule.nodeTraffic(resolveClusterNetwork(portOnly)).map((r) => r.fromPort)).toEqual([51000, 51821]);
    const v6only = spec({}, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] } });
    expect(flannelModule.nodeTraffic(resolveClusterNetwork(v6only)).map((r) => r.fromPort)).toEqual([51821]);
    expect(flannelModule.nodeTraffic(resolveClusterNetwork(spec({}, { pods: { cidrs: ['10.244.0.0/16'] } }))).map((r) => r.fromPort)).toEqual([51820]);
  });

  test('VXLAN: flanneld writes FLANNEL_MTU = underlay − 50 for every family (pkg/backend/vxlan encapOverhead); with IPv6 we give pods underlay − 70 through the CNI delegate', () => {
    const v6spec: ClusterNetworkSpec = { ...base, spec: { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] }, cni: { type: 'flannel' } } };
    const v4 = resolveClusterNetwork(base);
    const v6 = resolveClusterNetwork(v6spec);
    expect([flannelModule.podMtu(v4), flannelModule.podMtu(v6)]).toEqual([1450, 1430]);
    expect([flannelSubnetEnvMtu(1500, v4.spec.cni as any), flannelSubnetEnvMtu(1500, v6.spec.cni as any)]).toEqual([1450, 1450]);
    const cniConf = (objs: any[]) => JSON.parse(find(objs, 'ConfigMap', 'kube-flannel-cfg').data['cni-conf.json']);
    // IPv4: the delegate has no mtu, so the bridge gets FLANNEL_MTU (1450), as kube-flannel.yml ships it.
    expect(cniConf(synthObjects(base)).plugins[0].delegate).toEqual({ hairpinMode: true, isDefaultGateway: true });
    // IPv6: flannel-v6.1 has underlay − 70 (outer IPv6 header), so pods get 1430 instead of flanneld's 1450.
    expect(cniConf(synthObjects(v6spec)).plugins[0].delegate).toEqual({ hairpinMode: true, isDefaultGateway: true, mtu: 1430 });
    expect(renderPlan(v6)).toContain('| Flannel FLANNEL_MTU (flanneld) | 1450 |');
    expect(renderPlan(v6)).toContain('| Pod MTU | 1430 |');
  });

  test('WireGuard costs 80 bytes for every family, as flanneld subtracts (pkg/backend/wireguard overhead = 80): pods and FLANNEL_MTU agree, no delegate mtu', () => {
    const wg: ClusterNetworkSpec = { ...base, spec: { ...base.spec, cni: { type: 'flannel', backend: 'wireguard' } } };
    const n = resolveClusterNetwork(wg);
    expect(flannelModule.podMtu(n)).toBe(1420);
    expect(flannelSubnetEnvMtu(1500, n.spec.cni as any)).toBe(1420);
    expect(JSON.parse(find(synthObjects(wg), 'ConfigMap', 'kube-flannel-cfg').data['cni-conf.json']).plugins[0].delegate.mtu).toBeUndefined();
    expect(renderPlan(n)).toContain('| Pod MTU | 1420 |');
  });

  test('the minimum-MTU check counts WireGuard as 80: 1359 leaves 1279 for IPv6 pods (refused), 1360 leaves 1280', () => {
    const v6wg = (mtu: number) => ({ ...base, spec: { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] }, nodes: { count: 3, mtu }, cni: { type: 'flannel', backend: 'wireguard' } } });
    expect(validateClusterNetwork(v6wg(1359)).issues).toEqual([
      expect.objectContaining({ rule: 'mtu/pod-mtu-below-ipv6-minimum', path: 'spec.nodes.mtu', message: '1359 leaves 1279 for pods after the wireguard overhead of 80 bytes (allowed: at least 1360, so pods get 1280)' }),
    ]);
    expect(validateClusterNetwork(v6wg(1360)).issues).toEqual([]);
  });

  test('metadata.labels are stamped on every object; Argo sync waves are opt-in', () => {
    const objs = synthObjects({ ...base, metadata: { name: 'test', labels: { team: 'net' } } }, { argoSyncWaves: true });
    for (const o of objs) {
      expect(o.metadata.labels).toMatchObject({ team: 'net' });
      expect((o.metadata as any).annotations['argocd.argoproj.io/sync-wave']).toBe('0');
    }
    expect(synthObjects(base).every((o) => (o.metadata as any).annotations === undefined)).toBe(true);
  });
});

describe('Flannel construct from TypeScript', () => {
  test('works on its own in any chart, with typed props', () => {
    const chart = Testing.chart();
    const flannel = new Flannel(chart, 'flannel', { namespace: 'net', network: '10.50.0.0/16', backend: { type: 'host-gw' } });
    const objs = Testing.synth(chart);
    expect(flannel.namespace).toBe('net');
    expect(objs.filter((o: any) => o.metadata.namespace === 'net').map((o: any) => o.kind)).toEqual(['ServiceAccount', 'ConfigMap', 'DaemonSet']);
    expect(JSON.parse(objs.find((o: any) => o.kind === 'ConfigMap').data['net-conf.json']).Backend).toEqual({ Type: 'host-gw' });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('net-conf defaults equal the upstream file', () => {
    expect(flannelNetConf({})).toEqual({ Network: '10.244.0.0/16', EnableNFTables: false, Backend: { Type: 'vxlan' } });
  });

  test('a chart in an app synthesizes without a ClusterNetwork spec', () => {
    const app = new App();
    new Flannel(new Chart(app, 'c'), 'f');
    expect(app.synthYaml()).toContain('kube-flannel-ds');
  });
});

describeWithReference('fidelity: default spec vs upstream kube-flannel.yml', () => {
  // Intended differences: none. With the upstream pod range and the VXLAN backend, every object equals upstream's
  // (compared as parsed objects; YAML formatting and key order are not significant to the API server).
  const upstream = readReferenceYaml('flannel', 'kube-flannel.yml');
  const ours = synthObjects(base);

  test('same objects (kind/name/namespace)', () => {
    const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    expect(ours.map(key).sort()).toEqual(upstream.map(key).sort());
  });

  test.each(upstream.map((o: any) => [`${o.kind}/${o.metadata.name}`, o]))('%s equals upstream', (_id, up: any) => {
    const mine: any = ours.find((o) => o.kind === up.kind && o.metadata.name === up.metadata.name);
    const normalise = (o: any) => {
      const c = structuredClone(o);
      if (c.kind === 'ConfigMap') for (const k of Object.keys(c.data)) c.data[k] = JSON.parse(c.data[k]);
      return c;
    };
    expect(normalise(mine)).toEqual(normalise(up));
  });
});
