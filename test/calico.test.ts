/**
 * Calico: explicit assertions on the examples and spec options, the typed custom resources validated against Calico's
 * CRDs, and fidelity to calico.yaml / calico-typha.yaml / calico-vxlan.yaml v3.32.1.
 */
import { validateClusterNetwork } from '../src/spec/validate';
import { Testing } from 'cdk8s';
import { BGPConfiguration } from '../src/cni/calico/bgp-configuration';
import { BGPPeer } from '../src/cni/calico/bgp-peer';
import { Calico } from '../src/cni/calico/calico';
import { CALICO_CRDS } from '../src/generated/calico/index';
import { FelixConfiguration } from '../src/cni/common/calico-policy/felix-configuration';
import { GlobalNetworkPolicy } from '../src/cni/calico/global-network-policy';
import { IPPool } from '../src/cni/calico/ip-pool';
import { CalicoNetworkPolicy } from '../src/cni/calico/network-policy';
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
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, ...spec, cni: { type: 'calico', ...cni } } as any,
});

const calicoModule = cniModuleFor('calico');
const network = (s: ClusterNetworkSpec) => resolveClusterNetwork(s);
const ds = (objs: KubeObject[]) => find(objs, 'DaemonSet', 'calico-node').spec.template.spec;
const nodeContainer = (objs: KubeObject[]) => ds(objs).containers.find((c: any) => c.name === 'calico-node');
const envOf = (c: any): Record<string, any> => Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
const config = (objs: KubeObject[]) => find(objs, 'ConfigMap', 'calico-config').data;
const ofKind = (objs: KubeObject[], kind: string) => objs.filter((o) => o.kind === kind);
const cniConf = (objs: KubeObject[]) => JSON.parse(config(objs).cni_network_config.replace('__CNI_MTU__', '0'));

