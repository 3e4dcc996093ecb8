/**
 * Security groups for pods on the AWS VPC CNI: the SecurityGroupPolicy construct and spec field (validated against the
 * upstream CRD schema, test/fixtures/crds), the trunking refusal and the DISABLE_TCP_EARLY_DEMUX prerequisite.
 */
import { App, Chart, Testing } from 'cdk8s';
import { SecurityGroupPolicy } from '../src/cni/aws-vpc-cni/security-group-policy';
import { NON_TRUNKING_FAMILIES, trunkingCompatible } from '../src/cni/aws-vpc-cni/trunking';
import { AwsVpcCni } from '../src/cni/aws-vpc-cni/aws-vpc-cni';
import { knownInstanceTypes } from '../src/plan/aws-instance-limits';
import { SpecValidationError } from '../src/spec/issues';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
import { synthObjects } from '../src/synth';
import { validateObjects } from './support/schema-validation';
import type { AwsVpcCniNetwork } from '../src/cni/aws-vpc-cni/settings';

type Json = Record<string, any>;

const SG = 'sg-0a1b2c3d4e5f60001';
const doc = (cni: Json = {}): Json => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'sgp' },
  spec: {
    pods: { cidrs: ['10.0.0.0/17'] },
    services: { cidrs: ['172.20.0.0/16'] },
    nodes: { cidrs: ['10.0.0.0/16'], count: 3 },
    cni: {
      type: 'aws-vpc-cni',
      nodeInstanceTypes: ['m5.large'],
      podENI: true,
      disableTcpEarlyDemux: true,
      securityGroupPolicies: [
        { name: 'db', namespace: 'shop', podSelector: { matchLabels: { role: 'db' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, securityGroups: [SG] },
        { name: 'by-sa', serviceAccountSelector: { matchLabels: { 'sg-for-pods': 'yes' } }, securityGroups: [SG, 'sg-0a1b2c3d'] },
      ],
      ...cni,
    },
  },
});

describe('SecurityGroupPolicy from the spec', () => {
  const objects = synthObjects(doc() as Parameters<typeof synthObjects>[0]) as Json[];
  const policies = objects.filter((o) => o.kind === 'SecurityGroupPolicy');

  test('one object per policy, with the selectors and groups as given', () => {
    expect(policies).toHaveLength(2);
    expect(policies[0]).toEqual({
      apiVersion: 'vpcresources.k8s.aws/v1beta1',
      kind: 'SecurityGroupPolicy',
      metadata: { name: 'db', namespace: 'shop' },
      spec: { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }], matchLabels: { role: 'db' } }, securityGroups: { groupIds: [SG] } },
    });
    expect(policies[1].metadata.namespace).toBe('default');
    expect(policies[1].spec).toEqual({ securityGroups: { groupIds: [SG, 'sg-0a1b2c3d'] }, serviceAccountSelector: { matchLabels: { 'sg-for-pods': 'yes' } } });
  });

  test('aws-node gets ENABLE_POD_ENI and the init container DISABLE_TCP_EARLY_DEMUX', () => {
    const ds = objects.find((o) => o.kind === 'DaemonSet' && o.metadata.name === 'aws-node')!;
    const env = (c: Json) => Object.fromEntries((c.env ?? []).map((e: Json) => [e.name, e.value]));
    expect(env(ds.spec.template.spec.containers[0]).ENABLE_POD_ENI).toBe('true');
    expect(env(ds.spec.template.spec.initContainers[0]).DISABLE_TCP_EARLY_DEMUX).toBe('true');
  });

  test('every synthesized object passes its schema (SecurityGroupPolicy: the upstream CRD)', () => {
    expect(validateObjects(objects)).toEqual([]);
  });

  test('the schema check has teeth: 17 groups break the CRD bound', () => {
    const bad = { ...policies[0], spec: { ...policies[0].spec, securityGroups: { groupIds: Array.from({ length: 17 }, () => SG) } } };
    expect(validateObjects([bad]).join('\n')).toMatch(/groupIds: must NOT have more than 16 items/);
  });

  test('podENI lowers max pods by the trunk ENI slot (m5.large: 20)', () => {
    expect(resolveClusterNetwork(doc()).spec.pods.maxPerNode).toBe(20);
  });
});

