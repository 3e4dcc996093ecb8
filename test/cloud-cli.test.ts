/**
 * `cdk8s-cni eks-addon-values` and `cdk8s-cni aks-network-profile`: the values the EKS / AKS stacks use, from the CLI.
 * Outputs are checked against what the stacks pass to their providers (eksVpcCniAddonConfiguration for aws.eks.Addon,
 * azureCniPlan for azure-native ManagedCluster) and against the upstream chart values the add-on configuration mirrors.
 */
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { eksVpcCniAddonConfiguration } from '../src/cni/aws-vpc-cni/eks-addon';
import { maxPods } from '../src/plan/aws-max-pods';
import { resolveClusterNetwork } from '../src/spec/validate';
import { azureCniPlan } from '../stacks/aks/azure-cni';
import { cli, filesIn, tempDir, writeSpec } from './support/cli';
import { loadExample } from './support/examples';
import { referencePath } from './support/shared';
import { describeWithShellcheck, shellcheck } from './support/shellcheck';

type Json = Record<string, any>;
const json = (text: string): Json => JSON.parse(text);

describe('eks-addon-values', () => {
  const example = 'examples/eks-prefix-delegation.yaml';

  test('prints the add-on configurationValues the EKS stack passes to aws.eks.Addon', () => {
    const r = cli('eks-addon-values', example);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.addonName).toBe('vpc-cni');
    expect(out.configurationValues).toEqual(eksVpcCniAddonConfiguration(resolveClusterNetwork(loadExample('eks-prefix-delegation.yaml'))));
    expect(out.configurationValues.env).toMatchObject({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' });
    // the spec's warnings go to stderr, never into the JSON
    expect(r.stderr).toMatch(/^warning: spec\.cni\.prefixDelegation\.enabled: prefix delegation must be on before node groups are created/m);
  });

  test('the configurationValues have the shape of the upstream chart values the add-on configuration mirrors', () => {
    const chart = parse(readFileSync(referencePath('aws-vpc-cni', 'helm-values.yaml'), 'utf8')) as Json;
    for (const file of ['eks-prefix-delegation.yaml', 'eks-custom-networking.yaml', 'eks-ipv6.yaml']) {
      const values = json(cli('eks-addon-values', `examples/${file}`, '--format', 'configuration-values').stdout);
      for (const key of Object.keys(values)) expect(Object.keys(chart)).toContain(key);
      for (const [k, v] of Object.entries(values.env as Json)) {
        expect(k).toMatch(/^[A-Z][A-Za-z0-9_]*$/);
        expect(typeof v).toBe('string'); // the chart (and the add-on) take env values as strings
      }
      expect(Object.keys(values.init)).toEqual(['env']);
      for (const k of Object.keys(values.init.env)) expect(Object.keys(chart.init.env)).toContain(k);
      expect(typeof values.enableNetworkPolicy).toBe(typeof chart.enableNetworkPolicy);
      if (values.eniConfig) {
        expect(values.eniConfig.create).toBe(true);
        for (const s of Object.values(values.eniConfig.subnets as Json)) expect(Object.keys(s).sort()).toEqual(['id', 'securityGroups']);
      }
    }
  });

  test('node settings: kubelet maxPods per instance type, as the calculator and the stack compute it', () => {
    const out = json(cli('eks-addon-values', example).stdout);
    // m5.large: 3 ENIs × (10 − 1) × 16 + 2 = 434 addressable, capped at 110 (≤ 30 vCPUs)
    expect(out.nodes[0]).toEqual({ instanceType: 'm5.large', maxPods: 110, maxPodsAddressable: 434, addressing: 'prefix delegation' });
    expect(out.nodes.map((n: Json) => n.instanceType)).toEqual(loadExample('eks-prefix-delegation.yaml').spec.cni.nodeInstanceTypes);
    expect(out.nodes[0].maxPods).toBe(maxPods({ instanceType: 'm5.large', prefixDelegation: true, customNetworking: false }));
  });

  test('secondary IPs, IPv6 and security groups for pods', () => {
    const base = loadExample('eks-prefix-delegation.yaml');
    const spec = (cni: Json) => writeSpec({ ...base, spec: { ...base.spec, pods: { cidrs: base.spec.pods.cidrs }, cni: { type: 'aws-vpc-cni', nodeInstanceTypes: ['m5.large'], ...cni } } });
    expect(json(cli('eks-addon-values', spec({})).stdout).nodes).toEqual([{ instanceType: 'm5.large', maxPods: 29, maxPodsAddressable: 29, addressing: 'secondary IPs' }]);
    const sg = json(cli('eks-addon-values', spec({ podENI: true, disableTcpEarlyDemux: true })).stdout);
    expect(sg.nodes).toEqual([{ instanceType: 'm5.large', maxPods: 20, maxPodsAddressable: 20, addressing: 'secondary IPs', trunking: true }]);
    expect(sg.configurationValues.env.ENABLE_POD_ENI).toBe('true');
    expect(sg.configurationValues.init.env.DISABLE_TCP_EARLY_DEMUX).toBe('true');
    const v6 = json(cli('eks-addon-values', 'examples/eks-ipv6.yaml').stdout);
    expect(v6.nodes.every((n: Json) => n.addressing === 'IPv6 prefix' && n.maxPodsAddressable === null)).toBe(true);
  });

  test('refuses a spec of another CNI with a path: message and exit 1, printing nothing', () => {
    for (const file of ['examples/aks-podsubnet.yaml', 'examples/calico-vxlan.yaml']) {
      const r = cli('eks-addon-values', file);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^spec\.cni\.type: is (azure-cni|calico), but the EKS vpc-cni add-on values come from an aws-vpc-cni spec \(allowed: aws-vpc-cni\)\n$/);
    }
  });

  test('refuses nodeAgent false (the add-on always runs it) and invalid specs, exit 1', () => {
    const base = loadExample('eks-prefix-delegation.yaml');
    const noAgent = cli('eks-addon-values', writeSpec({ ...base, spec: { ...base.spec, cni: { ...base.spec.cni, nodeAgent: false, networkPolicy: { enabled: false } } } }));
    expect(noAgent.code).toBe(1);
    expect(noAgent.stderr).toMatch(/^spec\.cni\.nodeAgent: /);
    const trunkless = cli('eks-addon-values', writeSpec({ ...base, spec: { ...base.spec, cni: { ...base.spec.cni, podENI: true, nodeInstanceTypes: ['t3.large'] } } }));
    expect(trunkless.code).toBe(1);
    expect(trunkless.stdout).toBe('');
    expect(trunkless.stderr).toMatch(/^spec\.cni\.nodeInstanceTypes\[0\]: t3\.large cannot carry a trunk ENI/m);
  });

  test('is reproducible: the same spec prints the same bytes', () => {
    expect(cli('eks-addon-values', example).stdout).toBe(cli('eks-addon-values', example).stdout);
  });
});