describe('calico-bgp-tor example (mesh off, ToR peers per rack, service advertisement)', () => {
  const objs = synthExample('calico-bgp-tor.yaml');
  const n = network(loadExample('calico-bgp-tor.yaml'));

  test('CRDs first (own chart), then the workloads, then the custom resources', () => {
    const kinds = objs.map((o) => o.kind);
    expect(kinds.slice(0, CALICO_CRDS.length).every((k) => k === 'CustomResourceDefinition')).toBe(true);
    expect(ofKind(objs, 'CustomResourceDefinition')).toHaveLength(23);
    expect(objs.slice(CALICO_CRDS.length).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/calico-node',
      'ClusterRole/calico-node',
      'ClusterRoleBinding/calico-node',
      'ServiceAccount/calico-cni-plugin',
      'ClusterRole/calico-cni-plugin',
      'ClusterRoleBinding/calico-cni-plugin',
      'ClusterRole/calico-tier-getter',
      'ClusterRoleBinding/calico-tier-getter',
      'Role/calico-bgp-passwords',
      'RoleBinding/calico-bgp-passwords',
      'ConfigMap/calico-config',
      'DaemonSet/calico-node',
      'ServiceAccount/calico-kube-controllers',
      'ClusterRole/calico-kube-controllers',
      'ClusterRoleBinding/calico-kube-controllers',
      'Deployment/calico-kube-controllers',
      'PodDisruptionBudget/calico-kube-controllers',
      'Service/calico-typha',
      'Deployment/calico-typha',
      'PodDisruptionBudget/calico-typha',
      'IPPool/rack-pods',
      'BGPConfiguration/default',
      'BGPPeer/rack1-tor-a',
      'BGPPeer/rack1-tor-b',
      'BGPPeer/rack2-tor-a',
      'BGPPeer/rack2-tor-b',
    ]);
  });

  test('the declared pool is the only pool: IPPool resource, NO_DEFAULT_POOLS on calico-node', () => {
    expect(find(objs, 'IPPool', 'rack-pods').spec).toEqual({
      cidr: '10.48.0.0/16',
      blockSize: 26,
      ipipMode: 'Never',
      vxlanMode: 'Never',
      natOutgoing: false,
      nodeSelector: 'all()',
    });
    const env = envOf(nodeContainer(objs));
    expect(env.NO_DEFAULT_POOLS).toBe('true');
    expect(Object.keys(env).filter((k) => k.startsWith('CALICO_IPV4POOL') || k.startsWith('CALICO_IPV6POOL'))).toEqual([]);
  });

  test('BGP: mesh off, cluster AS, service cluster IPs advertised, one peer per ToR selected by rack', () => {
    expect(find(objs, 'BGPConfiguration', 'default').spec).toEqual({
      asNumber: 65010,
      nodeToNodeMeshEnabled: false,
      serviceClusterIPs: [{ cidr: '10.96.0.0/12' }],
    });
    expect(ofKind(objs, 'BGPPeer').map((p: any) => [p.metadata.name, p.spec.nodeSelector, p.spec.peerIP, p.spec.asNumber])).toEqual([
      ['rack1-tor-a', "rack == 'rack1'", '172.16.1.1', 65001],
      ['rack1-tor-b', "rack == 'rack1'", '172.16.1.2', 65001],
      ['rack2-tor-a', "rack == 'rack2'", '172.16.2.1', 65002],
      ['rack2-tor-b', "rack == 'rack2'", '172.16.2.2', 65002],
    ]);
    expect(config(objs).calico_backend).toBe('bird');
    expect(nodeContainer(objs).livenessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-live', '-bird-live']);
  });

  test('passwords only as Secret references; calico-node may read exactly that Secret', () => {
    expect(find(objs, 'BGPPeer', 'rack2-tor-b').spec.password).toEqual({ secretKeyRef: { name: 'bgp-passwords', key: 'rack2' } });
    expect(find(objs, 'Role', 'calico-bgp-passwords').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['bgp-passwords'], verbs: ['watch', 'list', 'get'] },
    ]);
    expect(find(objs, 'RoleBinding', 'calico-bgp-passwords').subjects).toEqual([{ kind: 'ServiceAccount', name: 'calico-node', namespace: 'kube-system' }]);
    expect(ofKind(objs, 'Secret')).toEqual([]);
    const text = JSON.stringify(objs.filter((o) => o.kind !== 'CustomResourceDefinition'));
    expect(text).not.toMatch(/"password":"/);
  });

  test('no encapsulation: pod MTU is the underlay MTU (9000); routed natively', () => {
    expect(config(objs).veth_mtu).toBe('9000');
    expect(calicoModule.podMtu(n)).toBe(9000);
    expect(calicoModule.routesNatively?.(n)).toBe(true);
  });

  test('Typha turns on above 50 nodes: Service, Deployment, PDB and Felix pointed at it', () => {
    expect(config(objs).typha_service_name).toBe('calico-typha');
    expect(envOf(nodeContainer(objs)).FELIX_TYPHAK8SSERVICENAME).toEqual({ configMapKeyRef: { name: 'calico-config', key: 'typha_service_name' } });
    const typha = find(objs, 'Deployment', 'calico-typha');
    expect(typha.spec.replicas).toBe(3);
    expect(typha.spec.template.spec.containers[0].image).toBe('quay.io/calico/typha:v3.32.1');
    expect(find(objs, 'Service', 'calico-typha').spec.ports).toEqual([{ port: 5473, protocol: 'TCP', targetPort: 'calico-typha', name: 'calico-typha' }]);
  });

  test('node traffic: BGP and Typha, no tunnel', () => {
    expect(calicoModule.nodeTraffic(n)).toEqual([
      { protocol: 'tcp', fromPort: 179, description: 'Calico BGP (BIRD)' },
      { protocol: 'tcp', fromPort: 5473, description: 'Calico Typha (Felix to Typha)' },
    ]);
  });
});

