/**
 * Stack configuration and spec errors stop the program before any resource is registered, with the same
 * `path: message` lines as the CLI.
 */
import { join } from 'node:path';
import { cli, writeSpec } from '../support/cli';
import { loadExample } from '../support/examples';
import { kubeadmConfigSchema } from '../../stacks/config';
import { runFailingStack, stackFileConfig } from '../support/pulumi-mocks';

const KUBEADM = { availabilityZone: 'eu-west-1a', apiAllowedCidrs: ['203.0.113.0/24'] };
const EKS = { availabilityZones: ['eu-west-1a', 'eu-west-1b'] };

function config(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`cdk8s-cni:${k}`, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** The error's `path: message` lines. */
function lines(e: Error): string[] {
  return e.message.split('\n').slice(1);
}

async function expectFailure(cfg: Record<string, string>, expected: string[]): Promise<string[]> {
  const { error, resources } = await runFailingStack(cfg);
  expect((error as { __pulumiRunError?: boolean }).__pulumiRunError).toBe(true); // pulumi.RunError: printed without a stack trace
  expect(error.message.split('\n')[0]).toBe('invalid stack configuration:');
  const got = lines(error);
  for (const prefix of expected) expect(got.some((l) => l.startsWith(prefix))).toBe(true);
  expect(got).toHaveLength(expected.length);
  // Nothing but the root stack resource was registered.
  expect(resources.map((r) => r.type)).toEqual(['pulumi:pulumi:Stack']);
  return got;
}

const badSpec = () => {
  const spec = loadExample('flannel-vxlan.yaml');
  return { ...spec, spec: { ...spec.spec, services: { cidrs: ['10.244.0.0/16'] }, cni: { ...spec.spec.cni, backnd: 'vxlan' } } };
};

test('an invalid inline spec: every problem, the same lines as `cdk8s-cni validate`', async () => {
  const got = await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM, network: badSpec() }), ['spec.cni.backnd: ']);
  const r = cli('validate', writeSpec(badSpec()));
  expect(r.code).toBe(1);
  expect(got).toEqual(r.stderr.trim().split('\n'));
}, 30_000);

test('an invalid spec file: the semantic error at its path, the same as the CLI', async () => {
  const path = writeSpec({ ...loadExample('flannel-vxlan.yaml'), spec: { ...loadExample('flannel-vxlan.yaml').spec, services: { cidrs: ['10.244.0.0/16'] } } });
  const got = await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM, networkFile: path }), ['spec.services.cidrs[0]: ']);
  expect(got).toEqual(cli('validate', path).stderr.trim().split('\n'));
}, 30_000);

test('a missing spec file', async () => {
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM, networkFile: 'nope/network.yaml' }), [`${join(__dirname, '../..', 'nope/network.yaml')}: file not found`]);
}, 30_000);

