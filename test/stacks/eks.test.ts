/**
 * The EKS stack under mocks, for every EKS example stack config: VPC/subnets from spec.nodes.cidrs, the CNI before any
 * node group (explicit dependencies), launch-template max pods, node security-group rules exactly from the CNI, and
 * a secret kubeconfig.
 */
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { eksVpcCniAddonConfiguration } from '../../src/cni/aws-vpc-cni/eks-addon';
import { instanceLimits, maxPods } from '../../src/cni/aws-vpc-cni/max-pods';
import { vpcSubnetLayout } from '../../src/plan/subnets';
import { synthObjects, type KubeObject } from '../../src/synth';
import { parseStackConfig, projectConfig } from '../../stacks/config';
import { eksZones } from '../../stacks/eks/plan';
import { vpcCniPlan } from '../../stacks/eks/vpc-cni';
import { INSTANCE_TYPES, MOCK_CA_PEM, mockAmiFor, ofType, resource, runStack, stackFileConfig, STACK_CONFIG_DIR, type StackRun } from '../support/pulumi-mocks';
import { appliedObjects, expectedNodeRows, ingressRows, k8sName, k8sType } from '../support/stack-assertions';

const STACKS = readdirSync(STACK_CONFIG_DIR).filter((f) => /^Pulumi\.eks-.*\.yaml$/.test(f)).sort();

test('there are EKS stack configs', () => {
  expect(STACKS).toEqual(['Pulumi.eks-calico.yaml', 'Pulumi.eks-cilium.yaml', 'Pulumi.eks-custom-networking.yaml', 'Pulumi.eks-prefix-delegation.yaml']);
});

interface NodeConfig {
  spec: { cluster: { name: string; apiServerEndpoint: string; certificateAuthority: string; cidr: string }; kubelet: { config: { maxPods: number }; flags?: string[] } };
}

/** Decodes launch-template user data and returns its NodeConfig. */
function launchTemplateNodeConfig(userData: string): NodeConfig {
  const text = Buffer.from(userData, 'base64').toString('utf8');
  const part = /Content-Type: application\/node\.eks\.aws\n\n---\n([\s\S]*?)\n--CDK8S-CNI-BOUNDARY/.exec(text);
  if (!part) throw new Error(`no NodeConfig in user data:\n${text}`);
  return parse(part[1]) as NodeConfig;
}

/** Kinds @pulumi/kubernetes waits on until pods run on nodes. */
const AWAITED_KINDS = ['kubernetes:apps/v1:Deployment', 'kubernetes:core/v1:Service', 'kubernetes:apps/v1:StatefulSet', 'kubernetes:batch/v1:Job', 'kubernetes:core/v1:Pod'];

/** Every resource `name` depends on, transitively, through the recorded `dependsOn` edges. */
function dependencyClosure(run: StackRun, name: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(run.dependsOn.get(name) ?? [])];
  while (todo.length > 0) {
    const d = todo.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    todo.push(...(run.dependsOn.get(d) ?? []));
  }
  return seen;
}