describe('SecurityGroupPolicy construct', () => {
  test('renders the CRD shape and passes its schema', () => {
    const chart = Testing.chart();
    new SecurityGroupPolicy(chart, 'p', { name: 'web', namespace: 'shop', podSelector: { matchLabels: { app: 'web' } }, securityGroups: [SG] });
    const [obj] = Testing.synth(chart);
    expect(obj).toEqual({ apiVersion: 'vpcresources.k8s.aws/v1beta1', kind: 'SecurityGroupPolicy', metadata: { name: 'web', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'web' } }, securityGroups: { groupIds: [SG] } } });
    expect(validateObjects([obj])).toEqual([]);
  });

  test('refuses what the API server or the controller would refuse, naming the field', () => {
    const chart = Testing.chart();
    const attempt = () => new SecurityGroupPolicy(chart, 'bad', { name: 'Bad_Name', podSelector: {}, securityGroups: [] });
    expect(attempt).toThrow(SpecValidationError);
    expect(attempt).toThrow(/SecurityGroupPolicy Bad_Name\.name: .*\n.*SecurityGroupPolicy Bad_Name\.securityGroups: has 0 security groups \(allowed: 1 to 16\)/);
    expect(chart.node.children).toHaveLength(0);
    expect(() => new SecurityGroupPolicy(chart, 'bad2', { name: 'x', podSelector: {}, securityGroups: ['db-sg'] })).toThrow(/SecurityGroupPolicy x\.securityGroups\[0\]: "db-sg" is not a security group ID/);
  });

  test('AwsVpcCni props create them after the settings', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const cni = new AwsVpcCni(chart, 'aws', { enablePodEni: true, disableTcpEarlyDemux: true, securityGroupPolicies: [{ name: 'db', podSelector: { matchLabels: { role: 'db' } }, securityGroups: [SG] }] });
    expect(cni.securityGroupPolicies.map((p) => p.apiObject.metadata.name)).toEqual(['db']);
  });
});