describe('aks-network-profile', () => {
  const examples = ['aks-overlay-cilium.yaml', 'aks-podsubnet.yaml', 'aks-overlay-dual-stack.yaml'];

  test.each(examples)('%s: the networkProfile and agent pool the AKS stack passes to ManagedCluster', (file) => {
    const r = cli('aks-network-profile', `examples/${file}`);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    const plan = azureCniPlan(resolveClusterNetwork(loadExample(file)))!;
    expect(out.networkProfile).toEqual(plan.networkProfile);
    expect(out.agentPool).toEqual(plan.agentPool);
  });

  test('flags for overlay with Cilium', () => {
    const out = json(cli('aks-network-profile', 'examples/aks-overlay-cilium.yaml').stdout);
    const p = out.networkProfile;
    expect(out.azAksCreateFlags).toEqual([
      '--network-plugin azure',
      '--network-plugin-mode overlay',
      `--network-dataplane ${p.networkDataplane}`,
      `--network-policy ${p.networkPolicy}`,
      `--pod-cidr ${p.podCidr}`,
      `--service-cidr ${p.serviceCidr}`,
      `--dns-service-ip ${p.dnsServiceIP}`,
      `--max-pods ${out.agentPool.maxPods}`,
      '--vnet-subnet-id "$NODE_SUBNET_ID"',
    ]);
  });

  test('pod subnet: the pod subnet and allocation mode; no overlay flags', () => {
    const out = json(cli('aks-network-profile', 'examples/aks-podsubnet.yaml').stdout);
    expect(out.azAksCreateFlags).toContain('--pod-subnet-id "$POD_SUBNET_ID"');
    expect(out.azAksCreateFlags).toContain(`--pod-ip-allocation-mode ${out.agentPool.podIPAllocationMode}`);
    expect(out.azAksCreateFlags.some((f: string) => f.startsWith('--network-plugin-mode') || f.startsWith('--pod-cidr'))).toBe(false);
  });

  test('dual stack: the plural range flags in ipFamilies order', () => {
    const out = json(cli('aks-network-profile', 'examples/aks-overlay-dual-stack.yaml').stdout);
    const p = out.networkProfile;
    expect(out.azAksCreateFlags).toEqual(expect.arrayContaining(['--ip-families ipv4,ipv6', `--pod-cidrs ${p.podCidrs.join(',')}`, `--service-cidrs ${p.serviceCidrs.join(',')}`]));
    expect(out.azAksCreateFlags.some((f: string) => f.startsWith('--pod-cidr ') || f.startsWith('--service-cidr '))).toBe(false);
  });

  test('--format az prints the same flags as an az aks create command', () => {
    const r = cli('aks-network-profile', 'examples/aks-podsubnet.yaml', '--format', 'az');
    expect(r.code).toBe(0);
    const flags = json(cli('aks-network-profile', 'examples/aks-podsubnet.yaml').stdout).azAksCreateFlags as string[];
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual(['# NODE_SUBNET_ID: resource ID of the node subnet (10.240.0.0/24)', '# POD_SUBNET_ID: resource ID of the pod subnet (10.241.0.0/16)']);
    expect(lines.filter((l) => l.startsWith('  ')).map((l) => l.trim().replace(/ \\$/, ''))).toEqual(flags);
    expect(lines.find((l) => l.startsWith('az aks create'))).toBe('az aks create --resource-group "$RESOURCE_GROUP" --name "$CLUSTER_NAME" \\');
  });

  test('refuses other CNIs and self-managed Azure CNI with a path: message and exit 1, printing nothing', () => {
    const eks = cli('aks-network-profile', 'examples/eks-ipv6.yaml');
    expect([eks.code, eks.stdout, eks.stderr]).toEqual([1, '', 'spec.cni.type: is aws-vpc-cni, but the AKS networkProfile comes from an azure-cni spec (allowed: azure-cni)\n']);
    const selfManaged = cli('aks-network-profile', 'examples/azure-vnet-self-managed.yaml');
    expect([selfManaged.code, selfManaged.stdout]).toEqual([1, '']);
    expect(selfManaged.stderr).toMatch(/^spec\.cni\.platform: self-managed is for clusters the library manages itself/);
  });

  test('writes no files', () => {
    const dir = tempDir();
    const spec = writeSpec(loadExample('aks-podsubnet.yaml'), dir);
    cli('aks-network-profile', spec, '--format', 'az');
    expect(filesIn(dir)).toEqual(['network.yaml']);
  });
});

describeWithShellcheck('aks-network-profile --format az', () => {
  test.each(['aks-overlay-cilium.yaml', 'aks-podsubnet.yaml', 'aks-overlay-dual-stack.yaml'])('%s passes shellcheck', (file) => {
    const script = `#!/usr/bin/env bash\nset -euo pipefail\n${cli('aks-network-profile', `examples/${file}`, '--format', 'az').stdout}`;
    expect(shellcheck(script)).toBe('');
  });
});