describe('calico-vxlan example (no BGP)', () => {
  const objs = synthExample('calico-vxlan.yaml');
  const n = network(loadExample('calico-vxlan.yaml'));

  test('vxlan backend: no BIRD checks, no BGP objects', () => {
    expect(config(objs).calico_backend).toBe('vxlan');
    expect(nodeContainer(objs).livenessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-live']);
    expect(nodeContainer(objs).readinessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-ready']);
    expect(ofKind(objs, 'BGPConfiguration')).toEqual([]);
    expect(ofKind(objs, 'BGPPeer')).toEqual([]);
  });

  test('two VXLAN CrossSubnet pools selected by node label', () => {
    expect(ofKind(objs, 'IPPool').map((p: any) => p.spec)).toEqual([
      { cidr: '10.244.0.0/17', blockSize: 26, ipipMode: 'Never', vxlanMode: 'CrossSubnet', natOutgoing: true, nodeSelector: "pool != 'gpu'" },
      { cidr: '10.244.128.0/20', blockSize: 27, ipipMode: 'Never', vxlanMode: 'CrossSubnet', natOutgoing: true, nodeSelector: "pool == 'gpu'" },
    ]);
  });

  test('pod MTU = 1500 - 50 (VXLAN); Felix settings in FelixConfiguration default', () => {
    expect(config(objs).veth_mtu).toBe('1450');
    expect(calicoModule.podMtu(n)).toBe(1450);
    expect(find(objs, 'FelixConfiguration', 'default').spec).toEqual({ prometheusMetricsEnabled: true, logSeverityScreen: 'Info' });
  });

  test('node traffic: VXLAN 4789/udp only; CrossSubnet routes natively within a subnet; no Typha', () => {
    expect(calicoModule.nodeTraffic(n)).toEqual([{ protocol: 'udp', fromPort: 4789, description: 'Calico VXLAN overlay' }]);
    expect(calicoModule.routesNatively?.(n)).toBe(true);
    expect(ofKind(objs, 'Deployment').map((d) => d.metadata.name)).toEqual(['calico-kube-controllers']);
  });
});

describe('spec defaults and options', () => {
  test('no ipPools: one pool over pods.cidrs[0] with the upstream defaults (IPIP Always, VXLAN Never, /26, NAT)', () => {
    const objs = synthObjects(base());
    expect(ofKind(objs, 'IPPool').map((p) => [p.metadata.name, (p as any).spec])).toEqual([
      ['default-ipv4-ippool', { cidr: '10.244.0.0/16', blockSize: 26, ipipMode: 'Always', vxlanMode: 'Never', natOutgoing: true, nodeSelector: 'all()' }],
    ]);
    expect(find(objs, 'BGPConfiguration', 'default').spec).toEqual({ asNumber: 64512, nodeToNodeMeshEnabled: true });
    expect(config(objs).veth_mtu).toBe('1480');
    const n = network(base());
    expect(calicoModule.podMtu(n)).toBe(1480);
    expect(calicoModule.nodeTraffic(n)).toEqual([
      { protocol: 'tcp', fromPort: 179, description: 'Calico BGP (BIRD)' },
      { protocol: '4', description: 'Calico IP-in-IP overlay' },
    ]);
    expect(calicoModule.routesNatively?.(n)).toBe(false);
    expect(calicoModule.replacesKubeProxy?.(n)).toBe(false);
  });

  test('WireGuard: MTU minus 60, UDP 51820 between nodes', () => {
    const n = network(base({ felix: { wireguardEnabled: true } }));
    expect(calicoModule.podMtu(n)).toBe(1440);
    expect(calicoModule.nodeTraffic(n)).toContainEqual({ protocol: 'udp', fromPort: 51820, description: 'Calico WireGuard (IPv4)' });
    expect(find(synthObjects(base({ felix: { wireguardEnabled: true } })), 'FelixConfiguration', 'default').spec).toEqual({ wireguardEnabled: true });
  });

  test('IPv6 WireGuard listens on wireguardListeningPortV6 (51821 by default), not wireguardListeningPort + 1', () => {
    const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
    const wg = (felix: object) => calicoModule.nodeTraffic(network(base({ felix: { wireguardEnabled: true, wireguardEnabledV6: true, ...felix } }, dual))).filter((r) => r.description.startsWith('Calico WireGuard'));
    expect(wg({})).toEqual([
      { protocol: 'udp', fromPort: 51820, description: 'Calico WireGuard (IPv4)' },
      { protocol: 'udp', fromPort: 51821, description: 'Calico WireGuard (IPv6)' },
    ]);
    expect(wg({ wireguardListeningPort: 51000 }).map((r) => r.fromPort)).toEqual([51000, 51821]);
    expect(wg({ wireguardListeningPort: 51000, wireguardListeningPortV6: 52000 }).map((r) => r.fromPort)).toEqual([51000, 52000]);
    const felix = { wireguardEnabledV6: true, wireguardListeningPortV6: 52000 };
    expect(find(synthObjects(base({ felix }, dual)), 'FelixConfiguration', 'default').spec).toEqual(felix);
  });

  test('IPv6 pools with VXLAN cost 70 bytes (the outer IPv6 header), IPv6 WireGuard 80', () => {
    const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
    expect(calicoModule.podMtu(network(base({ bgp: { enabled: false } }, dual)))).toBe(1430);
    expect(calicoModule.podMtu(network(base({ felix: { wireguardEnabledV6: true } }, dual)))).toBe(1420);
  });

  test('warnings: no encapsulation without BGP; pools that cannot give every node full blocks', () => {
    const warnings = (doc: object) => validateClusterNetwork(doc).warnings.map((w) => `${w.path}: ${w.message}`);
    expect(warnings(base({ bgp: { enabled: false }, ipPools: [{ name: 'flat', cidr: '10.244.0.0/16', vxlanMode: 'Never' }] }))).toEqual([
      'spec.cni.ipPools[0]: pool flat has no encapsulation and BGP is off, so pod traffic between nodes relies on the underlay routing 10.244.0.0/16 (e.g. cloud route tables)',
    ]);
    expect(warnings(base({}, { pods: { cidrs: ['10.244.0.0/20'], maxPerNode: 110 }, nodes: { count: 3, maxCount: 60 } }))).toEqual([
      "spec.pods.cidrs: 60 nodes with 110 pods each need up to 120 IPv4 blocks but the pools hold 64; Calico then borrows addresses from other nodes' blocks (more routes, less aggregation)",
    ]);
    for (const f of ['calico-bgp-tor.yaml', 'calico-vxlan.yaml']) expect(warnings(loadExample(f))).toEqual([]);
  });

  test('fewer blocks than nodes: a warning (Calico borrows), an error only with ipam.strictAffinity, which writes IPAMConfig default', () => {
    const small = (ipam?: object) => base({ ...(ipam ? { ipam } : {}), ipPools: [{ name: 'small', cidr: '10.244.0.0/22' }] }, { nodes: { count: 3, maxCount: 20 } });
    const loose = validateClusterNetwork(small());
    expect(loose.ok).toBe(true);
    expect(loose.warnings.map((w) => w.rule)).toEqual(['calico/fewer-blocks-than-nodes']);
    const strict = validateClusterNetwork(small({ strictAffinity: true }));
    expect(strict.ok).toBe(false);
    expect(strict.issues).toEqual([expect.objectContaining({ rule: 'calico/strict-affinity-capacity', path: 'spec.cni.ipPools' })]);
    const objs = synthObjects(base({ ipam: { strictAffinity: true } }));
    expect(find(objs, 'IPAMConfig', 'default')).toMatchObject({ apiVersion: 'crd.projectcalico.org/v1', spec: { strictAffinity: true, autoAllocateBlocks: true } });
    expect(validateObjects(objs)).toEqual([]);
    expect(synthObjects(base({})).some((o) => o.kind === 'IPAMConfig')).toBe(false);
  });

  test('Typha: off at 50 nodes, on at 51 (replicas 3, capped by the node count), on when asked', () => {
    const at = (maxCount: number, count = 3, typha = {}) => network(base({ typha }, { nodes: { count, maxCount } }));
    expect(calicoModule.nodeTraffic(at(50)).some((r) => r.fromPort === 5473)).toBe(false);
    expect(calicoModule.nodeTraffic(at(51)).some((r) => r.fromPort === 5473)).toBe(true);
    expect(find(synthObjects(base({}, { nodes: { count: 2, maxCount: 60 } })), 'Deployment', 'calico-typha').spec.replicas).toBe(2);
    expect(find(synthObjects(base({}, { nodes: { count: 100, maxCount: 1000 } })), 'Deployment', 'calico-typha').spec.replicas).toBe(5);
    expect(find(synthObjects(base({ typha: { enabled: true, replicas: 2 } })), 'Deployment', 'calico-typha').spec.replicas).toBe(2);
    expect(ofKind(synthObjects(base({ typha: { enabled: false } }, { nodes: { count: 3, maxCount: 500 } })), 'Service')).toEqual([]);
  });

  test('dual-stack: one pool per family, IPv6 in Felix, the CNI plugin and node address autodetection', () => {
    const objs = synthObjects(
      base({}, { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } }),
    );
    // natOutgoing as calico-node defaults its pools: CALICO_IPV4POOL_NAT_OUTGOING true, CALICO_IPV6POOL_NAT_OUTGOING false.
    expect(ofKind(objs, 'IPPool').map((p: any) => [p.metadata.name, p.spec.cidr, p.spec.blockSize, p.spec.ipipMode, p.spec.vxlanMode, p.spec.natOutgoing])).toEqual([
      ['default-ipv4-ippool', '10.244.0.0/16', 26, 'Always', 'Never', true],
      ['default-ipv6-ippool', 'fd00:10:244::/56', 122, 'Never', 'Never', false],
    ]);
    const env = envOf(nodeContainer(objs));
    expect([env.IP, env.IP6, env.FELIX_IPV6SUPPORT]).toEqual(['autodetect', 'autodetect', 'true']);
    expect(cniConf(objs).plugins[0].ipam).toEqual({ type: 'calico-ipam', assign_ipv6: 'true' });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('declared pools: natOutgoing defaults per family and an explicit value wins', () => {
    const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
    const pools = [
      { name: 'v4', cidr: '10.244.0.0/17' },
      { name: 'v6', cidr: 'fd00:10:244::/64' },
      { name: 'v6-nat', cidr: 'fd00:10:244:1::/64', natOutgoing: true },
      { name: 'v4-no-nat', cidr: '10.244.128.0/17', natOutgoing: false },
    ];
    const objs = synthObjects(base({ ipPools: pools }, dual));
    expect(ofKind(objs, 'IPPool').map((p: any) => [p.metadata.name, p.spec.natOutgoing])).toEqual([
      ['v4', true],
      ['v6', false],
      ['v6-nat', true],
      ['v4-no-nat', false],
    ]);
  });

  test('spec CIDRs reach the manifests in canonical form (pools, advertised service ranges)', () => {
    const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
    const objs = synthObjects(
      base(
        {
          ipPools: [
            { name: 'v4', cidr: '10.244.0.0/16' },
            { name: 'v6', cidr: 'FD00:0010:0244:0000:0000:0000:0000:0000/56' },
          ],
          bgp: { serviceClusterIPs: ['10.96.0.0/12', 'FD00:10:96:0::/112'], serviceExternalIPs: ['2001:DB8::/64'] },
        },
        dual,
      ),
    );
    expect(ofKind(objs, 'IPPool').map((p: any) => p.spec.cidr)).toEqual(['10.244.0.0/16', 'fd00:10:244::/56']);
    const bgp = find(objs, 'BGPConfiguration', 'default').spec;
    expect(bgp.serviceClusterIPs).toEqual([{ cidr: '10.96.0.0/12' }, { cidr: 'fd00:10:96::/112' }]);
    expect(bgp.serviceExternalIPs).toEqual([{ cidr: '2001:db8::/64' }]);
  });

  test('IPv6-only: no IPv4 addresses, BGP router ID from a hash', () => {
    const objs = synthObjects(base({}, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] } }));
    const env = envOf(nodeContainer(objs));
    expect([env.IP, env.IP6, env.CALICO_ROUTER_ID]).toEqual(['none', 'autodetect', 'hash']);
    expect(cniConf(objs).plugins[0].ipam).toEqual({ type: 'calico-ipam', assign_ipv4: 'false', assign_ipv6: 'true' });
  });

  test('eBPF: FelixConfiguration bpfEnabled, the API server endpoint ConfigMap, replaces kube-proxy', () => {
    const spec = base({ felix: { bpfEnabled: true }, kubernetesServiceEndpoint: { host: 'api.example.com' } });
    const objs = synthObjects(spec);
    expect(find(objs, 'ConfigMap', 'kubernetes-services-endpoint').data).toEqual({ KUBERNETES_SERVICE_HOST: 'api.example.com', KUBERNETES_SERVICE_PORT: '6443' });
    expect(nodeContainer(objs).envFrom).toEqual([{ configMapRef: { name: 'kubernetes-services-endpoint', optional: true } }]);
    expect(calicoModule.replacesKubeProxy?.(network(spec))).toBe(true);
  });

  test('version override and registry mirror apply to every Calico image', () => {
    const objs = synthObjects(base({ version: 'v3.31.0', imageRegistry: 'registry.example.com/mirror' }, { nodes: { count: 3, maxCount: 100 } }));
    const images = objs.flatMap((o: any) => {
      const pod = o.spec?.template?.spec;
      return pod ? [...(pod.initContainers ?? []), ...pod.containers].map((c: any) => c.image) : [];
    });
    expect([...new Set(images)].sort()).toEqual([
      'registry.example.com/mirror/calico/cni:v3.31.0',
      'registry.example.com/mirror/calico/kube-controllers:v3.31.0',
      'registry.example.com/mirror/calico/node:v3.31.0',
      'registry.example.com/mirror/calico/typha:v3.31.0',
    ]);
  });

  test('Argo CD sync waves: CRDs -1, Calico 0, custom resources 1', () => {
    const objs = synthObjects(base(), { argoSyncWaves: true });
    const wave = (o: any) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
    for (const o of objs) {
      const expected = o.kind === 'CustomResourceDefinition' ? '-1' : o.apiVersion === 'crd.projectcalico.org/v1' ? '1' : '0';
      expect([o.kind, o.metadata.name, wave(o)]).toEqual([o.kind, o.metadata.name, expected]);
    }
    expect(synthObjects(base()).filter((o) => o.kind !== 'CustomResourceDefinition').every((o: any) => o.metadata.annotations === undefined)).toBe(true);
  });
});

