/**
 * kube-router (issue 15): explicit assertions on both examples, the module hooks (MTU, node traffic, kube-proxy
 * replacement, kubeadm config), the construct API, peer passwords only as a mounted Secret, and fidelity object by
 * object against daemonset/kubeadm-kuberouter.yaml and kubeadm-kuberouter-all-features.yaml in ../shared/reference.
 */
import { App, Chart } from 'cdk8s';
import { KubeRouter } from '../src/cni/kube-router/kube-router';
import { cniModuleFor } from '../src/cni/registry';
import { kubeadmInitDocuments } from '../src/kubeadm';
import { nodeFirewall } from '../src/reports/firewall';
import type { ClusterNetworkSpec } from '../src/spec/schema';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
import { synthObjects, type KubeObject } from '../src/synth';
import { find, loadExample, synthExample } from './support/examples';
import { describeWithReference, readReferenceYaml } from './support/shared';
import { validateObjects } from './support/schema-validation';

const m = cniModuleFor('kube-router');
const ds = (objs: readonly KubeObject[]) => find(objs, 'DaemonSet', 'kube-router');
const pod = (objs: readonly KubeObject[]) => ds(objs).spec.template.spec;
const agent = (objs: readonly KubeObject[]) => pod(objs).containers[0];
const cniConf = (objs: readonly KubeObject[]) => JSON.parse(find(objs, 'ConfigMap', 'kube-router-cfg').data['cni-conf.json']);
const volume = (objs: readonly KubeObject[], name: string) => pod(objs).volumes.find((v: any) => v.name === name);

function constructObjects(props: ConstructorParameters<typeof KubeRouter>[2] = {}): KubeObject[] {
  const chart = new Chart(new App(), 'c');
  new KubeRouter(chart, 'kr', props);
  return chart.toJson() as KubeObject[];
}

function spec(cni: Record<string, unknown>, extra: Record<string, unknown> = {}): ClusterNetworkSpec {
  return {
    apiVersion: 'cdk8s-cni.dev/v1alpha1',
    kind: 'ClusterNetwork',
    metadata: { name: 'kr' },
    spec: { pods: { cidrs: ['10.244.0.0/16'] }, services: { cidrs: ['10.96.0.0/12'] }, nodes: { cidrs: ['10.0.0.0/16'], count: 3 }, cni: { type: 'kube-router', ...cni }, ...extra },
  } as ClusterNetworkSpec;
}

describe('examples/kube-router.yaml (routing + firewall, one external peer)', () => {
  const objs = synthExample('kube-router.yaml');

  test('the objects of kubeadm-kuberouter.yaml, in its order, in kube-system', () => {
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/kube-router-cfg', 'DaemonSet/kube-router', 'ServiceAccount/kube-router', 'ClusterRole/kube-router', 'ClusterRoleBinding/kube-router']);
    for (const o of objs.filter((x) => x.kind !== 'ClusterRole' && x.kind !== 'ClusterRoleBinding')) expect(o.metadata.namespace).toBe('kube-system');
  });

  test('flags: the manifest four, then ASN, the peer, its password file, advertised cluster IPs and metrics', () => {
    expect(agent(objs).args).toEqual([
      '--run-router=true',
      '--run-firewall=true',
      '--run-service-proxy=false',
      '--bgp-graceful-restart=true',
      '--cluster-asn=64512',
      '--peer-router-ips=192.168.0.1',
      '--peer-router-asns=64513',
      '--peer-router-passwords-file=/etc/kube-router-peer-passwords/peer-router-passwords',
      '--advertise-cluster-ip=true',
      '--metrics-port=20241',
    ]);
  });

  test('the peer passwords arrive only as a read-only Secret mount; no env, arg or ConfigMap carries them', () => {
    expect(volume(objs, 'peer-router-passwords')).toEqual({ name: 'peer-router-passwords', secret: { secretName: 'kube-router-peer-passwords', items: [{ key: 'passwords', path: 'peer-router-passwords' }], defaultMode: 0o400 } });
    expect(agent(objs).volumeMounts).toContainEqual({ name: 'peer-router-passwords', mountPath: '/etc/kube-router-peer-passwords', readOnly: true });
    expect(agent(objs).args.some((a: string) => a.startsWith('--peer-router-passwords='))).toBe(false);
    expect(objs.some((o) => o.kind === 'Secret')).toBe(false);
    expect(Object.keys(find(objs, 'ConfigMap', 'kube-router-cfg').data)).toEqual(['cni-conf.json']);
  });

  test('image pinned to the release tag; CNI conf: kube-bridge, host-local, no hairpin without the proxy', () => {
    expect(agent(objs).image).toBe('docker.io/cloudnativelabs/kube-router:v2.11.1');
    expect(pod(objs).initContainers[0].image).toBe('docker.io/cloudnativelabs/kube-router:v2.11.1');
    expect(cniConf(objs)).toEqual({ cniVersion: '0.3.0', name: 'mynet', plugins: [{ name: 'kubernetes', type: 'bridge', bridge: 'kube-bridge', isDefaultGateway: true, ipam: { type: 'host-local' } }] });
  });

  test('module: node CIDRs, pod MTU = underlay (auto-mtu), BGP/health/metrics/IPIP traffic, kube-proxy kept, native within a subnet', () => {
    const n = resolveClusterNetwork(loadExample('kube-router.yaml'));
    expect(m.displayName(n)).toBe('kube-router v2.11.1');
    expect(m.podAddressing(n)).toBe('node-cidr');
    expect(m.podMtu(n)).toBe(1500);
    expect(m.nodeTraffic(n)).toEqual([
      { protocol: 'tcp', fromPort: 179, description: 'kube-router BGP between nodes' },
      { protocol: 'tcp', fromPort: 20244, description: 'kube-router health (liveness probe)' },
      { protocol: 'tcp', fromPort: 20241, description: 'kube-router Prometheus metrics' },
      { protocol: '4', description: 'kube-router IPIP overlay' },
    ]);
    expect(m.replacesKubeProxy?.(n)).toBe(false);
    expect(m.routesNatively?.(n)).toBe(true);
    const docs = kubeadmInitDocuments(n);
    expect(docs.init.skipPhases).toBeUndefined();
    expect(docs.kubeProxy).toBeDefined();
    expect(m.planRows?.(n)).toEqual([
      { label: 'kube-router controllers', value: 'router, firewall' },
      { label: 'kube-router overlay', value: 'IPIP across subnets' },
      { label: 'kube-router BGP', value: 'AS 64512, iBGP full mesh, 1 external peer(s) (passwords from Secret kube-router-peer-passwords)' },
    ]);
  });
});