describe.each(STACKS)('%s', (file) => {
  const cfg = parseStackConfig(projectConfig(stackFileConfig(file)));
  if (cfg.cluster !== 'eks') throw new Error(`${file} is not an EKS stack`);
  const { network, eks } = cfg;
  const name = network.metadata.name;
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack(file);
  }, 60_000);

  test('VPC from spec.nodes.cidrs[0]; private and public subnets per zone as laid out by the library', () => {
    expect(resource(run, 'aws:ec2/vpc:Vpc', name).inputs.cidrBlock).toBe(network.spec.nodes.cidrs![0]);
    const zones = eksZones(network, eks);
    const plan = vpcCniPlan(network);
    const layout = vpcSubnetLayout(network.spec.nodes.cidrs![0], zones.length, plan && !plan.customNetworking ? network.spec.pods.cidrs[0] : undefined);
    zones.forEach((z, i) => {
      expect(resource(run, 'aws:ec2/subnet:Subnet', `${name}-private-${z}`).inputs).toMatchObject({ cidrBlock: layout.private[i], availabilityZone: z });
      expect(resource(run, 'aws:ec2/subnet:Subnet', `${name}-public-${z}`).inputs).toMatchObject({ cidrBlock: layout.public[i], availabilityZone: z, mapPublicIpOnLaunch: true });
    });
  });

  test('cluster: physical name from the stack, no self-managed add-ons, service range from the spec, API authentication; destroyed before its IAM policies', () => {
    expect(resource(run, 'aws:eks/cluster:Cluster', name).inputs).toMatchObject({
      name: `${name}-test`,
      version: eks.kubernetesVersion,
      bootstrapSelfManagedAddons: false,
      kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: network.spec.services.cidrs[0] },
      accessConfig: { authenticationMode: 'API' },
    });
    // Pulumi deletes dependents first: the cluster goes before its role's policies are detached.
    const clusterPolicies = ofType(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment').filter((a) => a.name.startsWith(`${name}-cluster-`)).map((a) => a.name);
    expect(clusterPolicies).toContain(`${name}-cluster-policy`);
    expect(run.dependsOn.get(name)).toEqual(expect.arrayContaining(clusterPolicies));
  });

  test('component: every resource is a child of the EksCluster (or of its children), none hangs off the stack', () => {
    const top = [...run.options.entries()].filter(([, o]) => o.parent === undefined || o.parent.startsWith('pulumi:pulumi:Stack'));
    expect(top.map(([k]) => k)).toEqual([`cdk8s-cni:index:EksCluster ${name}`]);
  });

  test('node groups depend (transitively) on the CNI, kube-proxy and prefix reservations, and on nothing that needs a node to become ready', () => {
    const groups = ofType(run, 'aws:eks/nodeGroup:NodeGroup');
    expect(groups.length).toBeGreaterThan(0);
    const plan = vpcCniPlan(network);
    const required = [`${name}-kube-proxy`];
    if (plan) required.push(`${name}-vpc-cni`, `${name}-eks-pod-identity-agent`);
    else required.push(...ofType(run, 'kubernetes:yaml:ConfigGroup').map((g) => g.name));
    if (plan?.prefixDelegation) required.push(...eksZones(network, eks).map((z) => `${name}-prefixes-${z}`));
    for (const g of groups) {
      const closure = dependencyClosure(run, g.name);
      expect([...closure]).toEqual(expect.arrayContaining(required));
      // Nothing that only becomes ready on a node: no node group, no CoreDNS.
      expect([...closure].filter((d) => groups.some((x) => x.name === d) || d === `${name}-coredns`)).toEqual([]);
    }
    // Depending on a ConfigGroup means depending on every object in it (Pulumi waits for a component's children).
    // Every ConfigGroup of the stack is in the closure above, so every applied object is a node-group dependency, and
    // none of the kinds Pulumi awaits until pods run (Deployment: available replicas; Service: endpoints) may be awaited.
    const awaited = appliedObjects(run).filter((r) => AWAITED_KINDS.includes(r.type) && r.inputs.metadata?.annotations?.['pulumi.com/skipAwait'] !== 'true');
    expect(awaited.map((r) => `${r.type} ${r.name}`)).toEqual([]);
    expect(run.dependsOn.get(`${name}-coredns`)).toEqual(groups.map((g) => g.name));
  });

  test('node groups: launch template with the node security group, IMDSv2 with hop limit 1, and maxPods from the library for the EC2 limits', () => {
    const plan = vpcCniPlan(network);
    for (const g of ofType(run, 'aws:eks/nodeGroup:NodeGroup')) {
      const group = g.inputs.nodeGroupName as string;
      const lt = resource(run, 'aws:ec2/launchTemplate:LaunchTemplate', `${name}-${group}`).inputs;
      expect(lt.vpcSecurityGroupIds).toEqual([`${name}-nodes-id`]);
      expect(lt.metadataOptions).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' });
      // Independent of the stack's Output: the library's calculation on the mocked EC2 answer (a literal table).
      const t = INSTANCE_TYPES[g.inputs.instanceTypes[0]];
      const expected = plan ? plan.maxPods({ enis: t.maximumNetworkInterfaces, ipv4PerEni: t.maximumIpv4AddressesPerInterface, vcpus: t.defaultVcpus, nitro: t.hypervisor === 'nitro' }) : network.spec.pods.maxPerNode;
      const nodeConfig = launchTemplateNodeConfig(lt.userData);
      expect(nodeConfig.spec.kubelet.config.maxPods).toBe(expected);
      // A pinned AMI (the SSM recommended image for the control plane's version) and the complete NodeConfig:
      // EKS merges nothing into the user data, so nothing overrides maxPods.
      const arch = INSTANCE_TYPES[g.inputs.instanceTypes[0]].supportedArchitectures.includes('arm64') ? 'arm64' : 'x86_64';
      expect(lt.imageId).toBe(mockAmiFor(`/aws/service/eks/optimized-ami/${eks.kubernetesVersion}/amazon-linux-2023/${arch}/standard/recommended/image_id`));
      expect(nodeConfig.spec.cluster).toEqual({ name: `${name}-test`, apiServerEndpoint: `https://${name}.eks.example`, certificateAuthority: Buffer.from(MOCK_CA_PEM).toString('base64'), cidr: network.spec.services.cidrs[0] });
      expect(nodeConfig.spec.kubelet.flags).toEqual([`--node-labels=eks.amazonaws.com/capacityType=ON_DEMAND,eks.amazonaws.com/nodegroup=${group},eks.amazonaws.com/nodegroup-image=${lt.imageId}`]);
      expect(g.inputs.amiType).toBeUndefined();
      // desiredSize belongs to the autoscaler after creation.
      expect(run.options.get(`aws:eks/nodeGroup:NodeGroup ${g.name}`)?.ignoreChanges).toEqual(['scalingConfig.desiredSize']);
      expect(run.outputs.maxPods[group]).toBe(expected);
      expect(g.inputs).toMatchObject({ launchTemplate: { id: `${name}-${group}-id`, version: '1' } });
    }
  });

  test('node security group: exactly the CNI rules and kubelet between nodes, plus control plane <-> nodes', () => {
    const sg = `${name}-nodes-id`;
    const cni = expectedNodeRows(network, sg);
    const controlPlane = [
      { protocol: 'tcp', from: 10250, to: 10250, source: 'sg-eks-cluster' },
      { protocol: 'tcp', from: 443, to: 443, source: 'sg-eks-cluster' },
      // Webhook ports, as terraform-aws-eks opens them from the cluster security group.
      ...[4443, 6443, 8443, 9443].map((p) => ({ protocol: 'tcp', from: p, to: p, source: 'sg-eks-cluster' })),
    ];
    const sort = (rows: object[]) => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(ingressRows(run, `${name}-nodes-`)).toEqual(sort([...cni, ...controlPlane]));
    expect(ingressRows(run, `${name}-control-plane-from-nodes`)).toEqual([{ protocol: 'tcp', from: 443, to: 443, source: sg }]);
  });

  test('IAM: the node role has no CNI policy', () => {
    const attached = ofType(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment').filter((a) => a.name.startsWith(`${name}-node-`)).map((a) => a.inputs.policyArn);
    expect(attached.sort()).toEqual(['arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly', 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy']);
  });

  test('kubeconfig is a secret output (and on the Kubernetes provider, when manifests are applied)', () => {
    expect(run.secretOutputs).toEqual(new Set(['kubeconfig']));
    expect(run.outputs.kubeconfig).toContain(`server: https://${name}.eks.example`);
    expect(run.outputs.kubeconfig).toContain('command: aws');
    for (const p of ofType(run, 'pulumi:providers:kubernetes')) expect(p.secretPaths).toContain('kubeconfig');
    expect(ofType(run, 'pulumi:providers:kubernetes')).toHaveLength(1);
    expect(run.outputs.clusterName).toBe(`${name}-test`);
    expect(run.outputs.endpoint).toBe(`https://${name}.eks.example`);
    expect(run.outputs.oidcIssuer).toBe(`https://oidc.eks.eu-west-1.amazonaws.com/id/${name}`);
  });

  test('instance facts come from the AWS API for every node group type (ENI limits, architecture → AMI parameter)', () => {
    const looked = run.calls.filter((c) => c.token === 'aws:ec2/getInstanceType:getInstanceType').map((c) => c.inputs.instanceType);
    const groups = ofType(run, 'aws:eks/nodeGroup:NodeGroup');
    expect(looked.sort()).toEqual(groups.map((g) => g.inputs.instanceTypes[0]).sort());
    const parameters = run.calls.filter((c) => c.token === 'aws:ssm/getParameter:getParameter').map((c) => c.inputs.name);
    expect(parameters.sort()).toEqual(
      groups.map((g) => `/aws/service/eks/optimized-ami/${eks.kubernetesVersion}/amazon-linux-2023/${INSTANCE_TYPES[g.inputs.instanceTypes[0]].supportedArchitectures.includes('arm64') ? 'arm64' : 'x86_64'}/standard/recommended/image_id`).sort(),
    );
  });

  if (network.spec.cni.type !== 'aws-vpc-cni') {
    test('bring-your-own CNI: the chart objects are applied on the cluster provider; no vpc-cni add-on', () => {
      const objs = synthObjects(network);
      const applied = appliedObjects(run);
      expect(applied.map((r) => `${r.type} ${r.name}`).sort()).toEqual(objs.map((o) => `${k8sType(o)} ${k8sName(o)}`).sort());
      // Applied unchanged, except CRDs aside every object is annotated skipAwait (applied before any node exists).
      const skipAwait = (o: KubeObject) =>
        o.kind === 'CustomResourceDefinition' ? o : { ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata.annotations as Record<string, string> | undefined), 'pulumi.com/skipAwait': 'true' } } };
      for (const o of objs) expect(applied.find((r) => r.type === k8sType(o) && r.name === k8sName(o))!.inputs).toEqual(skipAwait(o));
      expect(ofType(run, 'aws:eks/addon:Addon').map((a) => a.inputs.addonName).sort()).toEqual(['coredns', 'kube-proxy']);
      // Teardown: the objects go with the cluster, so destroy needs no live API server.
      for (const r of [...ofType(run, 'kubernetes:yaml:ConfigGroup'), ...appliedObjects(run)]) expect(run.options.get(`${r.type} ${r.name}`)?.deletedWith).toBe(name);
      // The control plane sits outside the overlay: a warning says webhooks need hostNetwork.
      expect(run.warnings.filter((w) => w.startsWith('spec.cni.type: ') && w.includes('hostNetwork'))).toHaveLength(1);
      expect(run.outputs.maxPods).toEqual(Object.fromEntries(ofType(run, 'aws:eks/nodeGroup:NodeGroup').map((g) => [g.inputs.nodeGroupName, network.spec.pods.maxPerNode])));
    });
  }
});