describeWithReference('typed custom resources validate against Calico\'s CRDs', () => {
  test('IPPool, BGPConfiguration, BGPPeer, FelixConfiguration, GlobalNetworkPolicy, NetworkPolicy', () => {
    const chart = Testing.chart();
    new IPPool(chart, 'pool', { name: 'pool-a', spec: { cidr: '10.1.0.0/16', blockSize: 24, vxlanMode: 'Always', allowedUses: ['Workload'], disableBGPExport: true } });
    new BGPConfiguration(chart, 'bgp', {
      spec: { asNumber: 4200000000, nodeToNodeMeshEnabled: false, serviceExternalIPs: [{ cidr: '203.0.113.0/24' }], bindMode: 'NodeIP', nodeMeshPassword: { secretKeyRef: { name: 'bgp', key: 'mesh' } } },
    });
    new BGPPeer(chart, 'rr', { name: 'to-reflectors', spec: { nodeSelector: '!has(route-reflector)', peerSelector: 'has(route-reflector)' } });
    new BGPPeer(chart, 'tor', { name: 'tor', spec: { peerIP: '[2001:db8::1]:179', asNumber: 65001, sourceAddress: 'UseNodeIP', password: { secretKeyRef: { name: 'bgp', key: 'tor' } } } });
    new FelixConfiguration(chart, 'felix', { spec: { wireguardEnabled: true, logSeverityScreen: 'Warning', floatingIPs: 'Disabled', nftablesMode: 'Auto' } });
    new GlobalNetworkPolicy(chart, 'gnp', {
      name: 'deny-egress-to-metadata',
      spec: {
        order: 10,
        selector: 'all()',
        types: ['Egress'],
        egress: [
          { action: 'Deny', protocol: 'TCP', destination: { nets: ['169.254.169.254/32'], ports: [80, '8080:8090'] } },
          { action: 'Allow' },
        ],
      },
    });
    new CalicoNetworkPolicy(chart, 'np', {
      name: 'allow-frontend',
      namespace: 'shop',
      spec: { selector: "app == 'api'", ingress: [{ action: 'Allow', protocol: 'TCP', source: { selector: "app == 'frontend'" }, destination: { ports: [8443] } }] },
    });
    const objs = Testing.synth(chart);
    expect(objs.map((o: any) => `${o.apiVersion} ${o.kind}`)).toEqual([
      'crd.projectcalico.org/v1 IPPool',
      'crd.projectcalico.org/v1 BGPConfiguration',
      'crd.projectcalico.org/v1 BGPPeer',
      'crd.projectcalico.org/v1 BGPPeer',
      'crd.projectcalico.org/v1 FelixConfiguration',
      'crd.projectcalico.org/v1 GlobalNetworkPolicy',
      'crd.projectcalico.org/v1 NetworkPolicy',
    ]);
    expect(find(objs, 'BGPConfiguration', 'default')).toBeDefined();
    expect(validateObjects(objs)).toEqual([]);
  });

  test('the validator catches a field Calico does not define (so the check above means something)', () => {
    const chart = Testing.chart();
    new IPPool(chart, 'pool', { name: 'p', spec: { cidr: '10.1.0.0/16', ipipMode: 'Sometimes' as any } });
    new GlobalNetworkPolicy(chart, 'gnp', { name: 'g', spec: { ingress: [{ action: 'Permit' as any }] } });
    expect(validateObjects(Testing.synth(chart)).length).toBeGreaterThanOrEqual(2);
  });

  test('constructs refuse what Calico rejects', () => {
    const chart = Testing.chart();
    expect(() => new IPPool(chart, 'p', { name: 'p', spec: { cidr: '10.0.0.0/16', ipipMode: 'Always', vxlanMode: 'Always' } })).toThrow(/at most one/);
    expect(() => new BGPPeer(chart, 'a', { name: 'a', spec: { peerIP: '10.0.0.1', peerSelector: 'all()' } })).toThrow(/exactly one of peerIP and peerSelector/);
    expect(() => new BGPPeer(chart, 'b', { name: 'b', spec: { peerSelector: 'all()', asNumber: 1 } })).toThrow(/asNumber goes with peerIP/);
  });
});

