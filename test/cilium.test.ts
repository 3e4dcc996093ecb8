/**
 * Cilium construct (issue 4): explicit assertions on both examples, node traffic and MTU, secrets only by reference,
 * (fidelity against `helm template` of the 1.19.5 chart is in cilium-rendered.test.ts).
 */
import { App, Chart } from 'cdk8s';
import { Cilium } from '../src/cni/cilium/cilium';
import { ciliumConfigData } from '../src/cni/cilium/config-map';
import { resolveCiliumProps } from '../src/cni/cilium/defaults';
import { ciliumPodAddresses, ciliumProps } from '../src/cni/cilium/module';
import { cniModuleFor } from '../src/cni/registry';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
import { find, loadExample, synthExample } from './support/examples';


const kpr = synthExample('cilium-native-kpr.yaml');
const overlay = synthExample('cilium-overlay.yaml');
const container = (ds: any, name: string) => [...ds.spec.template.spec.containers, ...(ds.spec.template.spec.initContainers ?? [])].find((c: any) => c.name === name);
const envOf = (c: any) => Object.fromEntries((c.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));
const ids = (objs: any[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);

/** Objects every install has (chart defaults: agent, operator, Envoy DaemonSet, RBAC, Hubble peer service). */
const CORE = [
  'Namespace/cilium-secrets',
  'ServiceAccount/cilium',
  'ServiceAccount/cilium-envoy',
  'ServiceAccount/cilium-operator',
  'ClusterRole/cilium',
  'ClusterRoleBinding/cilium',
  'Role/cilium-config-agent',
  'RoleBinding/cilium-config-agent',
  'Role/cilium-tlsinterception-secrets',
  'RoleBinding/cilium-tlsinterception-secrets',
  'ClusterRole/cilium-operator',
  'ClusterRoleBinding/cilium-operator',
  'Role/cilium-operator-tlsinterception-secrets',
  'RoleBinding/cilium-operator-tlsinterception-secrets',
  'Role/cilium-operator-ztunnel',
  'RoleBinding/cilium-operator-ztunnel',
  'ConfigMap/cilium-config',
  'ConfigMap/cilium-envoy-config',
  'Service/cilium-envoy',
  'DaemonSet/cilium-envoy',
  'DaemonSet/cilium',
  'Deployment/cilium-operator',
  'Service/hubble-peer',
];

describe('cilium-overlay example (chart defaults + IPsec)', () => {
  const cm = find(overlay, 'ConfigMap', 'cilium-config').data;
  const ds = find(overlay, 'DaemonSet', 'cilium');

  test('objects: the core install, no Relay/UI, no CRDs (the operator registers them)', () => {
    expect(ids(overlay)).toEqual(CORE);
    expect(overlay.some((o) => o.kind === 'CustomResourceDefinition')).toBe(false);
    expect(overlay.filter((o) => o.metadata.namespace).every((o) => ['kube-system', 'cilium-secrets'].includes(o.metadata.namespace!))).toBe(true);
  });

  test('cilium-config: VXLAN tunnel, cluster-pool over the pod range, IPsec key file, kube-proxy kept', () => {
    expect(cm).toMatchObject({
      'routing-mode': 'tunnel',
      'tunnel-protocol': 'vxlan',
      ipam: 'cluster-pool',
      'cluster-pool-ipv4-cidr': '10.42.0.0/16',
      'cluster-pool-ipv4-mask-size': '24',
      'kube-proxy-replacement': 'false',
      'enable-ipsec': 'true',
      'ipsec-key-file': '/etc/ipsec/keys',
      'enable-hubble': 'true',
      'enable-policy': 'default',
      'auto-direct-node-routes': 'false',
      'external-envoy-proxy': 'true',
    });
    expect(cm['ipv4-native-routing-cidr']).toBeUndefined();
    expect(cm['enable-wireguard']).toBeUndefined();
    expect(cm['tunnel-port']).toBeUndefined();
  });

  test('IPsec key only as a Secret volume (never in a ConfigMap or env literal)', () => {
    expect(ds.spec.template.spec.volumes).toContainEqual({ name: 'cilium-ipsec-secrets', secret: { secretName: 'cilium-ipsec-keys' } });
    expect(container(ds, 'cilium-agent').volumeMounts).toContainEqual({ name: 'cilium-ipsec-secrets', mountPath: '/etc/ipsec' });
    for (const o of overlay.filter((x) => x.kind === 'ConfigMap')) {
      for (const v of Object.values((o as any).data as Record<string, string>)) expect(v).not.toMatch(/rfc4106|gcm\(aes\)|cbc\(aes\)|hmac\(/);
    }
    expect(overlay.some((o) => o.kind === 'Secret')).toBe(false);
  });

  test('agent: containers, init containers in chart order, probes, capabilities', () => {
    const spec = ds.spec.template.spec;
    expect(spec.containers.map((c: any) => c.name)).toEqual(['cilium-agent']);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['config', 'mount-cgroup', 'apply-sysctl-overwrites', 'mount-bpf-fs', 'clean-cilium-state', 'install-cni-binaries']);
    const agent = container(ds, 'cilium-agent');
    expect(agent.image).toBe('quay.io/cilium/cilium:v1.19.5@sha256:20fbbc14ac20b55a292c0dcda5571bf31cde30a7dbc68c29db3e709390ab0732');
    expect(agent.startupProbe).toMatchObject({ httpGet: { host: '127.0.0.1', path: '/healthz', port: 'health' }, failureThreshold: 300, periodSeconds: 2 });
    expect(agent.livenessProbe.httpGet.httpHeaders).toEqual([
      { name: 'brief', value: 'true' },
      { name: 'require-k8s-connectivity', value: 'false' },
    ]);
    expect(agent.ports).toEqual([
      { name: 'health', containerPort: 9879, hostPort: 9879, protocol: 'TCP' },
      { name: 'peer-service', containerPort: 4244, hostPort: 4244, protocol: 'TCP' },
    ]);
    expect(agent.securityContext.privileged).toBeUndefined();
    expect(agent.securityContext.capabilities.drop).toEqual(['ALL']);
    expect(container(ds, 'mount-bpf-fs').securityContext).toEqual({ privileged: true });
    expect(spec).toMatchObject({ hostNetwork: true, priorityClassName: 'system-node-critical', serviceAccountName: 'cilium', automountServiceAccountToken: true, tolerations: [{ operator: 'Exists' }] });
    expect(spec.securityContext).toEqual({ seccompProfile: { type: 'Unconfined' }, appArmorProfile: { type: 'Unconfined' } });
    expect(envOf(agent).KUBERNETES_SERVICE_HOST).toBeUndefined();
  });

  test('operator: two replicas, generic image, control-plane tolerations', () => {
    const op = find(overlay, 'Deployment', 'cilium-operator');
    expect(op.spec.replicas).toBe(2);
    const c = op.spec.template.spec.containers[0];
    expect(c.image).toBe('quay.io/cilium/operator-generic:v1.19.5@sha256:be848a365776e07d0c5a895eda7aec928ddc52a5a1fa2f432fd7a286609e1db4');
    expect(c.command).toEqual(['cilium-operator-generic']);
    expect(op.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
  });

  test('Envoy: bootstrap ConfigMap is JSON with the health and metrics listeners and the xDS socket', () => {
    const boot = JSON.parse(find(overlay, 'ConfigMap', 'cilium-envoy-config').data['bootstrap-config.json']);
    expect(boot.staticResources.listeners.map((l: any) => l.name)).toEqual(['envoy-prometheus-metrics-listener', 'envoy-health-listener']);
    expect(boot.staticResources.clusters.map((c: any) => c.name)).toEqual(['ingress-cluster', 'egress-cluster-tls', 'egress-cluster', 'ingress-cluster-tls', 'xds-grpc-cilium', '/envoy-admin']);
    expect(boot.admin.address.pipe).toEqual({ mode: 432, path: '/var/run/cilium/envoy/sockets/admin.sock' });
    const envoy = find(overlay, 'DaemonSet', 'cilium-envoy');
    expect(envoy.spec.template.spec.containers[0].args).toEqual(['--', '-c /var/run/cilium/envoy/bootstrap-config.json', '--base-id 0', '--log-level info']);
  });

  test('module: cluster-pool is CNI IPAM, MTU 1500 − VXLAN 50 − IPsec 77 (pkg/mtu), node traffic', () => {
    const n = resolveClusterNetwork(loadExample('cilium-overlay.yaml'));
    const m = cniModuleFor('cilium');
    expect(m.podAddressing(n)).toBe('cni-ipam');
    expect(m.podMtu(n)).toBe(1373);
    expect(m.replacesKubeProxy?.(n)).toBe(false);
    expect(m.routesNatively?.(n)).toBe(false);
    expect(m.nodeTraffic(n)).toEqual([
      { protocol: 'udp', fromPort: 8472, description: 'Cilium VXLAN overlay' },
      { protocol: 'tcp', fromPort: 4240, description: 'Cilium health checks (cilium-health)' },
      { protocol: '1', description: 'Cilium health checks (ICMP echo)' },
      { protocol: '50', description: 'Cilium IPsec (ESP)' },
      { protocol: 'tcp', fromPort: 4244, description: 'Hubble server (peer service, Relay)' },
    ]);
  });
});

describe('cilium-native-kpr example (native routing, kube-proxy replacement, WireGuard, Hubble Relay + UI)', () => {
  const cm = find(kpr, 'ConfigMap', 'cilium-config').data;

  test('objects: core plus Relay and UI', () => {
    expect(ids(kpr)).toEqual([
      ...CORE,
      'ServiceAccount/hubble-relay',
      'ConfigMap/hubble-relay-config',
      'Deployment/hubble-relay',
      'Service/hubble-relay',
      'ServiceAccount/hubble-ui',
      'ClusterRole/hubble-ui',
      'ClusterRoleBinding/hubble-ui',
      'ConfigMap/hubble-ui-nginx',
      'Deployment/hubble-ui',
      'Service/hubble-ui',
      'Certificate/hubble-server-certs',
      'Certificate/hubble-relay-client-certs',
    ]);
  });

  test('cilium-config: native routing CIDR, direct routes, KPR, WireGuard', () => {
    expect(cm).toMatchObject({
      'routing-mode': 'native',
      'ipv4-native-routing-cidr': '10.0.0.0/8',
      'auto-direct-node-routes': 'true',
      'kube-proxy-replacement': 'true',
      'kube-proxy-replacement-healthz-bind-address': '',
      'enable-wireguard': 'true',
      'cluster-pool-ipv4-cidr': '10.244.0.0/16',
      'cluster-pool-ipv4-mask-size': '24',
    });
    expect(cm['enable-ipsec']).toBeUndefined();
  });

  test('API server address reaches the agent, its init containers, the operator and Envoy', () => {
    const want = { KUBERNETES_SERVICE_HOST: '10.0.0.10', KUBERNETES_SERVICE_PORT: '6443' };
    const ds = find(kpr, 'DaemonSet', 'cilium');
    for (const name of ['cilium-agent', 'config', 'clean-cilium-state']) expect(envOf(container(ds, name))).toMatchObject(want);
    expect(envOf(find(kpr, 'Deployment', 'cilium-operator').spec.template.spec.containers[0])).toMatchObject(want);
    expect(envOf(find(kpr, 'DaemonSet', 'cilium-envoy').spec.template.spec.containers[0])).toMatchObject(want);
    expect(ds.spec.template.spec.initContainers.map((c: any) => c.name)).not.toContain('wait-for-kube-proxy');
  });

  test('Hubble Relay talks to the peer service; UI backend to Relay', () => {
    expect(find(kpr, 'ConfigMap', 'hubble-relay-config').data['config.yaml']).toContain('peer-service: "hubble-peer.kube-system.svc.cluster.local.:443"');
    const ui = find(kpr, 'Deployment', 'hubble-ui').spec.template.spec;
    expect(envOf(ui.containers.find((c: any) => c.name === 'backend'))).toMatchObject({ FLOWS_API_ADDR: 'hubble-relay:80' });
    expect(find(kpr, 'ClusterRole', 'hubble-ui').rules.every((r: any) => r.verbs.every((v: string) => ['get', 'list', 'watch'].includes(v)))).toBe(true);
    expect(find(kpr, 'Deployment', 'hubble-relay').spec.template.spec.automountServiceAccountToken).toBe(false);
  });

  test('module: native routing, kube-proxy replaced, MTU 9001 − WireGuard 80 (pkg/mtu), WireGuard port', () => {
    const n = resolveClusterNetwork(loadExample('cilium-native-kpr.yaml'));
    const m = cniModuleFor('cilium');
    expect(m.podMtu(n)).toBe(8921);
    expect(m.replacesKubeProxy?.(n)).toBe(true);
    expect(m.routesNatively?.(n)).toBe(true);
    expect(m.nodeTraffic(n).map((r) => `${r.protocol}/${r.fromPort ?? '-'}`)).toEqual(['tcp/4240', '1/-', 'udp/51871', 'tcp/4244']);
  });
});

test('kubernetes IPAM uses the Node podCIDR (common node-cidr checks) and writes no cluster-pool keys', () => {
  const n = resolveClusterNetwork({ ...loadExample('cilium-overlay.yaml'), spec: { ...loadExample('cilium-overlay.yaml').spec, cni: { type: 'cilium', ipam: { mode: 'kubernetes' } } } });
  expect(cniModuleFor('cilium').podAddressing(n)).toBe('node-cidr');
  const data = ciliumConfigData(resolveCiliumProps({ ipam: { mode: 'kubernetes' } }));
  expect(data.ipam).toBe('kubernetes');
  expect(data['cluster-pool-ipv4-cidr']).toBeUndefined();
});

test('a version override drops the pinned digests; a mirror keeps the repository path', () => {
  const chart = new Chart(new App(), 'c');
  const cilium = new Cilium(chart, 'cilium', { version: 'v1.19.6', imageRegistry: 'registry.example.com/mirror' });
  const images = [cilium.agent.daemonSet, cilium.operator.deployment, cilium.envoy.daemonSet].map((o) => (o.toJson() as any).spec.template.spec.containers[0].image);
  expect(images).toEqual([
    'registry.example.com/mirror/cilium/cilium:v1.19.6',
    'registry.example.com/mirror/cilium/operator-generic:v1.19.6',
    'registry.example.com/mirror/cilium/cilium-envoy:v1.36.8-1781157951-a7f42a3390781539911b5b9107881b35ecc4e752@sha256:326f872e19ce8aa45170efbf583b3f301586ba3feead14b864676d4baf3b45ed',
  ]);
});

/** A Cilium cluster-pool network with these families and ranges, and its cilium-config data. */
function ciliumFamilies(ipFamilies: string[], pods: object, services: string[]) {
  const n = resolveClusterNetwork({
    apiVersion: 'cdk8s-cni.dev/v1alpha1',
    kind: 'ClusterNetwork',
    metadata: { name: 'families' },
    spec: { ipFamilies, pods, services: { cidrs: services }, cni: { type: 'cilium' } },
  });
  return { n, data: ciliumConfigData(resolveCiliumProps(ciliumProps(n as Parameters<typeof ciliumProps>[0]))) };
}

test('dual-stack cluster-pool: IPv6 pool from the IPv6 pod range and nodeMaskSizeIPv6', () => {
  const { n, data } = ciliumFamilies(['IPv4', 'IPv6'], { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], nodeMaskSizeIPv6: 64 }, ['10.96.0.0/12', 'fd00:10:96::/112']);
  expect(data).toMatchObject({
    'enable-ipv4': 'true',
    'enable-ipv6': 'true',
    'cluster-pool-ipv4-cidr': '10.244.0.0/16',
    'cluster-pool-ipv6-cidr': 'fd00:10:244::/56',
    'cluster-pool-ipv6-mask-size': '64',
  });
  expect(cniModuleFor('cilium').planRows!(n).filter((r) => r.label.startsWith('Cilium IPAM'))).toEqual([
    { label: 'Cilium IPAM (IPv4)', value: 'cluster-pool 10.244.0.0/16 in /24 blocks (256 nodes, 252 pod addresses each)' },
    { label: 'Cilium IPAM (IPv6)', value: 'cluster-pool fd00:10:244::/56 in /64 blocks (256 nodes, 65532 pod addresses each)' },
  ]);
});

test('IPv6-only cluster-pool: one IPv6 plan row and config, no IPv4 pool', () => {
  const { n, data } = ciliumFamilies(['IPv6'], { cidrs: ['fd00:10::/56'], nodeMaskSizeIPv6: 64 }, ['fd00:20::/108']);
  expect(cniModuleFor('cilium').planRows!(n).filter((r) => r.label.startsWith('Cilium IPAM'))).toEqual([
    { label: 'Cilium IPAM (IPv6)', value: 'cluster-pool fd00:10::/56 in /64 blocks (256 nodes, 65532 pod addresses each)' },
  ]);
  expect(data).toMatchObject({ 'enable-ipv4': 'false', 'enable-ipv6': 'true', 'cluster-pool-ipv6-cidr': 'fd00:10::/56', 'cluster-pool-ipv6-mask-size': '64' });
  expect(Object.keys(data).filter((k) => k.startsWith('cluster-pool-ipv4'))).toEqual([]);
});

describe('issue 12: Cilium accepted-then-fails and refused-but-valid', () => {
  const v6only = { cidrs: ['fd00:10::/56'], nodeMaskSizeIPv6: 64 };

  test('cluster-pool usable addresses are size − 4 (ipallocator drops 2, the agent takes router and health IPs); IPv6 blocks count at most 2^16', () => {
    expect(ciliumPodAddresses('IPv4', 24)).toBe(252n);
    expect(ciliumPodAddresses('IPv4', 25)).toBe(124n);
    expect(ciliumPodAddresses('IPv6', 120)).toBe(252n);
    expect(ciliumPodAddresses('IPv6', 64)).toBe(65532n);
    const r = validateClusterNetwork({
      apiVersion: 'cdk8s-cni.dev/v1alpha1',
      kind: 'ClusterNetwork',
      metadata: { name: 'full' },
      spec: { pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 25, maxPerNode: 125 }, services: { cidrs: ['10.96.0.0/12'] }, cni: { type: 'cilium' } },
    });
    expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['spec.pods.maxPerNode: 125 pods do not fit a /25 cluster-pool block, which has 124 usable addresses (allowed: at most 124, or a shorter spec.pods.nodeMaskSize)']);
  });

  test('IPv6-only tunnel: underlay-protocol ipv6, 70-byte tunnel overhead, Cilium MTU 1430', () => {
    const { n, data } = ciliumFamilies(['IPv6'], v6only, ['fd00:20::/108']);
    expect(data['underlay-protocol']).toBe('ipv6');
    expect(cniModuleFor('cilium').podMtu(n)).toBe(1500 - 70);
    expect(cniModuleFor('cilium').planRows!(n)).toContainEqual({ label: 'Cilium routing', value: 'tunnel (vxlan over IPv6)' });
  });

  test('IPv4 clusters keep the chart default (no underlay-protocol key)', () => {
    expect(ciliumFamilies(['IPv4', 'IPv6'], { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], nodeMaskSizeIPv6: 64 }, ['10.96.0.0/12', 'fd00:10:96::/112']).data['underlay-protocol']).toBeUndefined();
  });

  test('IPv6 native routing is supported: ipv6-native-routing-cidr written, no tunnel overhead', () => {
    const n = resolveClusterNetwork({
      apiVersion: 'cdk8s-cni.dev/v1alpha1',
      kind: 'ClusterNetwork',
      metadata: { name: 'v6native' },
      spec: {
        ipFamilies: ['IPv4', 'IPv6'],
        pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], nodeMaskSizeIPv6: 64 },
        services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] },
        cni: { type: 'cilium', routingMode: 'native', ipv4NativeRoutingCIDR: '10.244.0.0/16', ipv6NativeRoutingCIDR: 'fd00:10:244::/56', autoDirectNodeRoutes: true },
      },
    });
    const data = ciliumConfigData(resolveCiliumProps(ciliumProps(n as Parameters<typeof ciliumProps>[0])));
    expect(data).toMatchObject({ 'routing-mode': 'native', 'ipv4-native-routing-cidr': '10.244.0.0/16', 'ipv6-native-routing-cidr': 'fd00:10:244::/56', 'enable-ipv6': 'true' });
    expect(cniModuleFor('cilium').podMtu(n)).toBe(1500);
  });

  test('k8sServiceHost auto is refused (the chart resolves it with a Helm lookup at install time)', () => {
    const r = validateClusterNetwork({
      ...loadExample('cilium-native-kpr.yaml'),
      spec: { ...loadExample('cilium-native-kpr.yaml').spec, cni: { ...loadExample('cilium-native-kpr.yaml').spec.cni, k8sServiceHost: 'auto' } },
    });
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ path: 'spec.cni.k8sServiceHost', rule: 'cilium/k8s-service-host-auto' }));
  });
});

test('the construct refuses k8sServiceHost auto too (it would reach the agent as a literal host name)', () => {
  expect(() => new Cilium(new Chart(new App(), 'c'), 'cilium', { kubeProxyReplacement: true, k8sServiceHost: 'auto', k8sServicePort: 6443 })).toThrow(/k8sServiceHost: auto needs a live cluster/);
});