describe('examples/kube-router-service-proxy.yaml (all features, kube-proxy replaced)', () => {
  const objs = synthExample('kube-router-service-proxy.yaml');
  const n = resolveClusterNetwork(loadExample('kube-router-service-proxy.yaml'));

  test('flags: proxy on, kubeconfig, the service range from spec.services, IPIP to every node', () => {
    expect(agent(objs).args).toEqual([
      '--run-router=true',
      '--run-firewall=true',
      '--run-service-proxy=true',
      '--bgp-graceful-restart=true',
      '--kubeconfig=/var/lib/kube-router/kubeconfig',
      '--service-cluster-ip-range=10.100.0.0/16',
      '--overlay-type=full',
    ]);
  });

  test('kubeconfig: the ServiceAccount token against k8sServiceHost, from kube-router-cfg (kube-proxy is not installed)', () => {
    const cm = find(objs, 'ConfigMap', 'kube-router-cfg');
    expect(cm.data.kubeconfig).toContain('server: https://10.0.0.10:6443');
    expect(cm.data.kubeconfig).toContain('tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(volume(objs, 'kubeconfig')).toEqual({ name: 'kubeconfig', configMap: { name: 'kube-router-cfg', items: [{ key: 'kubeconfig', path: 'kubeconfig' }] } });
    expect(agent(objs).volumeMounts).toContainEqual({ name: 'kubeconfig', mountPath: '/var/lib/kube-router', readOnly: true });
    expect(cniConf(objs).plugins[0].hairpinMode).toBe(true);
  });

  test('kubeadm skips kube-proxy; firewall: BGP, health, IPIP; encapsulated everywhere (overlay full)', () => {
    expect(m.replacesKubeProxy?.(n)).toBe(true);
    const docs = kubeadmInitDocuments(n);
    expect(docs.init.skipPhases).toEqual(['addon/kube-proxy']);
    expect(docs.kubeProxy).toBeUndefined();
    const fw = nodeFirewall(n);
    expect(fw.replacesKubeProxy).toBe(true);
    expect(fw.routesNatively).toBe(false);
    expect(fw.rules.map((r) => [r.protocol, r.fromPort])).toEqual([
      ['4', undefined],
      ['tcp', 179],
      ['tcp', 20244],
    ]);
    expect(m.podMtu(n)).toBe(9001);
  });

  test('validation warns that kube-proxy must be cleaned up on an existing cluster', () => {
    const r = validateClusterNetwork(loadExample('kube-router-service-proxy.yaml'));
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.rule)).toEqual(['kube-router/service-proxy-replaces-kube-proxy']);
    expect(r.warnings[0].message).toContain('kube-proxy --cleanup');
  });
});

