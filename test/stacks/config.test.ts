/**
 * Stack configuration and spec errors stop the program before any resource is registered, with the same
 * `path: message` lines as the CLI.
 */
import { join } from 'node:path';
import { cli, writeSpec } from '../support/cli';
import { loadExample } from '../support/examples';
import { runFailingStack } from '../support/pulumi-mocks';

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
  await expectFailure(config({ cluster: 'aks', aks: { location: 'westeurope' }, networkFile: 'examples/cilium-native-kpr.yaml' }), ['spec.cni.kubeProxyReplacement: ']);
}, 30_000);

test('kubeadm: the API allow-list must be IPv4 CIDRs', async () => {
  await expectFailure(config({ cluster: 'kubeadm', kubeadm: { ...KUBEADM, apiAllowedCidrs: ['203.0.113.7/24', '2001:db8::/32'] }, networkFile: 'examples/calico-vxlan.yaml' }), [
    'cdk8s-cni:kubeadm.apiAllowedCidrs[0]: 203.0.113.7/24 has host bits set (canonical form: 203.0.113.0/24)',
    'cdk8s-cni:kubeadm.apiAllowedCidrs[1]: 2001:db8::/32 is not IPv4',
  ]);
}, 30_000);