test('eks-calico specifics: three /18 private subnets, VXLAN 4789 only, node group sized from config', async () => {
  const run = await runStack('Pulumi.eks-calico.yaml');
  expect(ofType(run, 'aws:ec2/subnet:Subnet').map((s) => `${s.name} ${s.inputs.cidrBlock}`).sort()).toEqual([
    'eks-calico-private-eu-west-1a 10.0.0.0/18',
    'eks-calico-private-eu-west-1b 10.0.64.0/18',
    'eks-calico-private-eu-west-1c 10.0.128.0/18',
    'eks-calico-public-eu-west-1a 10.0.192.0/20',
    'eks-calico-public-eu-west-1b 10.0.208.0/20',
    'eks-calico-public-eu-west-1c 10.0.224.0/20',
  ]);
  expect(ingressRows(run, 'eks-calico-nodes-udp')).toEqual([{ protocol: 'udp', from: 4789, to: 4789, source: 'eks-calico-nodes-id' }]);
  expect(resource(run, 'aws:eks/nodeGroup:NodeGroup', 'eks-calico-general').inputs).toMatchObject({ instanceTypes: ['m5.xlarge'], scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 10 } });
  expect(run.outputs.maxPods).toEqual({ general: 110 });
}, 60_000);

describe('AWS VPC CNI', () => {
  test('eks-prefix-delegation: add-on values from src/ before every node group, Pod Identity for aws-node, max pods per type, prefix reservations', async () => {
    const run = await runStack('Pulumi.eks-prefix-delegation.yaml');
    const network = parseStackConfig(projectConfig(stackFileConfig('Pulumi.eks-prefix-delegation.yaml'))).network;
    const addon = resource(run, 'aws:eks/addon:Addon', 'eks-prefix-vpc-cni').inputs;
    expect(JSON.parse(addon.configurationValues)).toEqual(eksVpcCniAddonConfiguration(network));
    expect(JSON.parse(addon.configurationValues).env).toMatchObject({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' });
    expect(addon.podIdentityAssociations).toEqual([{ roleArn: 'arn:mock:aws:iam/role:Role:eks-prefix-vpc-cni', serviceAccount: 'aws-node' }]);
    expect(JSON.parse(resource(run, 'aws:iam/role:Role', 'eks-prefix-vpc-cni').inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
    expect(resource(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'eks-prefix-vpc-cni-policy').inputs).toMatchObject({ role: 'eks-prefix-vpc-cni', policyArn: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy' });
    expect(run.dependsOn.get('eks-prefix-vpc-cni')).toEqual(['eks-prefix-vpc-cni-policy', 'eks-prefix-eks-pod-identity-agent']);
    const groups = ofType(run, 'aws:eks/nodeGroup:NodeGroup');
    expect(groups.map((g) => g.name)).toEqual(['eks-prefix-m5-large', 'eks-prefix-m6i-xlarge', 'eks-prefix-c7g-2xlarge']);
    for (const g of groups) expect(run.dependsOn.get(g.name)).toEqual(expect.arrayContaining(['eks-prefix-vpc-cni', 'eks-prefix-eks-pod-identity-agent', 'eks-prefix-kube-proxy']));
    // The mocked EC2 answers equal the library's own table, and max pods follow the library (capped at maxPerNode).
    const expected: Record<string, number> = {};
    for (const t of ['m5.large', 'm6i.xlarge', 'c7g.2xlarge']) {
      const m = INSTANCE_TYPES[t];
      expect(instanceLimits(t)).toEqual({ enis: m.maximumNetworkInterfaces, ipv4PerEni: m.maximumIpv4AddressesPerInterface, vcpus: m.defaultVcpus, nitro: true });
      expected[t.replace('.', '-')] = Math.min(110, maxPods({ instanceType: t, prefixDelegation: true, customNetworking: false }));
    }
    expect(run.outputs.maxPods).toEqual(expected);
    // Node subnets split the pod range (VPC-native pods); public subnets sit outside it.
    expect(ofType(run, 'aws:ec2/subnet:Subnet').map((s) => `${s.name} ${s.inputs.cidrBlock}`).sort()).toEqual([
      'eks-prefix-private-eu-west-1a 10.0.0.0/19',
      'eks-prefix-private-eu-west-1b 10.0.32.0/19',
      'eks-prefix-private-eu-west-1c 10.0.64.0/19',
      'eks-prefix-public-eu-west-1a 10.0.128.0/24',
      'eks-prefix-public-eu-west-1b 10.0.129.0/24',
      'eks-prefix-public-eu-west-1c 10.0.130.0/24',
    ]);
    // 30 nodes / 3 zones × ceil(110 / 16) prefixes × 16 = 1120 addresses → a /21 at the top of each /19.
    expect(ofType(run, 'aws:ec2/subnetCidrReservation:SubnetCidrReservation').map((r) => [r.inputs.subnetId, r.inputs.cidrBlock, r.inputs.reservationType])).toEqual([
      ['eks-prefix-private-eu-west-1a-id', '10.0.24.0/21', 'prefix'],
      ['eks-prefix-private-eu-west-1b-id', '10.0.56.0/21', 'prefix'],
      ['eks-prefix-private-eu-west-1c-id', '10.0.88.0/21', 'prefix'],
    ]);
    // Pods hold node-ENI addresses: the node group allows all traffic from itself, plus the kubelet; no CNI ports.
    expect(ingressRows(run, 'eks-prefix-nodes-')).toEqual([
      { protocol: '-1', source: 'eks-prefix-nodes-id' },
      { protocol: 'tcp', from: 10250, to: 10250, source: 'eks-prefix-nodes-id' },
      { protocol: 'tcp', from: 10250, to: 10250, source: 'sg-eks-cluster' },
      { protocol: 'tcp', from: 443, to: 443, source: 'sg-eks-cluster' },
      { protocol: 'tcp', from: 4443, to: 4443, source: 'sg-eks-cluster' },
      { protocol: 'tcp', from: 6443, to: 6443, source: 'sg-eks-cluster' },
      { protocol: 'tcp', from: 8443, to: 8443, source: 'sg-eks-cluster' },
      { protocol: 'tcp', from: 9443, to: 9443, source: 'sg-eks-cluster' },
    ]);
    expect(run.warnings.filter((w) => w.includes('hostNetwork'))).toEqual([]);
    expect(appliedObjects(run)).toEqual([]);
  }, 60_000);

  test('eks-custom-networking: secondary CIDR, one pod subnet per zone from the ENIConfig cidrs, ENIConfigs with the created subnets, max pods minus one ENI', async () => {
    const run = await runStack('Pulumi.eks-custom-networking.yaml');
    expect(resource(run, 'aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation', 'eks-custom-cidr-1').inputs).toEqual({ vpcId: 'eks-custom-id', cidrBlock: '100.64.0.0/16' });
    const pods = ofType(run, 'aws:ec2/subnet:Subnet').filter((s) => s.name.startsWith('eks-custom-pods-'));
    expect(pods.map((s) => `${s.inputs.availabilityZone} ${s.inputs.cidrBlock}`)).toEqual(['us-west-2a 100.64.0.0/18', 'us-west-2b 100.64.64.0/18', 'us-west-2c 100.64.128.0/18']);
    for (const p of pods) expect(run.dependsOn.get(p.name)).toEqual(['eks-custom-cidr-1']);
    const values = JSON.parse(resource(run, 'aws:eks/addon:Addon', 'eks-custom-vpc-cni').inputs.configurationValues);
    expect(values.env).toMatchObject({ AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true', ENI_CONFIG_LABEL_DEF: 'topology.kubernetes.io/zone' });
    expect(values.eniConfig).toEqual({
      create: true,
      subnets: Object.fromEntries(['us-west-2a', 'us-west-2b', 'us-west-2c'].map((z) => [z, { id: `eks-custom-pods-${z}-id`, securityGroups: ['eks-custom-nodes-id'] }])),
    });
    expect(run.outputs.maxPods).toEqual({ workers: maxPods({ instanceType: 'm5.large', prefixDelegation: false, customNetworking: true }) });
    expect(run.outputs.maxPods.workers).toBe(20);
    expect(ofType(run, 'aws:ec2/subnetCidrReservation:SubnetCidrReservation')).toEqual([]);
  }, 60_000);
});

test('eks-cilium specifics: VXLAN 8472, health 4240 + ICMP, Hubble 4244 between nodes; Cilium before the node groups; kube-proxy add-on kept', async () => {
  const run = await runStack('Pulumi.eks-cilium.yaml');
  expect(ingressRows(run, 'eks-cilium-nodes-').filter((r) => r.source === 'eks-cilium-nodes-id')).toEqual([
    { protocol: '1', from: -1, to: -1, source: 'eks-cilium-nodes-id' },
    { protocol: 'tcp', from: 10250, to: 10250, source: 'eks-cilium-nodes-id' },
    { protocol: 'tcp', from: 4240, to: 4240, source: 'eks-cilium-nodes-id' },
    { protocol: 'tcp', from: 4244, to: 4244, source: 'eks-cilium-nodes-id' },
    { protocol: 'udp', from: 8472, to: 8472, source: 'eks-cilium-nodes-id' },
  ]);
  expect(ofType(run, 'aws:eks/addon:Addon').map((a) => a.inputs.addonName).sort()).toEqual(['coredns', 'kube-proxy']);
  const groups = ofType(run, 'kubernetes:yaml:ConfigGroup').map((g) => g.name);
  // Cilium's operator registers its own CRDs, so the chart (and the stack) has only the built-in kinds.
  expect(groups).toEqual(['eks-cilium-cni-objects']);
  for (const g of ofType(run, 'aws:eks/nodeGroup:NodeGroup')) expect(run.dependsOn.get(g.name)).toEqual(expect.arrayContaining(groups));
}, 60_000);