describe('spec mapping', () => {
  const objsFor = (cni: Record<string, unknown>, extra?: Record<string, unknown>) => synthObjects(spec(cni, extra));

  test('fou overlay: UDP port instead of IP protocol 4, and the port flag only when not 5555', () => {
    const n = resolveClusterNetwork(spec({ overlayEncap: 'fou', overlayEncapPort: 6000 }));
    expect(m.nodeTraffic(n).filter((r) => r.description.includes('overlay'))).toEqual([{ protocol: 'udp', fromPort: 6000, description: 'kube-router FoU overlay (IPIP in UDP)' }]);
    expect(agent(objsFor({ overlayEncap: 'fou', overlayEncapPort: 6000 })).args.slice(4)).toEqual(['--overlay-encap=fou', '--overlay-encap-port=6000']);
    expect(agent(objsFor({ overlayEncap: 'fou' })).args.slice(4)).toEqual(['--overlay-encap=fou']);
  });

  test('no overlay: no encapsulation traffic, routed natively; iBGP/mesh off and advertisements as flags', () => {
    const n = resolveClusterNetwork(spec({ enableOverlay: false }));
    expect(m.nodeTraffic(n).map((r) => r.protocol)).toEqual(['tcp', 'tcp']);
    expect(m.routesNatively?.(n)).toBe(true);
    const args = agent(objsFor({ enableOverlay: false, enableIbgp: false, advertiseExternalIp: true, advertiseLoadbalancerIp: true, bgpGracefulRestart: false })).args;
    expect(args).toEqual(['--run-router=true', '--run-firewall=true', '--run-service-proxy=false', '--bgp-graceful-restart=false', '--enable-overlay=false', '--enable-ibgp=false', '--advertise-external-ip=true', '--advertise-loadbalancer-ip=true']);
  });

  test('peers: ports only when one differs from 179, in peer order', () => {
    const args = agent(objsFor({ peers: [{ ip: '10.0.0.1', asn: 65001 }, { ip: '10.0.0.2', asn: 65002, port: 1179 }] })).args.slice(4);
    expect(args).toEqual(['--peer-router-ips=10.0.0.1,10.0.0.2', '--peer-router-asns=65001,65002', '--peer-router-ports=179,1179']);
  });

  test('dual stack: --enable-ipv6 and both service ranges', () => {
    const doc = spec({}, { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } });
    expect(agent(synthObjects(doc)).args.slice(4)).toEqual(['--enable-ipv6=true', '--service-cluster-ip-range=10.96.0.0/12', '--service-cluster-ip-range=fd00:10:96::/112']);
  });
});

describe('construct API', () => {
  test('defaults: exactly the kubeadm-kuberouter.yaml flags, the host kubeconfig path, no hairpin', () => {
    const objs = constructObjects();
    expect(agent(objs).args).toEqual(['--run-router=true', '--run-firewall=true', '--run-service-proxy=false', '--bgp-graceful-restart=true']);
    expect(volume(objs, 'kubeconfig')).toEqual({ name: 'kubeconfig', hostPath: { path: '/var/lib/kube-router/kubeconfig' } });
  });

  test('the service proxy without apiServer borrows kube-proxy\'s kubeconfig, as upstream', () => {
    const objs = constructObjects({ runServiceProxy: true });
    expect(volume(objs, 'kubeconfig')).toEqual({ name: 'kubeconfig', configMap: { name: 'kube-proxy', items: [{ key: 'kubeconfig.conf', path: 'kubeconfig' }] } });
  });

  test('imageRegistry and version override both containers', () => {
    const objs = constructObjects({ imageRegistry: 'registry.example.com/mirror', version: 'v2.11.0' });
    expect([agent(objs).image, pod(objs).initContainers[0].image]).toEqual(['registry.example.com/mirror/cloudnativelabs/kube-router:v2.11.0', 'registry.example.com/mirror/cloudnativelabs/kube-router:v2.11.0']);
  });

  test('IPv6 API server hosts are bracketed in the kubeconfig', () => {
    const objs = constructObjects({ runServiceProxy: true, apiServer: { host: 'fd00::10' } });
    expect(find(objs, 'ConfigMap', 'kube-router-cfg').data.kubeconfig).toContain('server: https://[fd00::10]:6443');
  });
});