test('config typos and wrong values are reported at their config key', async () => {
  await expectFailure(config({ cluster: 'eks', ekss: {}, networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:ekss: ']);
  await expectFailure(config({ cluster: 'eks', eks: { availabilityZones: ['eu-west-1a'] }, networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:eks.availabilityZones: ']);
  await expectFailure(config({ cluster: 'gke', networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:cluster: ']);
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: { ...KUBEADM, kubernetesVersion: '1.33' }, networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:kubeadm.kubernetesVersion: ']);
}, 60_000);

test('the settings of the chosen cluster are required, others refused; exactly one spec source', async () => {
  await expectFailure(config({ cluster: 'eks', networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:eks: is required for cluster eks']);
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM, eks: EKS, networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:eks: is set but cluster is kubeadm']);
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM }), ['cdk8s-cni:network: give the network spec either inline']);
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM, network: loadExample('calico-vxlan.yaml'), networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:network: give the network spec either inline']);
}, 60_000);

test('EKS and AKS refuse CNIs that need node podCIDRs (they allocate none)', async () => {
  const [eks] = await expectFailure(config({ cluster: 'eks', eks: EKS, networkFile: 'examples/flannel-vxlan.yaml' }), ['spec.cni.type: ']);
  expect(eks).toMatch(/^spec\.cni\.type: Flannel .* takes pod ranges from node podCIDRs, which EKS does not allocate \(allowed on eks: /);
  await expectFailure(config({ cluster: 'aks', aks: { location: 'westeurope' }, networkFile: 'examples/flannel-vxlan.yaml' }), ['spec.cni.type: ']);
}, 60_000);

test('EKS: VPC range and service range limits; IPv4 only', async () => {
  const spec = loadExample('calico-vxlan.yaml');
  await expectFailure(config({ cluster: 'eks', eks: EKS, network: { ...spec, spec: { ...spec.spec, nodes: { ...spec.spec.nodes, cidrs: ['192.168.0.0/29'] } } } }), ['spec.nodes.cidrs[0]: 192.168.0.0/29 cannot be a VPC range (allowed: IPv4 CIDRs /16 to /28)']);
  await expectFailure(config({ cluster: 'eks', eks: EKS, network: { ...spec, spec: { ...spec.spec, services: { cidrs: ['100.64.0.0/16'] } } } }), ['spec.services.cidrs[0]: 100.64.0.0/16 cannot be an EKS service range']);
  await expectFailure(config({ cluster: 'eks', eks: EKS, networkFile: 'examples/flannel-dual-stack.yaml' }), ['spec.ipFamilies: [IPv4, IPv6] is not supported by the eks stack', 'spec.cni.type: ']);
}, 60_000);

test('kubeadm: nodes.cidrs is the VPC; workers must fit spec.nodes.maxCount', async () => {
  const spec = loadExample('calico-vxlan.yaml');
  const { cidrs: _drop, ...nodes } = spec.spec.nodes;
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM, network: { ...spec, spec: { ...spec.spec, nodes } } }), ['spec.nodes.cidrs: is required for cluster kubeadm']);
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: { ...KUBEADM, workers: 40 }, networkFile: 'examples/calico-vxlan.yaml' }), [
    'cdk8s-cni:kubeadm.workers: 40 workers make 41 nodes, more than spec.nodes.maxCount 40',
  ]);
}, 60_000);

test('kubeadm: a CNI that reaches the API server directly must name the control plane the stack builds', async () => {
  const spec = loadExample('cilium-native-kpr.yaml');
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: KUBEADM, network: { ...spec, spec: { ...spec.spec, cni: { ...spec.spec.cni, k8sServiceHost: '10.0.0.5', k8sServicePort: 443 } } } }), [
    'spec.cni.k8sServiceHost: 10.0.0.5 is not the control plane of the kubeadm stack (allowed: 10.0.0.10, the 10th address of spec.nodes.cidrs[0])',
    'spec.cni.k8sServicePort: 443 is not the API server port of the kubeadm stack (allowed: 6443)',
  ]);
}, 30_000);

test('EKS and AKS: kube-proxy replacement is refused (the API endpoint is unknown when the spec is synthesized)', async () => {
  const [line] = await expectFailure(config({ cluster: 'eks', eks: { availabilityZones: ['eu-central-1a', 'eu-central-1b'] }, networkFile: 'examples/cilium-native-kpr.yaml' }), ['spec.cni.kubeProxyReplacement: ']);
  expect(line).toMatch(/use cluster kubeadm for a kube-proxy-free cluster\)$/);
  await expectFailure(config({ cluster: 'aks', aks: { location: 'westeurope' }, networkFile: 'examples/cilium-native-kpr.yaml' }), ['spec.cni.kubeProxyReplacement: ', 'spec.cni.routingMode: native routes pods without encapsulation']);
}, 30_000);

test('kubeadm: the API allow-list must be IPv4 CIDRs', async () => {
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: { ...KUBEADM, apiAllowedCidrs: ['203.0.113.7/24', '2001:db8::/32'] }, networkFile: 'examples/calico-vxlan.yaml' }), [
    'cdk8s-cni:kubeadm.apiAllowedCidrs[0]: 203.0.113.7/24 has host bits set (canonical form: 203.0.113.0/24)',
    'cdk8s-cni:kubeadm.apiAllowedCidrs[1]: 2001:db8::/32 is not IPv4',
  ]);
}, 30_000);