describe('Calico construct from TypeScript', () => {
  test('CRDs in a separate scope, custom resources in the construct, typed props', () => {
    const crdChart = Testing.chart();
    const chart = Testing.chart();
    const calico = new Calico(chart, 'calico', {
      crdScope: crdChart,
      namespace: 'calico-system',
      ipPools: [{ name: 'pods', cidr: '10.10.0.0/16', vxlanMode: 'Always' }],
      backend: 'vxlan',
      vethMtu: 1450,
    });
    expect(Testing.synth(crdChart)).toHaveLength(23);
    const objs = Testing.synth(chart);
    expect(calico.ipPools.map((p) => p.name)).toEqual(['pods']);
    expect(find(objs, 'IPPool', 'pods').spec).toEqual({ cidr: '10.10.0.0/16', vxlanMode: 'Always' });
    expect(objs.filter((o: any) => o.metadata.namespace).every((o: any) => o.metadata.namespace === 'calico-system')).toBe(true);
    expect(find(objs, 'ClusterRoleBinding', 'calico-node').subjects).toEqual([{ kind: 'ServiceAccount', name: 'calico-node', namespace: 'calico-system' }]);
  });
});

describeWithReference('fidelity vs upstream manifests (v3.32.1)', () => {
  const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  /** Parsed comparison: the CNI config template becomes JSON (its MTU placeholder is not), upstream CRD `status` stubs go. */
  const normalise = (o: any) => {
    const c = structuredClone(o);
    if (c.kind === 'ConfigMap' && c.data.cni_network_config) c.data.cni_network_config = JSON.parse(c.data.cni_network_config.replace('__CNI_MTU__', '0'));
    // Intended difference: the API server owns a CRD's status; upstream ships an empty stub for one CRD.
    if (c.kind === 'CustomResourceDefinition') delete c.status;
    return c;
  };
  const compare = (ours: any[], upstream: any[]) => {
    expect(ours.map(key).sort()).toEqual(upstream.map(key).sort());
    for (const up of upstream) expect([key(up), normalise(ours.find((o) => key(o) === key(up)))]).toEqual([key(up), normalise(up)]);
  };
  const construct = (props: ConstructorParameters<typeof Calico>[2]) => {
    const chart = Testing.chart();
    new Calico(chart, 'calico', props);
    return Testing.synth(chart);
  };

  test('new Calico() equals calico.yaml: every CRD with its schema, RBAC, ConfigMap, calico-node, kube-controllers', () => {
    compare(construct({}), readReferenceYaml('calico', 'calico.yaml'));
  });

  test('typhaReplicas: 1 equals calico-typha.yaml', () => {
    compare(construct({ typhaReplicas: 1 }), readReferenceYaml('calico', 'calico-typha.yaml'));
  });

  test("backend: 'vxlan' equals calico-vxlan.yaml", () => {
    compare(construct({ backend: 'vxlan' }), readReferenceYaml('calico', 'calico-vxlan.yaml'));
  });

  test('the CRD set is exactly the one calico.yaml ships (and the reference crds/ files)', () => {
    const upstream = readReferenceYaml('calico', 'calico.yaml').filter((o: any) => o.kind === 'CustomResourceDefinition');
    expect(CALICO_CRDS.map((d) => `${d.names.plural}.${d.group}`)).toEqual(upstream.map((o: any) => o.metadata.name));
    for (const d of CALICO_CRDS.filter((x) => x.group === 'crd.projectcalico.org')) {
      const [file] = readReferenceYaml('calico', 'crds', `crd.projectcalico.org_${d.names.plural}.yaml`);
      expect(d.versions).toEqual(file.spec.versions);
    }
  });

  test('the spec path differs from calico.yaml only where intended', () => {
    // Intended differences for a spec with no ipPools/bgp/felix (the same pod range as calico.yaml's default):
    //  1. calico-node gets NO_DEFAULT_POOLS=true instead of CALICO_IPV4POOL_IPIP/_VXLAN and CALICO_IPV6POOL_VXLAN:
    //     the declared pools are the truth, not first-install env.
    //  2. veth_mtu is derived (1500 - IPIP 20 = 1480) instead of 0 (auto-detect).
    //  3. IPPool default-ipv4-ippool and BGPConfiguration default are created (upstream leaves them to calico-node).
    const ours = synthObjects(base());
    const upstream = readReferenceYaml('calico', 'calico.yaml');
    const adjusted = upstream.map((o: any) => {
      const c = structuredClone(o);
      if (c.kind === 'ConfigMap') c.data.veth_mtu = '1480';
      if (c.kind === 'DaemonSet') {
        const node = c.spec.template.spec.containers[0];
        const at = node.env.findIndex((e: any) => e.name === 'CALICO_IPV4POOL_IPIP');
        node.env.splice(at, 3, { name: 'NO_DEFAULT_POOLS', value: 'true' });
      }
      return c;
    });
    const added = ours.filter((o) => o.apiVersion === 'crd.projectcalico.org/v1').map(key);
    expect(added).toEqual(['IPPool//default-ipv4-ippool', 'BGPConfiguration//default']);
    compare(
      ours.filter((o) => o.apiVersion !== 'crd.projectcalico.org/v1'),
      adjusted,
    );
  });
});
