/** AWS VPC CNI: max pods (formula + table vs upstream), fidelity vs aws-k8s-cni.yaml, spec mapping, EKS add-on, checks. */
import { validateClusterNetwork } from '../src/spec/validate';
import { readFileSync } from 'node:fs';
import { App, Chart } from 'cdk8s';
import { AwsVpcCni } from '../src/cni/aws-vpc-cni/aws-vpc-cni';

import { eksVpcCniAddonConfiguration } from '../src/cni/aws-vpc-cni/eks-addon';
import { awsVpcCniSettings } from '../src/cni/aws-vpc-cni/settings';
import { awsEniConfigZones } from '../src/cni/aws-vpc-cni/checks';
import { instanceLimits, knownInstanceTypes, maxPods } from '../src/cni/aws-vpc-cni/max-pods';
import { awsNodeAddressUse, awsSubnetCapacity, awsSubnetNeed } from '../src/plan/aws-capacity';
import { Cidr } from '../src/plan/cidr';
import { renderPlan } from '../src/reports/plan';
import { resolveClusterNetwork } from '../src/spec/validate';
import { synthObjects } from '../src/synth';
import { cniModuleFor } from '../src/cni/registry';
import { cli } from './support/cli';
import { find, loadExample, synthExample } from './support/examples';
import { expectRejected, patched } from './support/reject';
import { describeWithReference, readReferenceYaml, referencePath } from './support/shared';
import { validateObjects } from './support/schema-validation';

const m5 = instanceLimits('m5.large')!;

/** Warnings validation reports for a spec, as `path: message` lines with their rule ids. */
const warningsOf = (doc: unknown) => validateClusterNetwork(doc).warnings.map((w) => ({ rule: w.rule, line: `${w.path}: ${w.message}` }));

describe('max pods (amazon-eks-ami max-pods-calculator formula)', () => {
  test('m5.large: 29 secondary, 110 with prefix delegation, 20 with custom networking', () => {
    expect(m5).toEqual({ enis: 3, ipv4PerEni: 10, vcpus: 2, nitro: true });
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: false, customNetworking: false })).toBe(29);
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: true, customNetworking: false })).toBe(110);
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: false, customNetworking: true })).toBe(20);
  });

  test('uncapped prefix delegation: 3 × 9 × 16 + 2 = 434; with custom networking 2 × 9 × 16 + 2 = 290', () => {
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: true, customNetworking: false, cap: false })).toBe(434);
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: true, customNetworking: true, cap: false })).toBe(290);
  });

  test('t3.medium: 17 secondary, 110 prefix (ANCHORS §1.4 worked example)', () => {
    expect(maxPods({ instanceType: 't3.medium', prefixDelegation: false, customNetworking: false })).toBe(17);
    expect(maxPods({ instanceType: 't3.medium', prefixDelegation: true, customNetworking: false, cap: false })).toBe(242);
    expect(maxPods({ instanceType: 't3.medium', prefixDelegation: true, customNetworking: false })).toBe(110);
  });

  test('more than 30 vCPUs caps at 250 instead of 110', () => {
    expect(instanceLimits('m5.8xlarge')?.vcpus).toBe(32);
    expect(maxPods({ instanceType: 'm5.8xlarge', prefixDelegation: true, customNetworking: false })).toBe(250);
    expect(maxPods({ instanceType: 'm5.4xlarge', prefixDelegation: true, customNetworking: false })).toBe(110);
    expect(maxPods({ instanceType: 'm5.24xlarge', prefixDelegation: false, customNetworking: false })).toBe(250); // 737 capped
  });

  test('prefix delegation on a non-Nitro type falls back to secondary IPs, as the calculator does', () => {
    expect(instanceLimits('t2.medium')?.nitro).toBe(false);
    expect(maxPods({ instanceType: 't2.medium', prefixDelegation: true, customNetworking: false })).toBe(17);
  });

  test('MAX_ENI caps the ENIs; user-supplied limits work for types outside the table', () => {
    expect(maxPods({ instanceType: 'm5.xlarge', prefixDelegation: false, customNetworking: false, maxEni: 2 })).toBe(30);
    expect(maxPods({ limits: { enis: 4, ipv4PerEni: 15, vcpus: 4, nitro: true }, prefixDelegation: false, customNetworking: false })).toBe(58);
    expect(() => maxPods({ instanceType: 'x9.huge', prefixDelegation: false, customNetworking: false })).toThrow(/unknown instance type "x9.huge"/);
    expect(instanceLimits('toString')).toBeUndefined();
  });
});

describe('max pods: ipamd corrections to the calculator', () => {
  test('security groups for pods keep an ENI slot for the trunk ENI (ipamd hasRoomForEni): m5.large 20, with custom networking 11', () => {
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: false, customNetworking: false, podEni: true })).toBe(20);
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: false, customNetworking: true, podEni: true })).toBe(11);
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: true, customNetworking: true, podEni: true, cap: false })).toBe(146);
  });

  test('IPv6: addresses never limit max pods, only the recommended cap applies', () => {
    expect(maxPods({ instanceType: 't3.micro', prefixDelegation: true, customNetworking: false, ipv6: true })).toBe(110);
    expect(maxPods({ instanceType: 'm5.8xlarge', prefixDelegation: true, customNetworking: false, ipv6: true })).toBe(250);
    expect(maxPods({ instanceType: 'm5.large', prefixDelegation: true, customNetworking: false, ipv6: true, cap: false })).toBe(Number.POSITIVE_INFINITY);
  });

  const spec = (cni: Record<string, unknown>, pods: Record<string, unknown> = {}) => ({
    apiVersion: 'cdk8s-cni.dev/v1alpha1',
    kind: 'ClusterNetwork',
    metadata: { name: 'sgp' },
    spec: {
      pods: { cidrs: ['10.0.0.0/17'], ...pods },
      nodes: { cidrs: ['10.0.0.0/16'], count: 3 },
      services: { cidrs: ['172.20.0.0/16'] },
      cni: { type: 'aws-vpc-cni', nodeInstanceTypes: ['m5.large'], ...cni },
    },
  });

  test('podENI: the kubelet default and the max-pods check count the trunk slot (29 was accepted before, and pods 21-29 got no address)', () => {
    const r = validateClusterNetwork(spec({ podENI: true }));
    expect(r.ok && r.network.spec.pods.maxPerNode).toBe(20);
    const line = expectRejected(spec({ podENI: true }, { maxPerNode: 29 }), 'spec.pods.maxPerNode');
    expect(line).toBe('spec.pods.maxPerNode: 29 is above the 20 pods a m5.large node can address (3 ENIs × 10 IPv4 each, secondary IPs, a trunk ENI slot) (allowed: at most 20)');
  });

  test('podENI with custom networking on a 2-ENI type leaves no ENI for pods', () => {
    const cn = { customNetworking: { enabled: true, eniConfigs: [{ name: 'us-west-2a', subnet: 'subnet-0a1b2c3d4e5f60001' }] }, podENI: true, nodeInstanceTypes: ['m6g.medium'] };
    const line = expectRejected(spec(cn, { maxPerNode: 2 }), 'spec.cni.nodeInstanceTypes[0]');
    expect(line).toBe(
      'spec.cni.nodeInstanceTypes[0]: m6g.medium has 2 ENI(s) and leaves no ENI for pods (custom networking: the primary ENI carries none; security groups for pods: ipamd keeps a slot for the trunk ENI) (allowed: a type with at least 3 ENIs)',
    );
  });
});