test('kubeadm: the join token lifetime is a Go duration (default 24h0m0s); the version binds kubeadm:cluster-admins (≥ v1.29)', async () => {
  const ttl = await expectFailure(config({ cluster: 'kubeadm', kubeadm: { ...KUBEADM, bootstrapTokenTtl: '2 days' }, networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:kubeadm.bootstrapTokenTtl: ']);
  expect(ttl).toHaveLength(1);
  const [version] = await expectFailure(config({ cluster: 'kubeadm', kubeadm: { ...KUBEADM, kubernetesVersion: 'v1.28.9' }, networkFile: 'examples/calico-vxlan.yaml' }), ['cdk8s-cni:kubeadm.kubernetesVersion: ']);
  expect(version).toMatch(/allowed: v1\.29\.0 or later\)$/);
  expect(kubeadmConfigSchema.parse(KUBEADM).bootstrapTokenTtl).toBe('24h0m0s');
  for (const ok of ['0s', '1h', '72h0m0s', '90m', '1h30m']) expect(kubeadmConfigSchema.parse({ ...KUBEADM, bootstrapTokenTtl: ok }).bootstrapTokenTtl).toBe(ok);
}, 30_000);

test('EKS: the subnet layout is checked before any resource (AWS minimum /28 per subnet; private subnets hold spec.nodes.maxCount)', async () => {
  const spec = loadExample('calico-vxlan.yaml');
  const six = { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-2a', 'eu-west-2b', 'eu-west-2c'] };
  const small = { ...spec, spec: { ...spec.spec, nodes: { ...spec.spec.nodes, cidrs: ['10.0.0.0/24'] } } };
  // /24 for 6 zones: 8 parts of /27, the 7th split again into 6 public /30s.
  const [line] = await expectFailure(config({ cluster: 'eks', eks: six, network: small }), ['spec.nodes.cidrs[0]: ']);
  expect(line).toBe('spec.nodes.cidrs[0]: 10.0.0.0/24 split for 6 zones gives public subnets of /30, smaller than AWS allows (allowed: subnets of /28 or larger: a larger range, or fewer zones)');
  // /24 for 2 zones: private /26s (59 usable each) cannot hold 200 nodes (100 per zone).
  const crowded = { ...spec, spec: { ...spec.spec, nodes: { ...spec.spec.nodes, cidrs: ['10.0.0.0/24'], maxCount: 200 } } };
  const [nodes] = await expectFailure(config({ cluster: 'eks', eks: EKS, network: crowded }), ['spec.nodes.maxCount: ']);
  expect(nodes).toBe('spec.nodes.maxCount: 200 nodes over 2 zones need 100 addresses per private subnet, but 10.0.0.0/26 has 59 usable (allowed: at most 118 nodes, or a larger spec.nodes.cidrs[0])');
}, 60_000);

test('AKS: a bring-your-own CNI must encapsulate in UDP; native routing and IP-in-IP are refused at their spec path', async () => {
  const aksCalico = JSON.parse(stackFileConfig('Pulumi.aks-calico.yaml')['cdk8s-cni:network']);
  const withPool = (pool: Record<string, unknown>, bgp: boolean) => ({
    ...aksCalico,
    spec: { ...aksCalico.spec, cni: { ...aksCalico.spec.cni, ipPools: [{ ...aksCalico.spec.cni.ipPools[0], ...pool }], bgp: { enabled: bgp } } },
  });
  const aks = { cluster: 'aks', aks: { location: 'westeurope' } };
  const [cross] = await expectFailure(config({ ...aks, network: withPool({ vxlanMode: 'CrossSubnet' }, false) }), ['spec.cni.ipPools[0].vxlanMode: ']);
  expect(cross).toMatch(/^spec\.cni\.ipPools\[0\]\.vxlanMode: CrossSubnet routes pool 192\.168\.0\.0\/16 natively between nodes: Azure drops .* \(allowed on cluster aks: Always\)$/);
  const [ipip] = await expectFailure(config({ ...aks, network: withPool({ ipipMode: 'Always', vxlanMode: 'Never' }, true) }), ['spec.cni.ipPools[0].ipipMode: ']);
  expect(ipip).toMatch(/^spec\.cni\.ipPools\[0\]\.ipipMode: Always makes pool 192\.168\.0\.0\/16 use IP-in-IP: .*does not carry IP-in-IP \(protocol 4\) \(allowed on cluster aks: ipipMode Never and vxlanMode Always\)$/);
  await expectFailure(config({ ...aks, network: withPool({ ipipMode: 'Never', vxlanMode: 'Never' }, true) }), ['spec.cni.ipPools[0].vxlanMode: Never routes pool']);
  // The shipped VXLAN configuration passes these checks.
  const { checkAzureCarriesPodTraffic } = await import('../../stacks/checks');
  const { resolveClusterNetwork } = await import('../../src/spec/validate');
  expect(checkAzureCarriesPodTraffic(resolveClusterNetwork(aksCalico))).toEqual([]);
}, 60_000);