describe('spec checks', () => {
  const errors = (d: Json) => validateClusterNetwork(d).issues.map((i) => `${i.path}: ${i.message}`);
  const warnings = (d: Json) => validateClusterNetwork(d).warnings.map((i) => `${i.path}: ${i.message}`);

  test('podENI with no type that supports a trunk ENI is refused at each type; a mixed list is a warning', () => {
    expect(errors(doc({ nodeInstanceTypes: ['t3.large'] }))).toEqual([
      expect.stringMatching(/^spec\.cni\.nodeInstanceTypes\[0\]: t3\.large cannot carry a trunk ENI \(IsTrunkingCompatible false upstream\)/),
    ]);
    expect(errors(doc({ nodeInstanceTypes: ['m5.large', 't3.large'] }))).toEqual([]);
    expect(warnings(doc({ nodeInstanceTypes: ['m5.large', 't3.large'] }))).toContainEqual(
      expect.stringMatching(/^spec\.cni\.nodeInstanceTypes\[1\]: t3\.large cannot carry a trunk ENI .*scheduled only on the trunking-compatible types/),
    );
    expect(errors(doc({ nodeInstanceTypes: ['m4.xlarge'] }))[0]).toMatch(/^spec\.cni\.nodeInstanceTypes\[0\]: m4\.xlarge cannot carry a trunk ENI/);
  });

  test('instanceLimits decide trunking for types outside the table (default: their nitro value)', () => {
    const limits = (extra: Json) => ({ nodeInstanceTypes: ['z9.mega'], instanceLimits: { 'z9.mega': { enis: 4, ipv4PerEni: 15, vcpus: 8, nitro: true, ...extra } } });
    expect(errors(doc(limits({})))).toEqual([]);
    expect(errors(doc(limits({ trunking: false })))[0]).toMatch(/z9\.mega cannot carry a trunk ENI/);
    expect(errors(doc(limits({ nitro: false })))[0]).toMatch(/z9\.mega cannot carry a trunk ENI/);
  });

  test('the trunking table: the t families and m4 lack it, every other family of the instance table has it', () => {
    const n = resolveClusterNetwork(doc()) as AwsVpcCniNetwork;
    const without = knownInstanceTypes().filter((t) => trunkingCompatible(n, t) === false);
    expect(new Set(without.map((t) => t.split('.')[0]))).toEqual(NON_TRUNKING_FAMILIES);
    // spot checks against limits.go (IsTrunkingCompatible): true for m5.large, m6g.medium, c5.large; false for t3.medium, t4g.large, m4.large
    expect(['m5.large', 'm6g.medium', 'c5.large', 't3.medium', 't4g.large', 'm4.large'].map((t) => trunkingCompatible(n, t))).toEqual([true, true, true, false, false, false]);
    expect(trunkingCompatible(n, 'z9.unknown')).toBeUndefined();
  });

  test('strict mode (the upstream default) without DISABLE_TCP_EARLY_DEMUX is a warning, not an error', () => {
    const d = doc({ disableTcpEarlyDemux: false });
    expect(errors(d)).toEqual([]);
    expect(warnings(d)).toContainEqual(expect.stringMatching(/^spec\.cni\.disableTcpEarlyDemux: is false with podENI on \(strict mode\): kubelet TCP liveness and readiness probes/));
    expect(warnings(doc({ disableTcpEarlyDemux: false, podSecurityGroupEnforcingMode: 'standard' }))).toContainEqual(expect.stringMatching(/\(standard mode\)/));
    expect(warnings(doc()).filter((w) => w.includes('disableTcpEarlyDemux'))).toEqual([]);
  });

  test('policies need podENI; names are unique per namespace; groups are IDs, 1 to 16', () => {
    expect(errors(doc({ podENI: false }))).toEqual(['spec.cni.podENI: is false but spec.cni.securityGroupPolicies lists 2 policies: no node gets a trunk ENI, so the pods they select cannot get branch ENIs (allowed: true)']);
    const p = { name: 'db', podSelector: { matchLabels: { a: 'b' } } };
    expect(errors(doc({ securityGroupPolicies: [{ ...p, securityGroups: [SG] }, { ...p, securityGroups: [SG] }] }))).toEqual([
      'spec.cni.securityGroupPolicies[1].name: default/db repeats spec.cni.securityGroupPolicies[0] (allowed: one policy per namespace and name)',
    ]);
    expect(errors(doc({ securityGroupPolicies: [{ ...p, securityGroups: [] }] }))).toEqual(['spec.cni.securityGroupPolicies[0].securityGroups: has 0 security groups (allowed: 1 to 16)']);
    expect(errors(doc({ securityGroupPolicies: [{ ...p, securityGroups: ['sg-XYZ'] }] }))).toEqual([
      'spec.cni.securityGroupPolicies[0].securityGroups[0]: "sg-XYZ" is not a security group ID (allowed: sg- followed by 8 or 17 hex digits)',
    ]);
    expect(warnings(doc({ securityGroupPolicies: [{ name: 'none', securityGroups: [SG] }] }))).toContainEqual(expect.stringMatching(/^spec\.cni\.securityGroupPolicies\[0\]: policy none has neither podSelector nor serviceAccountSelector/));
  });

  test('an invalid spec writes nothing: synth throws before any object', () => {
    expect(() => synthObjects(doc({ nodeInstanceTypes: ['t3.large'] }) as Parameters<typeof synthObjects>[0])).toThrow(/t3\.large cannot carry a trunk ENI/);
  });
});