describe('aws-node start-up checks (cmd/aws-vpc-cni/main.go validateEnvVars)', () => {
  const pd = loadExample('eks-prefix-delegation.yaml');

  test.each(['eth', 'lo', 'vlan'])('vethPrefix %s is reserved: aws-node exits', (vethPrefix) => {
    const line = expectRejected(patched(pd, { spec: { cni: { vethPrefix } } }), 'spec.cni.vethPrefix');
    expect(line).toBe(`spec.cni.vethPrefix: "${vethPrefix}" is reserved: aws-node exits at start-up for eth, lo and vlan (allowed: another prefix of at most 4 characters, e.g. the default eni)`);
  });

  test('vethPrefix: a prefix of a reserved name is fine (upstream compares whole values); longer than 4 is a shape error', () => {
    expect(validateClusterNetwork(patched(pd, { spec: { cni: { vethPrefix: 'et' } } })).ok).toBe(true);
    expectRejected(patched(pd, { spec: { cni: { vethPrefix: 'ethx0' } } }), 'spec.cni.vethPrefix');
  });

  test('prefix delegation with warmPrefixTarget 0 needs warmIPTarget or minimumIPTarget above 0', () => {
    const zero = patched(pd, { spec: { cni: { prefixDelegation: { enabled: true, warmPrefixTarget: 0 } } } });
    const line = expectRejected(zero, 'spec.cni.prefixDelegation.warmPrefixTarget');
    expect(line).toBe(
      'spec.cni.prefixDelegation.warmPrefixTarget: is 0 with prefix delegation on and neither spec.cni.warmIPTarget nor spec.cni.minimumIPTarget above 0, so aws-node exits at start-up (allowed: at least 1, or warmIPTarget / minimumIPTarget above 0)',
    );
    // WARM_IP_TARGET 0 is unset for aws-node too.
    expectRejected(patched(zero, { spec: { cni: { warmIPTarget: 0 } } }), 'spec.cni.prefixDelegation.warmPrefixTarget');
    expect(validateClusterNetwork(patched(zero, { spec: { cni: { warmIPTarget: 5 } } })).ok).toBe(true);
    expect(validateClusterNetwork(patched(zero, { spec: { cni: { minimumIPTarget: 32, warmIPTarget: 1 } } })).ok).toBe(true);
    // Without prefix delegation the check does not apply.
    expect(validateClusterNetwork(patched(zero, { spec: { cni: { prefixDelegation: { enabled: false, warmPrefixTarget: 0 } }, pods: { maxPerNode: 29 } } })).ok).toBe(true);
  });
});

describe('MINIMUM_IP_TARGET without WARM_IP_TARGET (README note 2, ipamd datastoreTargetState)', () => {
  const base = loadExample('eks-prefix-delegation.yaml');
  const secondary = patched(base, { spec: { pods: { maxPerNode: 29 }, cni: { prefixDelegation: { enabled: false }, nodeInstanceTypes: ['m5.large'] } } });

  test('a warning with the numbers: ipamd stops at the minimum, the other pods get no address', () => {
    const spec = patched(secondary, { spec: { cni: { minimumIPTarget: 10 } } });
    expect(validateClusterNetwork(spec).ok).toBe(true);
    expect(warningsOf(spec)).toContainEqual({
      rule: 'aws-vpc-cni/minimum-ip-target-without-warm',
      line: 'spec.cni.minimumIPTarget: 10 without spec.cni.warmIPTarget: ipamd stops at 10 pod addresses per m5.large node, so only 12 of its 29 pods (spec.pods.maxPerNode 29) get an address (set warmIPTarget to at least 1, or minimumIPTarget to at least 27)',
    });
    // warmIPTarget 0 is unset, as in ipamd.
    expect(warningsOf(patched(spec, { spec: { cni: { warmIPTarget: 0 } } })).map((w) => w.rule)).toContain('aws-vpc-cni/minimum-ip-target-without-warm');
  });

  test('no warning with warmIPTarget, or a minimum that covers the pods', () => {
    expect(warningsOf(patched(secondary, { spec: { cni: { minimumIPTarget: 10, warmIPTarget: 2 } } })).map((w) => w.rule)).not.toContain('aws-vpc-cni/minimum-ip-target-without-warm');
    expect(warningsOf(patched(secondary, { spec: { cni: { minimumIPTarget: 27 } } })).map((w) => w.rule)).not.toContain('aws-vpc-cni/minimum-ip-target-without-warm');
  });

  test('prefix delegation: the minimum rounds up to whole /28s (ceil(40 / 16) = 3 prefixes = 48 addresses)', () => {
    const spec = patched(base, { spec: { cni: { minimumIPTarget: 40, nodeInstanceTypes: ['m5.large'] } } });
    expect(warningsOf(spec).find((w) => w.rule === 'aws-vpc-cni/minimum-ip-target-without-warm')?.line).toBe(
      'spec.cni.minimumIPTarget: 40 without spec.cni.warmIPTarget: ipamd stops at 48 pod addresses per m5.large node, so only 50 of its 110 pods (spec.pods.maxPerNode 110) get an address (set warmIPTarget to at least 1, or minimumIPTarget to at least 108)',
    );
  });
});