/**
 * Intended differences from the upstream kubeadm manifests (v2.11.1):
 * - the image is pinned to `:v2.11.1` (upstream: untagged, i.e. latest);
 * - `cni-conf.json` is the same JSON written with 2-space indentation (compared parsed);
 * - the ClusterRole carries no `metadata.namespace` (upstream sets one on a cluster-scoped object; the API ignores it);
 * - through the spec with the service proxy: kube-router's kubeconfig is its own (ConfigMap `kube-router-cfg`, key
 *   `kubeconfig`, the ServiceAccount token against `k8sServiceHost`) instead of kube-proxy's, because kubeadm skips
 *   the kube-proxy phase that creates the `kube-proxy` ConfigMap. The construct without `apiServer` keeps upstream's.
 */
const UPSTREAM_IMAGE = 'docker.io/cloudnativelabs/kube-router';

function normalizeReference(o: any): any {
  const copy = JSON.parse(JSON.stringify(o));
  if (copy.kind === 'ClusterRole') delete copy.metadata.namespace;
  if (copy.kind === 'ConfigMap') copy.data['cni-conf.json'] = JSON.parse(copy.data['cni-conf.json']);
  if (copy.kind === 'DaemonSet') for (const c of [...copy.spec.template.spec.containers, ...copy.spec.template.spec.initContainers]) c.image = `${UPSTREAM_IMAGE}:v2.11.1`;
  return copy;
}
const normalizeOurs = (o: any): any => {
  const copy = JSON.parse(JSON.stringify(o));
  if (copy.kind === 'ConfigMap') copy.data['cni-conf.json'] = JSON.parse(copy.data['cni-conf.json']);
  return copy;
};

describeWithReference('fidelity: daemonset/kubeadm-kuberouter.yaml and kubeadm-kuberouter-all-features.yaml', () => {
  const cases: Array<[string, KubeObject[], KubeObject[]]> = [
    ['kubeadm-kuberouter.yaml vs the construct defaults', readReferenceYaml('kube-router', 'daemonset', 'kubeadm-kuberouter.yaml'), constructObjects()],
    ['kubeadm-kuberouter.yaml vs a spec with defaults only', readReferenceYaml('kube-router', 'daemonset', 'kubeadm-kuberouter.yaml'), synthObjects(spec({}))],
    ['kubeadm-kuberouter-all-features.yaml vs the construct with runServiceProxy', readReferenceYaml('kube-router', 'daemonset', 'kubeadm-kuberouter-all-features.yaml'), constructObjects({ runServiceProxy: true })],
  ];

  describe.each(cases)('%s', (_name, ref, ours) => {
    test('same objects, in the same order', () => {
      expect(ours.map((o) => [o.kind, o.metadata.name, o.metadata.namespace])).toEqual(ref.map((o) => [o.kind, o.metadata.name, o.kind === 'ClusterRole' ? undefined : o.metadata.namespace]));
    });

    test.each(ref.map((o: any) => [`${o.kind}/${o.metadata.name}`, o]))('%s is equal apart from the listed differences', (_id, refObj: any) => {
      const mine = ours.find((o) => o.kind === refObj.kind && o.metadata.name === refObj.metadata.name);
      expect(normalizeOurs(mine)).toEqual(normalizeReference(refObj));
    });
  });

  test('the spec with the service proxy differs from all-features only in the kubeconfig source (listed above)', () => {
    const ref = readReferenceYaml('kube-router', 'daemonset', 'kubeadm-kuberouter-all-features.yaml').map(normalizeReference);
    const ours = synthObjects(spec({ runServiceProxy: true, k8sServiceHost: '10.0.0.10' })).map(normalizeOurs);
    const cm = ours.find((o) => o.kind === 'ConfigMap');
    expect(Object.keys(cm.data)).toEqual(['cni-conf.json', 'kubeconfig']);
    delete cm.data.kubeconfig;
    const d = ours.find((o) => o.kind === 'DaemonSet');
    const kc = d.spec.template.spec.volumes.find((v: any) => v.name === 'kubeconfig');
    expect(kc.configMap).toEqual({ name: 'kube-router-cfg', items: [{ key: 'kubeconfig', path: 'kubeconfig' }] });
    kc.configMap = { name: 'kube-proxy', items: [{ key: 'kubeconfig.conf', path: 'kubeconfig' }] };
    expect(ours).toEqual(ref);
  });

  test('every object of every variant validates against the Kubernetes schemas', () => {
    for (const objs of [constructObjects(), constructObjects({ runServiceProxy: true }), synthExample('kube-router.yaml'), synthExample('kube-router-service-proxy.yaml')]) {
      expect(validateObjects(objs)).toEqual([]);
    }
  });
});
