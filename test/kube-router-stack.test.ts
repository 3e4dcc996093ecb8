/**
 * kube-router on the kubeadm stack (issue 15), under Pulumi mocks: the stack accepts `cni.type: kube-router` through
 * the registry. With the service proxy, kubeadm skips its kube-proxy phase and kube-router's k8sServiceHost is the
 * stack's control plane; the node security group carries exactly kube-router's traffic (BGP 179, health, IPIP); the
 * applied objects are the chart's. Without the proxy, kube-proxy stays and nodes in one subnet route natively.
 */
import { parseAllDocuments } from 'yaml';
import { parseStackConfig, projectConfig } from '../stacks/config';
import { aksChecks } from '../stacks/checks';
import { aksOptionsSchema } from '../stacks/options';
import { needsSourceDestCheckOff } from '../stacks/firewall';
import { resolveClusterNetwork } from '../src/spec/validate';
import { loadExample } from './support/examples';
import { controlPlanePrivateIp } from '../stacks/kubeadm/addresses';
import { synthObjects } from '../src/synth';
import { ofType, resource, runFailingStack, runStack, stackFileConfig, type StackRun } from './support/pulumi-mocks';
import { fileWrittenBy } from './support/heredoc';
import { appliedObjects, expectedNodeRows, ingressRows, k8sName, k8sType } from './support/stack-assertions';

/** The kubeadm-cilium stack's settings with a kube-router network file. */
const config = (networkFile: string) => ({ ...stackFileConfig('Pulumi.kubeadm-cilium.yaml'), 'cdk8s-cni:networkFile': networkFile });

describe.each([['examples/kube-router-service-proxy.yaml', true], ['examples/kube-router.yaml', false]] as const)('kubeadm stack with %s', (file, proxy) => {
  const cfg = parseStackConfig(projectConfig(config(file)));
  if (cfg.cluster !== 'kubeadm') throw new Error('not kubeadm');
  const { network } = cfg;
  const name = network.metadata.name;
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack(config(file));
  }, 60_000);
  const cp = () => resource(run, 'aws:ec2/instance:Instance', `${name}-control-plane`);

  test(`kubeadm ${proxy ? 'skips' : 'keeps'} the kube-proxy phase`, () => {
    const docs = parseAllDocuments(fileWrittenBy(cp().inputs.userData, '/etc/kubernetes/kubeadm-init.yaml')).map((d) => d.toJS());
    expect(docs[0].skipPhases).toEqual(proxy ? ['addon/kube-proxy'] : undefined);
    expect(docs.some((d) => d.kind === 'KubeProxyConfiguration')).toBe(!proxy);
  });

  test('node security group: exactly the kube-router rules plus the API server', () => {
    const sg = `${name}-nodes-id`;
    const rows = ingressRows(run, `${name}-`);
    const admin = cfg.kubeadm.apiAllowedCidrs.flatMap((c) => [{ protocol: 'tcp', from: 6443, to: 6443, source: c }, ...(cfg.kubeadm.sshKeyName ? [{ protocol: 'tcp', from: 22, to: 22, source: c }] : [])]);
    const expected = [...expectedNodeRows(network, sg), { protocol: 'tcp', from: 6443, to: 6443, source: sg }, ...admin].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(rows).toEqual(expected);
    expect(rows).toContainEqual({ protocol: 'tcp', from: 179, to: 179, source: sg });
    expect(rows).toContainEqual({ protocol: '4', source: sg });
  });

  test(`source/destination check ${proxy ? 'stays on (IPIP to every node)' : 'is off (native routing within the subnet)'}`, () => {
    expect(needsSourceDestCheckOff(network)).toBe(!proxy);
    for (const i of ofType(run, 'aws:ec2/instance:Instance')) expect(i.inputs.sourceDestCheck).toBe(proxy);
  });

  test('the applied objects are the chart objects', () => {
    const applied = appliedObjects(run).map((r) => `${r.type} ${r.name}`);
    for (const o of synthObjects(network)) expect(applied).toContain(`${k8sType(o)} ${k8sName(o)}`);
    if (proxy) expect(controlPlanePrivateIp(network.spec.nodes.cidrs![0])).toBe((network.spec.cni as { k8sServiceHost?: string }).k8sServiceHost);
  });
});

test('the stack refuses a k8sServiceHost that is not its control plane', async () => {
  const { writeSpec } = await import('./support/cli');
  const doc = loadExample('kube-router-service-proxy.yaml');
  doc.spec.cni.k8sServiceHost = '10.0.0.99';
  const { error } = await runFailingStack({ ...config(writeSpec(doc)) });
  expect(error.message).toContain('spec.cni.k8sServiceHost: 10.0.0.99 is not the control plane of the kubeadm stack');
});

test('AKS refuses kube-router: it reads node podCIDRs, which AKS does not allocate to a bring-your-own CNI', () => {
  const issues = aksChecks(resolveClusterNetwork(loadExample('kube-router.yaml')), aksOptionsSchema.parse({ location: 'westeurope' }));
  expect(issues.map((i) => i.path)).toContain('spec.cni.type');
  expect(issues.find((i) => i.path === 'spec.cni.type')!.message).toContain('takes pod ranges from node podCIDRs');
});