describe('eks-ipv6 example (ENABLE_IPv6, prefix delegation)', () => {
  const objs = synthExample('eks-ipv6.yaml');
  const ds = find(objs, 'DaemonSet', 'aws-node');
  const envOf = (c: any) => Object.fromEntries((c.env ?? []).filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
  const ipv6 = loadExample('eks-ipv6.yaml');

  test('aws-node env: ENABLE_IPv6 true, ENABLE_IPv4 false, prefix delegation; the init container sets the IPv6 sysctls; the node agent runs with --enable-ipv6', () => {
    expect(envOf(ds.spec.template.spec.containers[0])).toMatchObject({ ENABLE_IPv6: 'true', ENABLE_IPv4: 'false', ENABLE_PREFIX_DELEGATION: 'true' });
    expect(envOf(ds.spec.template.spec.initContainers[0])).toEqual({ DISABLE_TCP_EARLY_DEMUX: 'false', ENABLE_IPv6: 'true' });
    const agent = ds.spec.template.spec.containers.find((c: any) => c.name === 'aws-eks-nodeagent');
    expect(agent.args).toContain('--enable-ipv6=true');
    expect(agent.args).toContain('--enable-network-policy=true');
  });

  test('valid without warnings; max pods is the recommended cap (addresses never limit it); no subnet headroom to check', () => {
    const r = validateClusterNetwork(ipv6);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([]);
    const plan = renderPlan(resolveClusterNetwork(ipv6));
    expect(plan).toContain('| m5.large | 3 | 10 | 2 | yes | n/a | 110 | **110** (addresses unlimited) |');
    expect(plan).toContain('each node takes one /80 prefix from its /64 subnet');
    const r2 = validateClusterNetwork(patched(ipv6, { spec: { pods: { maxPerNode: undefined } } }));
    expect(r2.ok && r2.network.spec.pods.maxPerNode).toBe(110);
  });

  test('EKS add-on configurationValues carry the IPv6 env', () => {
    const c = eksVpcCniAddonConfiguration(resolveClusterNetwork(ipv6)) as { env: Record<string, string>; init: { env: Record<string, string> } };
    expect(c.env).toMatchObject({ ENABLE_IPv6: 'true', ENABLE_IPv4: 'false', ENABLE_PREFIX_DELEGATION: 'true' });
    expect(c.init.env.ENABLE_IPv6).toBe('true');
  });

  test('ipamd isConfigValid: prefix delegation required, custom networking refused, non-Nitro types refused', () => {
    expect(expectRejected(patched(ipv6, { spec: { cni: { prefixDelegation: { enabled: false } } } }), 'spec.cni.prefixDelegation.enabled')).toBe(
      'spec.cni.prefixDelegation.enabled: is false but ipFamilies is [IPv6], and ipamd supports IPv6 only in prefix delegation mode (allowed: true)',
    );
    const cn = { customNetworking: { enabled: true, eniConfigs: [{ name: 'us-west-2a', subnet: 'subnet-0a1b2c3d4e5f60001' }] } };
    expectRejected(patched(ipv6, { spec: { cni: cn } }), 'spec.cni.customNetworking.enabled');
    expect(expectRejected(patched(ipv6, { spec: { cni: { nodeInstanceTypes: ['m5.large', 'm4.large'] } } }), 'spec.cni.nodeInstanceTypes[1]')).toBe(
      'spec.cni.nodeInstanceTypes[1]: m4.large is not a Nitro instance type; with IPv6 ipamd refuses it ("IPv6 is only supported in Prefix delegation Mode") (allowed: Nitro types such as m5.large)',
    );
  });

  test('security groups for pods are accepted with IPv6 (v1.23.1 isConfigValid no longer refuses them) and do not lower max pods', () => {
    const r = validateClusterNetwork(patched(ipv6, { spec: { pods: { maxPerNode: undefined }, cni: { podENI: true } } }));
    expect(r.ok && r.network.spec.pods.maxPerNode).toBe(110);
  });

  test('warm targets and MAX_ENI are ignored by ipamd in IPv6 mode: a warning each', () => {
    const w = warningsOf(patched(ipv6, { spec: { cni: { warmIPTarget: 5, maxENI: 2 } } }));
    expect(w).toEqual([
      { rule: 'aws-vpc-cni/ipv6-ignores-warm-targets', line: 'spec.cni.warmIPTarget: spec.cni.warmIPTarget has no effect with ipFamilies [IPv6]: ipamd ignores it (the /80 prefix on the primary ENI serves every pod)' },
      { rule: 'aws-vpc-cni/ipv6-ignores-warm-targets', line: 'spec.cni.maxENI: spec.cni.maxENI has no effect with ipFamilies [IPv6]: ipamd ignores it (the /80 prefix on the primary ENI serves every pod)' },
    ]);
  });

  test('EKS picks the IPv6 service range from fc00::/7: another range is a warning', () => {
    expect(warningsOf(patched(ipv6, { spec: { services: { cidrs: ['2600:1f14:abc:ff00::/108'] } } }))).toContainEqual({
      rule: 'aws-vpc-cni/eks-service-range',
      line: 'spec.services.cidrs[0]: on EKS, 2600:1f14:abc:ff00::/108 is not accepted: EKS assigns IPv6 service addresses itself from fc00::/7; use the range it assigned (kubernetesNetworkConfig.serviceIpv6Cidr) (fine for a self-managed cluster)',
    });
  });
});

describeWithReference('instance table vs upstream (instance-networking-limits.tsv, eni-max-pods.txt)', () => {
  const tsv = new Map<string, string[]>();
  for (const line of readFileSync(referencePath('aws-vpc-cni', 'instance-networking-limits.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('instanceType')) continue;
    const f = line.split('\t');
    tsv.set(f[0], f);
  }
  const eniMaxPods = new Map<string, number>();
  for (const line of readFileSync(referencePath('aws-vpc-cni', 'eni-max-pods.txt'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [type, n] = line.trim().split(/\s+/);
    eniMaxPods.set(type, Number(n));
  }

  test('the table covers the common current families', () => {
    expect(knownInstanceTypes().length).toBeGreaterThan(150);
    for (const t of ['m5.large', 'm6i.large', 'm7i.large', 'm7g.large', 'c6i.large', 'c7g.large', 'r6i.large', 'r7i.large', 't3.medium', 't4g.medium']) {
      expect(instanceLimits(t)).toBeDefined();
    }
  });

  test.each(knownInstanceTypes())('%s: ENIs, IPv4 per ENI and Nitro equal upstream; uncapped secondary max pods equals eni-max-pods.txt', (type) => {
    const l = instanceLimits(type)!;
    const row = tsv.get(type);
    expect(row).toBeDefined();
    expect([l.enis, l.ipv4PerEni, l.nitro]).toEqual([Number(row![1]), Number(row![2]), row![6] === 'nitro']);
    expect(maxPods({ instanceType: type, prefixDelegation: false, customNetworking: false, cap: false })).toBe(eniMaxPods.get(type));
  });
});

describeWithReference('fidelity: AwsVpcCni (defaults) vs aws-k8s-cni.yaml v1.23.1', () => {
  const ref = readReferenceYaml('aws-vpc-cni', 'aws-k8s-cni.yaml');
  const app = new App();
  const crds = new Chart(app, 'crds');
  const chart = new Chart(app, 'cni');
  new AwsVpcCni(chart, 'aws', { crdScope: crds });
  const ours = [...crds.toJson(), ...chart.toJson()];
  const refDs = find(ref, 'DaemonSet', 'aws-node');
  const ds = find(ours, 'DaemonSet', 'aws-node');
  const byName = (list: any[]) => Object.fromEntries(list.map((x) => [x.name, x]));

  test('same objects (kind/name), in the same order', () => {
    expect(ours.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(ref.map((o) => `${o.kind}/${o.metadata.name}`));
  });

  test('DaemonSet: identical spec (images, env, args, probes, volumes, securityContext, tolerations, affinity)', () => {
    expect(ds.spec).toEqual(refDs.spec);
    expect(ds.metadata).toEqual(refDs.metadata);
  });

  test('images', () => {
    const images = [...ds.spec.template.spec.initContainers, ...ds.spec.template.spec.containers].map((c: any) => c.image);
    expect(images).toEqual([
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.23.1',
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.23.1',
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.4.2',
    ]);
  });

  test('env of aws-node and the init container', () => {
    const c = byName(ds.spec.template.spec.containers)['aws-node'];
    const r = byName(refDs.spec.template.spec.containers)['aws-node'];
    expect(c.env).toEqual(r.env);
    expect(ds.spec.template.spec.initContainers[0].env).toEqual(refDs.spec.template.spec.initContainers[0].env);
  });

  test('RBAC rules, ServiceAccount and ConfigMap equal upstream', () => {
    expect(find(ours, 'ClusterRole', 'aws-node').rules).toEqual(find(ref, 'ClusterRole', 'aws-node').rules);
    expect(find(ours, 'ClusterRoleBinding', 'aws-node')).toEqual(find(ref, 'ClusterRoleBinding', 'aws-node'));
    expect(find(ours, 'ServiceAccount', 'aws-node')).toEqual(find(ref, 'ServiceAccount', 'aws-node'));
    expect(find(ours, 'ConfigMap', 'amazon-vpc-cni')).toEqual(find(ref, 'ConfigMap', 'amazon-vpc-cni'));
  });

  test('ENIConfig CRD equals upstream exactly (generated data, emitted by the common CustomResourceDefinitions)', () => {
    const crd = 'eniconfigs.crd.k8s.amazonaws.com';
    expect(find(ours, 'CustomResourceDefinition', crd)).toEqual(find(ref, 'CustomResourceDefinition', crd));
  });

  test('PolicyEndpoint and ClusterPolicyEndpoint CRDs equal the controller CRDs exactly', () => {
    const a = new App();
    const c = new Chart(a, 'pe');
    new AwsVpcCni(c, 'aws', { policyEndpointCrds: true });
    const objs = c.toJson();
    const pe = readReferenceYaml('aws-vpc-cni', 'policyendpoints-crd.yaml')[0];
    const cpe = readReferenceYaml('aws-vpc-cni', 'clusterpolicyendpoints-crd.yaml')[0];
    expect(objs.filter((o: any) => o.kind === 'CustomResourceDefinition').map((o: any) => o.metadata.name)).toEqual([
      'eniconfigs.crd.k8s.amazonaws.com',
      pe.metadata.name,
      cpe.metadata.name,
    ]);
    expect(find(objs, 'CustomResourceDefinition', pe.metadata.name)).toEqual(pe);
    expect(find(objs, 'CustomResourceDefinition', cpe.metadata.name)).toEqual(cpe);
  });
});

describeWithReference('fidelity: the spec default path (what the CLI emits) vs aws-k8s-cni.yaml v1.23.1', () => {
  const ref = readReferenceYaml('aws-vpc-cni', 'aws-k8s-cni.yaml');
  // A minimal spec: no nodes.mtu (9001 from the CNI), no cni settings (node agent on, network policy off).
  const minimal = {
    apiVersion: 'cdk8s-cni.dev/v1alpha1' as const,
    kind: 'ClusterNetwork' as const,
    metadata: { name: 'eks' },
    spec: { pods: { cidrs: ['10.0.0.0/16'] }, nodes: { cidrs: ['10.0.0.0/16'] }, cni: { type: 'aws-vpc-cni' as const } },
  };
  const ours = synthObjects(minimal);

  test('identical objects: no intended differences (AWS_VPC_ENI_MTU 9001, the node agent with its env and bpf volume)', () => {
    // Intended differences: none. Objects are matched by kind/name, in upstream's order.
    expect(ours.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(ref.map((o) => `${o.kind}/${o.metadata.name}`));
    for (const r of ref) expect(find(ours, r.kind, r.metadata.name)).toEqual(r);
  });

  test('explicit assertions on what the review found missing', () => {
    const ds = find(ours, 'DaemonSet', 'aws-node');
    const env = Object.fromEntries(ds.spec.template.spec.containers[0].env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
    expect(env.AWS_VPC_ENI_MTU).toBe('9001');
    expect(env.NETWORK_POLICY_ENFORCING_MODE).toBe('standard');
    expect(ds.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['aws-node', 'aws-eks-nodeagent']);
    expect(ds.spec.template.spec.containers[1].args).toContain('--enable-network-policy=false');
    expect(ds.spec.template.spec.volumes.map((v: any) => v.name)).toContain('bpf-pin-path');
    const n = resolveClusterNetwork(minimal);
    expect(n.spec.nodes.mtu).toBe(9001);
    expect((eksVpcCniAddonConfiguration(n).env as Record<string, string>).AWS_VPC_ENI_MTU).toBe('9001');
  });
});

describe('eks-prefix-delegation example', () => {
  const objs = synthExample('eks-prefix-delegation.yaml');
  const ds = find(objs, 'DaemonSet', 'aws-node');
  const env = Object.fromEntries(ds.spec.template.spec.containers[0].env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));

  test('objects: CRDs first (ENIConfig, PolicyEndpoint, ClusterPolicyEndpoint), then aws-node', () => {
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'CustomResourceDefinition/eniconfigs.crd.k8s.amazonaws.com',
      'CustomResourceDefinition/policyendpoints.networking.k8s.aws',
      'CustomResourceDefinition/clusterpolicyendpoints.networking.k8s.aws',
      'ServiceAccount/aws-node',
      'ConfigMap/amazon-vpc-cni',
      'ClusterRole/aws-node',
      'ClusterRoleBinding/aws-node',
      'DaemonSet/aws-node',
    ]);
  });

  test('prefix delegation env, MTU from spec.nodes.mtu, network policy on', () => {
    expect(env).toMatchObject({
      ENABLE_PREFIX_DELEGATION: 'true',
      WARM_PREFIX_TARGET: '1',
      WARM_ENI_TARGET: '1',
      AWS_VPC_ENI_MTU: '9001',
      AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'false',
      NETWORK_POLICY_ENFORCING_MODE: 'standard',
      VPC_CNI_VERSION: 'v1.23.1',
    });
    expect(env.WARM_IP_TARGET).toBeUndefined();
    const agent = ds.spec.template.spec.containers.find((c: any) => c.name === 'aws-eks-nodeagent');
    expect(agent.args).toContain('--enable-network-policy=true');
    expect(find(objs, 'ConfigMap', 'amazon-vpc-cni').data['enable-network-policy-controller']).toBe('true');
  });

  test('no node-to-node ports (VPC-routed, no encapsulation), routed natively, a prefix-delegation ordering warning', () => {
    const n = resolveClusterNetwork(loadExample('eks-prefix-delegation.yaml'));
    const m = cniModuleFor('aws-vpc-cni');
    expect(m.nodeTraffic(n)).toEqual([]);
    expect(m.routesNatively?.(n)).toBe(true);
    expect(m.podAddressing(n)).toBe('underlay');
    expect(warningsOf(loadExample('eks-prefix-delegation.yaml'))).toEqual([
      {
        rule: 'aws-vpc-cni/prefix-delegation-existing-nodes',
        line: 'spec.cni.prefixDelegation.enabled: prefix delegation must be on before node groups are created; nodes launched earlier keep the secondary-IP max pods (e.g. 29 on m5.large). Set the vpc-cni add-on before compute.',
      },
    ]);
    expect(n.spec.pods.maxPerNode).toBe(110);
  });

  test('plan prints max pods per instance type and the subnet headroom', () => {
    const r = cli('plan', 'examples/eks-prefix-delegation.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Max pods per instance type');
    expect(r.stdout).toContain('| m5.large | 3 | 10 | 2 | yes | 29 | 110 | **110** (formula 434) |');
    expect(r.stdout).toContain('## Subnet headroom');
    // 108 pod IPs → 7 prefixes + 1 warm = 8 × 16 + 1 ENI primary = 129 per node. 30 nodes: 240 prefixes, and of the 30
    // ENI primaries 27 fit the free addresses of the edge /28s, 3 take one more /28 → 241 × 16 = 3,856 of 32,736;
    // worst case each primary spoils a /28: 30 × 9 × 16 = 4,320.
    expect(r.stdout).toContain('| m5.large | 110 | 1 | 129 | 3,856 | 28,880 | 4,320 | 28,416 | 253 |');
  });
});

describe('eks-custom-networking example', () => {
  const objs = synthExample('eks-custom-networking.yaml');
  const ds = find(objs, 'DaemonSet', 'aws-node');
  const env = Object.fromEntries(ds.spec.template.spec.containers[0].env.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));

  test('one ENIConfig per zone, after the CRD, validated against the CRD', () => {
    const eni = objs.filter((o) => o.kind === 'ENIConfig');
    expect(eni.map((o) => o.metadata.name)).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect((eni[1] as any).spec).toEqual({ securityGroups: ['sg-0a1b2c3d4e5f60001'], subnet: 'subnet-0a1b2c3d4e5f60002' });
    expect(objs.findIndex((o) => o.kind === 'CustomResourceDefinition')).toBeLessThan(objs.findIndex((o) => o.kind === 'ENIConfig'));
    expect(validateObjects(eni)).toEqual([]);
  });

  test('custom networking env; explicit false is written, not dropped', () => {
    expect(env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG).toBe('true');
    expect(env.ENI_CONFIG_LABEL_DEF).toBe('topology.kubernetes.io/zone');
    expect(env.AWS_VPC_CNI_NODE_PORT_SUPPORT).toBe('false');
    expect(env.AWS_VPC_K8S_CNI_EXTERNALSNAT).toBe('false');
  });

  test('network policy off: the node agent still runs (as upstream and the EKS add-on) with --enable-network-policy=false; no PolicyEndpoint CRDs', () => {
    expect(ds.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['aws-node', 'aws-eks-nodeagent']);
    expect(ds.spec.template.spec.containers[1].args).toContain('--enable-network-policy=false');
    expect(ds.spec.template.spec.volumes.map((v: any) => v.name)).toContain('bpf-pin-path');
    expect(env.NETWORK_POLICY_ENFORCING_MODE).toBe('standard');
    expect(objs.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name)).toEqual(['eniconfigs.crd.k8s.amazonaws.com']);
  });

  test('spec.cni.nodeAgent false opts out: no agent container, no bpf volume, no NETWORK_POLICY_ENFORCING_MODE', () => {
    const off = synthObjects(patched(loadExample('eks-custom-networking.yaml'), { spec: { cni: { nodeAgent: false } } }));
    const d = find(off, 'DaemonSet', 'aws-node');
    expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['aws-node']);
    expect(d.spec.template.spec.volumes.map((v: any) => v.name)).not.toContain('bpf-pin-path');
    expect(d.spec.template.spec.containers[0].env.map((e: any) => e.name)).not.toContain('NETWORK_POLICY_ENFORCING_MODE');
    const n = resolveClusterNetwork(patched(loadExample('eks-custom-networking.yaml'), { spec: { cni: { nodeAgent: false } } }));
    expect(() => eksVpcCniAddonConfiguration(n)).toThrow(/always runs the node agent/);
  });

  test('EKS add-on configurationValues', () => {
    const n = resolveClusterNetwork(loadExample('eks-custom-networking.yaml'));
    expect(eksVpcCniAddonConfiguration(n)).toEqual({
      env: {
        AWS_VPC_CNI_NODE_PORT_SUPPORT: 'false',
        AWS_VPC_ENI_MTU: '9001',
        AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true',
        AWS_VPC_K8S_CNI_EXTERNALSNAT: 'false',
        AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'prng',
        AWS_VPC_K8S_CNI_VETHPREFIX: 'eni',
        ENABLE_POD_ENI: 'false',
        ENABLE_PREFIX_DELEGATION: 'false',
        ENI_CONFIG_LABEL_DEF: 'topology.kubernetes.io/zone',
        NETWORK_POLICY_ENFORCING_MODE: 'standard',
        WARM_ENI_TARGET: '1',
        WARM_PREFIX_TARGET: '1',
      },
      init: { env: { DISABLE_TCP_EARLY_DEMUX: 'false', ENABLE_IPv6: 'false' } },
      enableNetworkPolicy: 'false',
      eniConfig: {
        create: true,
        subnets: {
          'us-west-2a': { id: 'subnet-0a1b2c3d4e5f60001', securityGroups: ['sg-0a1b2c3d4e5f60001'] },
          'us-west-2b': { id: 'subnet-0a1b2c3d4e5f60002', securityGroups: ['sg-0a1b2c3d4e5f60001'] },
          'us-west-2c': { id: 'subnet-0a1b2c3d4e5f60003', securityGroups: ['sg-0a1b2c3d4e5f60001'] },
        },
      },
    });
  });

  test('plan: 20 max pods on m5.large with custom networking; headroom over the ENIConfig subnets', () => {
    const plan = renderPlan(resolveClusterNetwork(loadExample('eks-custom-networking.yaml')));
    expect(plan).toContain('| m5.large | 3 | 10 | 2 | yes | 20 | 110 | **20** (formula 20) |');
    expect(plan).toContain('they offer 49,137 addresses');
    expect(plan).toContain('| 100.64.64.0/18 | 16,379 | 20 | m5.large | 400 | 15,979 |');
  });
});

describe('spec → env: every setting maps to its env var', () => {
  const base = loadExample('eks-prefix-delegation.yaml');
  const envOf = (cni: Record<string, unknown>) => {
    const ds = find(synthObjects(patched(base, { spec: { cni, pods: { maxPerNode: 20 } } })), 'DaemonSet', 'aws-node');
    const all = [...ds.spec.template.spec.initContainers, ...ds.spec.template.spec.containers].flatMap((c: any) => c.env ?? []);
    return Object.fromEntries(all.filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
  };

  test('non-default values', () => {
    expect(
      envOf({
        warmENITarget: 0,
        warmIPTarget: 5,
        minimumIPTarget: 10,
        maxENI: 3,
        podENI: true,
        podSecurityGroupEnforcingMode: 'standard',
        disableTcpEarlyDemux: true,
        externalSNAT: true,
        excludeSnatCIDRs: ['192.168.0.0/16', '172.16.0.0/12'],
        randomizeSNAT: 'none',
        vethPrefix: 'pod',
        networkPolicy: { enabled: true, enforcingMode: 'strict' },
        prefixDelegation: { enabled: false, warmPrefixTarget: 0 },
      }),
    ).toMatchObject({
      WARM_ENI_TARGET: '0',
      WARM_IP_TARGET: '5',
      MINIMUM_IP_TARGET: '10',
      MAX_ENI: '3',
      ENABLE_POD_ENI: 'true',
      POD_SECURITY_GROUP_ENFORCING_MODE: 'standard',
      DISABLE_TCP_EARLY_DEMUX: 'true',
      AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true',
      AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: '192.168.0.0/16,172.16.0.0/12',
      AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'none',
      AWS_VPC_K8S_CNI_VETHPREFIX: 'pod',
      NETWORK_POLICY_ENFORCING_MODE: 'strict',
      ENABLE_PREFIX_DELEGATION: 'false',
      WARM_PREFIX_TARGET: '0',
    });
  });

  test('SNAT exclusions are written in canonical form (parsed, not passed through as text)', () => {
    const n = resolveClusterNetwork(patched(base, { spec: { cni: { excludeSnatCIDRs: ['172.16.0.0/12'] } } }));
    // Validation rejects host bits; the mapping itself still writes what it parsed.
    const raw = { ...n, spec: { ...n.spec, cni: { ...n.spec.cni, excludeSnatCIDRs: ['172.16.1.2/12', '192.168.0.0/16'] } } } as typeof n;
    expect(awsVpcCniSettings(raw as any).excludeSnatCidrs).toEqual(['172.16.0.0/12', '192.168.0.0/16']);
  });

  test('an EKS service range outside /12-/24 in RFC 1918 gives a warning (self-managed clusters may use it)', () => {
    expect(warningsOf(patched(base, { spec: { services: { cidrs: ['100.64.0.0/16'] } } }))).toContainEqual({
      rule: 'aws-vpc-cni/eks-service-range',
      line: 'spec.services.cidrs[0]: on EKS, 100.64.0.0/16 is not accepted: kubernetesNetworkConfig.serviceIpv4Cidr must be /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (fine for a self-managed cluster)',
    });
    expect(warningsOf(base).map((w) => w.rule)).not.toContain('aws-vpc-cni/eks-service-range');
  });

  test('imageRegistry mirrors every image (e.g. another ECR region)', () => {
    const objs = synthObjects(patched(base, { spec: { cni: { imageRegistry: '602401143452.dkr.ecr.eu-west-1.amazonaws.com' } } }));
    const images = find(objs, 'DaemonSet', 'aws-node').spec.template.spec.containers.map((c: any) => c.image);
    expect(images).toEqual([
      '602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.23.1',
      '602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon/aws-network-policy-agent:v1.4.2',
    ]);
  });

  test('argoSyncWaves: CRDs -1, ENIConfigs 1, the rest 0', () => {
    const objs = synthObjects(loadExample('eks-custom-networking.yaml'), { argoSyncWaves: true });
    const wave = (o: any) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
    expect(wave(find(objs, 'CustomResourceDefinition', 'eniconfigs.crd.k8s.amazonaws.com'))).toBe('-1');
    expect(wave(find(objs, 'ENIConfig', 'us-west-2a'))).toBe('1');
    expect(wave(find(objs, 'DaemonSet', 'aws-node'))).toBe('0');
  });
});

describe('subnet use per node', () => {
  const base = { prefixDelegation: false, customNetworking: false, warmEniTarget: 1, warmPrefixTarget: 1 };
  test('secondary IPs, warm ENI: 27 pod IPs fill 3 ENIs → 30 addresses', () => {
    expect(awsNodeAddressUse(m5, 29, base)).toEqual({ maxPods: 29, pods: 29, addressedPods: 29, enis: 3, prefixes: 0, singles: 30, addresses: 30 });
  });
  test('secondary IPs, 10 pods: 1 ENI + 1 warm ENI → 20 addresses', () => {
    expect(awsNodeAddressUse(m5, 10, base)).toEqual({ maxPods: 29, pods: 10, addressedPods: 10, enis: 2, prefixes: 0, singles: 20, addresses: 20 });
  });
  test('WARM_IP_TARGET 2: 8 pod IPs + 2 warm + 2 ENI primaries = 12 addresses', () => {
    expect(awsNodeAddressUse(m5, 10, { ...base, warmIpTarget: 2 }).addresses).toBe(10 + 2);
  });
  test('WARM_IP_TARGET 0 is unset, as ipamd reads it: the warm ENI target applies', () => {
    expect(awsNodeAddressUse(m5, 10, { ...base, warmIpTarget: 0 })).toEqual(awsNodeAddressUse(m5, 10, base));
    expect(awsNodeAddressUse(m5, 10, { ...base, warmIpTarget: 0, minimumIpTarget: 0 })).toEqual(awsNodeAddressUse(m5, 10, base));
  });
  test('MINIMUM_IP_TARGET without WARM_IP_TARGET: the pool stops at the minimum, pods beyond it get no address', () => {
    // 10 secondary IPs on 2 ENIs (9 + 1) + 2 primaries; 10 pod addresses + 2 host-network pods = 12 of 29 pods.
    expect(awsNodeAddressUse(m5, 29, { ...base, minimumIpTarget: 10 })).toEqual({ maxPods: 29, pods: 29, addressedPods: 12, enis: 2, prefixes: 0, singles: 12, addresses: 12 });
    expect(awsNodeAddressUse(m5, 29, { ...base, minimumIpTarget: 10, warmIpTarget: 0 }).addressedPods).toBe(12);
    // With WARM_IP_TARGET the pool follows the pods: every pod gets an address.
    expect(awsNodeAddressUse(m5, 29, { ...base, minimumIpTarget: 10, warmIpTarget: 1 }).addressedPods).toBe(29);
    // Prefix delegation: ceil(10 / 16) = 1 prefix → 16 pod addresses + 2 = 18 of 110 pods.
    expect(awsNodeAddressUse(m5, 110, { ...base, prefixDelegation: true, minimumIpTarget: 10 })).toMatchObject({ addressedPods: 18, prefixes: 1, singles: 1 });
  });
  test('security groups for pods: one ENI slot is kept for the trunk ENI (m5.large: 2 ENIs for pods)', () => {
    expect(awsNodeAddressUse(m5, 29, { ...base, podEni: true })).toMatchObject({ maxPods: 20, pods: 20, enis: 2, addresses: 20 });
  });
  describe('prefix delegation (m5.large: 3 ENIs × 9 prefix slots)', () => {
    const pd = { ...base, prefixDelegation: true };
    // 110 pods → 108 pod IPs → ceil(108 / 16) = 7 prefixes, + WARM_PREFIX_TARGET; one ENI holds up to 9 prefixes.
    test.each([
      [0, { maxPods: 110, pods: 110, enis: 1, addresses: 7 * 16 + 1 }],
      [1, { maxPods: 110, pods: 110, enis: 1, addresses: 8 * 16 + 1 }],
      [2, { maxPods: 110, pods: 110, enis: 1, addresses: 9 * 16 + 1 }],
      [3, { maxPods: 110, pods: 110, enis: 2, addresses: 10 * 16 + 2 }],
    ])('WARM_PREFIX_TARGET %d', (warmPrefixTarget, use) => {
      expect(awsNodeAddressUse(m5, 110, { ...pd, warmPrefixTarget })).toMatchObject(use);
    });
    test('WARM_IP_TARGET 20 replaces the warm prefixes: ceil((108 + 20) / 16) = 8 prefixes; MINIMUM_IP_TARGET 200 → 13 prefixes on 2 ENIs', () => {
      expect(awsNodeAddressUse(m5, 110, { ...pd, warmIpTarget: 20 })).toMatchObject({ maxPods: 110, pods: 110, enis: 1, addresses: 8 * 16 + 1 });
      // MINIMUM_IP_TARGET without WARM_IP_TARGET: the 13 prefixes hold 208 addresses, more than the 108 pods need.
      expect(awsNodeAddressUse(m5, 110, { ...pd, minimumIpTarget: 200 })).toEqual({ maxPods: 110, pods: 110, addressedPods: 110, enis: 2, prefixes: 13, singles: 2, addresses: 13 * 16 + 2 });
    });
    test('custom networking: the same prefixes, on secondary ENIs only (max pods 2 × 9 × 16 + 2 = 290, capped 110)', () => {
      expect(awsNodeAddressUse(m5, 110, { ...pd, customNetworking: true })).toMatchObject({ maxPods: 110, pods: 110, enis: 1, addresses: 8 * 16 + 1 });
    });
    test('MAX_ENI below what the pods need: the prefixes are capped by the ENIs that may hold them', () => {
      // 30 warm prefixes want 4 ENIs; MAX_ENI 2 leaves 2 × 9 = 18 prefix slots.
      expect(awsNodeAddressUse(m5, 110, { ...pd, warmPrefixTarget: 30, maxEni: 2 })).toMatchObject({ maxPods: 110, pods: 110, enis: 2, addresses: 18 * 16 + 2 });
      // Custom networking with MAX_ENI 1 leaves no ENI for pods: nothing is held (validation rejects this spec).
      expect(awsNodeAddressUse(m5, 110, { ...pd, customNetworking: true, maxEni: 1 })).toMatchObject({ enis: 0, addresses: 0 });
    });
  });
  test('subnet capacity: size − 5, or whole /28 blocks minus the first and last', () => {
    expect(awsSubnetCapacity(Cidr.of('10.0.0.0/24'), false)).toBe(251n);
    expect(awsSubnetCapacity(Cidr.of('10.0.0.0/24'), true)).toBe(224n);
  });
  test('prefix delegation subnet need: a lower bound (ENI primaries packed, edge /28s first) and a true upper bound (each primary spoils a /28)', () => {
    const use = { prefixes: 8, singles: 1, addresses: 8 * 16 + 1 };
    // 30 nodes: 240 prefixes; 30 primaries − 27 free edge addresses = 3 → 1 more /28. Worst case 30 × 9 /28s.
    expect(awsSubnetNeed(use, 30, true)).toEqual({ needed: 241n * 16n, worstCase: 270n * 16n });
    // Secondary IPs do not fragment: both bounds are the addresses.
    expect(awsSubnetNeed({ prefixes: 0, singles: 20, addresses: 20 }, 30, false)).toEqual({ needed: 600n, worstCase: 600n });
  });
});

describe('invalid specs: exit 1, exact path, nothing written', () => {
  const pd = loadExample('eks-prefix-delegation.yaml');
  const cn = loadExample('eks-custom-networking.yaml');

  test('prefix delegation on a non-Nitro type: accepted with a warning; that type counts in secondary-IP mode', () => {
    const spec = patched(pd, { spec: { pods: { maxPerNode: undefined }, cni: { nodeInstanceTypes: ['m5.large', 't2.medium'] } } });
    const r = validateClusterNetwork(spec);
    expect(r.ok).toBe(true);
    // t2.medium: 3 ENIs × (6 − 1) + 2 = 17, the lowest, so kubelet max pods defaults to it.
    expect(r.ok && r.network.spec.pods.maxPerNode).toBe(17);
    expect(warningsOf(spec)).toContainEqual({
      rule: 'aws-vpc-cni/prefix-delegation-non-nitro',
      line: 'spec.cni.nodeInstanceTypes[1]: t2.medium is not a Nitro instance type, so ipamd falls back to secondary IPs on it: 17 max pods instead of the prefix-delegation value',
    });
    const line = expectRejected(patched(spec, { spec: { pods: { maxPerNode: 110 } } }), 'spec.pods.maxPerNode');
    expect(line).toBe('spec.pods.maxPerNode: 110 is above the 17 pods a t2.medium node can address (3 ENIs × 6 IPv4 each, secondary IPs) (allowed: at most 17)');
  });

  test('unknown instance type without limits; accepted with spec.cni.instanceLimits', () => {
    expectRejected(patched(pd, { spec: { cni: { nodeInstanceTypes: ['z9.mega'] } } }), 'spec.cni.nodeInstanceTypes[0]');
    const ok = patched(pd, { spec: { cni: { nodeInstanceTypes: ['z9.mega'], instanceLimits: { 'z9.mega': { enis: 4, ipv4PerEni: 15, vcpus: 8, nitro: true } } } } });
    expect(() => resolveClusterNetwork(ok)).not.toThrow();
  });

  test.each([
    ['warmENITarget', { warmENITarget: -1 }, 'spec.cni.warmENITarget'],
    ['warmIPTarget', { warmIPTarget: -1 }, 'spec.cni.warmIPTarget'],
    ['minimumIPTarget', { minimumIPTarget: -3 }, 'spec.cni.minimumIPTarget'],
    ['warmPrefixTarget', { prefixDelegation: { enabled: true, warmPrefixTarget: -1 } }, 'spec.cni.prefixDelegation.warmPrefixTarget'],
  ])('negative %s', (_name, cni, path) => {
    expectRejected(patched(pd, { spec: { cni } }), path);
  });

  test('custom networking: a zone in use without an ENIConfig', () => {
    const line = expectRejected(patched(cn, { spec: { cni: { availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'] } } }), 'spec.cni.availabilityZones[3]');
    expect(line).toContain('zone us-west-2d has no ENIConfig');
  });

  test('custom networking: zones left out are the ENIConfig names (zone label); with another label nodes need it', () => {
    const noZones = patched(cn, { spec: { cni: { availabilityZones: undefined } } });
    expect(validateClusterNetwork(noZones).ok).toBe(true);
    expect(warningsOf(noZones)).toEqual([]);
    expect(awsEniConfigZones(resolveClusterNetwork(noZones) as any)).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(awsEniConfigZones(resolveClusterNetwork(patched(cn, { spec: { cni: { availabilityZones: ['us-west-2b'] } } })) as any)).toEqual(['us-west-2b']);
    const other = patched(noZones, { spec: { cni: { customNetworking: { eniConfigLabelDef: 'k8s.amazonaws.com/eniConfig' } } } });
    expect(validateClusterNetwork(other).ok).toBe(true);
    expect(warningsOf(other)).toEqual([
      {
        rule: 'aws-vpc-cni/eni-config-node-label',
        line: 'spec.cni.customNetworking.eniConfigLabelDef: k8s.amazonaws.com/eniConfig is not the zone label: every node needs the label k8s.amazonaws.com/eniConfig=<one of us-west-2a | us-west-2b | us-west-2c>, set by its node group; a node without it looks for an ENIConfig named default, which the spec does not have, and gets no pod addresses',
      },
    ]);
  });

  test('custom networking: no ENIConfigs; ENIConfigs while off (a warning); duplicate names; bad IDs', () => {
    expectRejected(patched(cn, { spec: { cni: { customNetworking: { enabled: true, eniConfigs: [] } } } }), 'spec.cni.customNetworking.eniConfigs');
    const off = patched(cn, { spec: { cni: { customNetworking: { enabled: false } }, pods: { cidrs: ['10.0.0.0/17'], maxPerNode: 29 } } });
    expect(validateClusterNetwork(off).ok).toBe(true);
    expect(warningsOf(off).map((w) => w.rule)).toEqual(['aws-vpc-cni/eni-configs-ignored']);
    expect(find(synthObjects(off), 'DaemonSet', 'aws-node')).toBeDefined();
    expect(synthObjects(off).filter((o) => o.kind === 'ENIConfig')).toEqual([]);
    const eni = cn.spec.cni.customNetworking.eniConfigs;
    expectRejected(patched(cn, { spec: { cni: { customNetworking: { eniConfigs: [eni[0], eni[1], { ...eni[2], name: 'us-west-2a' }] } } } }), 'spec.cni.customNetworking.eniConfigs[2].name');
    expectRejected(patched(cn, { spec: { cni: { customNetworking: { eniConfigs: [{ ...eni[0], subnet: 'sn-1' }, eni[1], eni[2]] } } } }), 'spec.cni.customNetworking.eniConfigs[0].subnet');
    expectRejected(patched(cn, { spec: { cni: { customNetworking: { eniConfigs: [eni[0], { ...eni[1], securityGroups: ['default'] }, eni[2]] } } } }), 'spec.cni.customNetworking.eniConfigs[1].securityGroups[0]');
  });

  test('pod subnets inside the VPC: pods.cidrs and ENIConfig CIDRs', () => {
    const line = expectRejected(patched(pd, { spec: { pods: { cidrs: ['10.1.0.0/17'] } } }), 'spec.pods.cidrs[0]');
    expect(line).toContain('is not inside any of spec.nodes.cidrs');
    const eni = cn.spec.cni.customNetworking.eniConfigs;
    const l2 = expectRejected(patched(cn, { spec: { cni: { customNetworking: { eniConfigs: [eni[0], { ...eni[1], cidr: '100.65.0.0/18' }, eni[2]] } } } }), 'spec.cni.customNetworking.eniConfigs[1].cidr');
    expect(l2).toContain('not inside the VPC ranges');
  });

  test('maxPerNode above the computed max pods', () => {
    const line = expectRejected(patched(cn, { spec: { pods: { maxPerNode: 29 } } }), 'spec.pods.maxPerNode');
    expect(line).toBe('spec.pods.maxPerNode: 29 is above the 20 pods a m5.large node can address (3 ENIs × 10 IPv4 each, secondary IPs, custom networking) (allowed: at most 20)');
  });

  test('a subnet that would be exhausted: needed and offered addresses, and the prefix that fits', () => {
    const line = expectRejected(patched(pd, { spec: { pods: { cidrs: ['10.0.0.0/22'] }, nodes: { maxCount: 30 } } }), 'spec.pods.cidrs[0]');
    // 62 whole /28s; each node takes 8 prefixes and one ENI primary (packed: 30 − 27 edge addresses → 1 more /28).
    expect(line).toBe(
      'spec.pods.cidrs[0]: 10.0.0.0/22 offers 992 addresses but spec.nodes.maxCount 30 nodes × 129 addresses per m5.large node need 3,856 (allowed: /20 or larger, or at most 7 nodes in all)',
    );
  });

  test('prefix delegation: a subnet that holds the prefixes only if the ENI primaries pack together gets a fragmentation warning', () => {
    // /21: 126 whole /28s. 15 nodes need 120 prefixes + 15 primaries (in the edge /28s): fits; worst case 15 × 9 = 135 /28s.
    const spec = patched(pd, { spec: { pods: { cidrs: ['10.0.0.0/21'] }, nodes: { count: 3, maxCount: 15 } } });
    expect(validateClusterNetwork(spec).ok).toBe(true);
    expect(warningsOf(spec)).toContainEqual({
      rule: 'aws-vpc-cni/subnet-fragmentation',
      line: 'spec.pods.cidrs[0]: 10.0.0.0/21 offers 2,016 addresses in whole /28s; if every ENI primary address of 15 m5.large nodes lands in a /28 of its own, they need 2,160 (reserve the prefix range with a subnet CIDR reservation of type prefix, or use /20 or larger, or at most 14 nodes in all)',
    });
    expect(warningsOf(patched(spec, { spec: { nodes: { maxCount: 14 } } })).map((w) => w.rule)).not.toContain('aws-vpc-cni/subnet-fragmentation');
  });

  test('per-zone ENIConfig subnets: nodes spread evenly over the zones, each subnet holds its share', () => {
    const eni = cn.spec.cni.customNetworking.eniConfigs;
    const small = patched(cn, { spec: { cni: { customNetworking: { eniConfigs: [eni[0], { ...eni[1], cidr: '100.64.64.0/25' }, eni[2]] } } } });
    // 60 nodes over 3 zones = 20 per zone × 20 addresses (2 ENIs × 10) = 400 > 123 offered by a /25.
    const line = expectRejected(small, 'spec.cni.customNetworking.eniConfigs[1].cidr');
    expect(line).toBe(
      'spec.cni.customNetworking.eniConfigs[1].cidr: 100.64.64.0/25 offers 123 addresses but its share of the nodes (20 of spec.nodes.maxCount 60, spread over 3 pod subnets) × 20 addresses per m5.large node need 400 (allowed: /23 or larger, or at most 18 nodes in all)',
    );
  });

  test('maxPerNode above the recommended 110 but within what the node addresses (434): accepted with a warning', () => {
    const n = resolveClusterNetwork(patched(pd, { spec: { pods: { maxPerNode: 200 }, cni: { nodeInstanceTypes: ['m5.large'] } } }));
    expect(n.spec.pods.maxPerNode).toBe(200);
    expect(warningsOf(patched(pd, { spec: { pods: { maxPerNode: 200 }, cni: { nodeInstanceTypes: ['m5.large'] } } }))).toContainEqual({
      rule: 'aws-vpc-cni/max-pods-above-recommended',
      line: 'spec.pods.maxPerNode: 200 is above the EKS-recommended 110 for m5.large (≤ 30 vCPUs); the node can address 434, but managed node groups cap it and kubelet and the container runtime are sized for fewer pods',
    });
    const line = expectRejected(patched(pd, { spec: { pods: { maxPerNode: 435, cidrs: ['10.0.0.0/16'] }, nodes: { cidrs: ['10.0.0.0/15'] }, cni: { nodeInstanceTypes: ['m5.large'] } } }), 'spec.pods.maxPerNode');
    expect(line).toBe('spec.pods.maxPerNode: 435 is above the 434 pods a m5.large node can address (3 ENIs × 10 IPv4 each, prefix delegation) (allowed: at most 434)');
  });

  test('custom networking with maxENI 1 leaves no ENI for pods', () => {
    const line = expectRejected(patched(cn, { spec: { pods: { maxPerNode: 2 }, cni: { maxENI: 1 } } }), 'spec.cni.maxENI');
    expect(line).toBe('spec.cni.maxENI: 1 leaves no ENI for pods (custom networking: the primary ENI carries none) (allowed: at least 2)');
  });

  test('nodes.mtu above the 9001 ENIs support', () => {
    const line = expectRejected(patched(pd, { spec: { nodes: { mtu: 9216 } } }), 'spec.nodes.mtu');
    expect(line).toBe('spec.nodes.mtu: 9216 is above the 9001 AWS ENIs support (allowed: 576-9001)');
  });

  test('network policy needs the node agent', () => {
    expectRejected(patched(pd, { spec: { cni: { nodeAgent: false } } }), 'spec.cni.nodeAgent');
  });

  test('ENIConfig names must be object names; SNAT exclusions must be IPv4 CIDRs', () => {
    const eni = cn.spec.cni.customNetworking.eniConfigs;
    const line = expectRejected(patched(cn, { spec: { cni: { customNetworking: { eniConfigs: [eni[0], eni[1], { ...eni[2], name: 'US_West_2c' }] } } } }), 'spec.cni.customNetworking.eniConfigs[2].name');
    expect(line).toContain('"US_West_2c" is not a valid object name');
    expectRejected(patched(pd, { spec: { cni: { excludeSnatCIDRs: ['10.0.0.0/8', 'fd00::/8'] } } }), 'spec.cni.excludeSnatCIDRs[1]');
    expectRejected(patched(pd, { spec: { cni: { excludeSnatCIDRs: ['10.1.0.0/8'] } } }), 'spec.cni.excludeSnatCIDRs[0]');
  });

  test('dual stack is rejected at spec.ipFamilies (ipamd runs one family)', () => {
    const line = expectRejected(
      patched(pd, { spec: { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.0.0.0/17', 'fd00::/56'] }, services: { cidrs: ['172.20.0.0/16', 'fd01::/108'] }, nodes: { cidrs: ['10.0.0.0/16', 'fd00::/48'] } } }),
      'spec.ipFamilies',
    );
    expect(line).toBe('spec.ipFamilies: [IPv4, IPv6] is dual stack, which ipamd refuses at start-up ("VPC CNI currently does not support dual stack mode") (allowed: [IPv4] or [IPv6])');
  });
});

describe('kubelet max pods default', () => {
  const spec = (extra: Record<string, unknown> = {}) => ({
    apiVersion: 'cdk8s-cni.dev/v1alpha1' as const,
    kind: 'ClusterNetwork' as const,
    metadata: { name: 'eks' },
    spec: {
      pods: { cidrs: ['10.0.0.0/16'], ...extra },
      nodes: { cidrs: ['10.0.0.0/16'], count: 3 },
      services: { cidrs: ['172.20.0.0/16'] },
      cni: { type: 'aws-vpc-cni' as const, nodeInstanceTypes: ['m5.xlarge', 'm5.large'] },
    },
  });

  test('without spec.pods.maxPerNode it is the max pods of the smallest instance type, not 110', () => {
    const r = validateClusterNetwork(spec());
    expect(r.ok && r.network.spec.pods.maxPerNode).toBe(29);
  });

  test('an explicit value is kept and checked', () => {
    const r = validateClusterNetwork(spec({ maxPerNode: 20 }));
    expect(r.ok && r.network.spec.pods.maxPerNode).toBe(20);
    const bad = validateClusterNetwork(spec({ maxPerNode: 110 }));
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path)).toEqual(['spec.pods.maxPerNode']);
  });
});
