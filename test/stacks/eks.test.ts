/**
 * The EKS stack under mocks, for every EKS example stack config: VPC/subnets from spec.nodes.cidrs, the CNI before any
 * node group (explicit dependencies), launch-template max pods, node security-group rules exactly from the CNI, and
 * a secret kubeconfig.
 */
import { readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { vpcSubnetLayout } from '../../src/plan/subnets';
import { synthObjects } from '../../src/synth';
import { parseStackConfig, projectConfig } from '../../stacks/config';
import { nodeRules } from '../../stacks/firewall';
import { ofType, resource, runStack, stackFileConfig, STACK_CONFIG_DIR, type StackRun } from '../support/pulumi-mocks';
import { appliedObjects, ingressRows, k8sName, k8sType } from '../support/stack-assertions';

const STACKS = readdirSync(STACK_CONFIG_DIR).filter((f) => /^Pulumi\.eks-.*\.yaml$/.test(f)).sort();

test('there are EKS stack configs', () => {
  expect(STACKS).toEqual(expect.arrayContaining(['Pulumi.eks-calico.yaml']));
});

/** Decodes launch-template user data and returns the kubelet maxPods of its NodeConfig. */
function launchTemplateMaxPods(userData: string): number {
  const text = Buffer.from(userData, 'base64').toString('utf8');
  const part = /Content-Type: application\/node\.eks\.aws\n\n---\n([\s\S]*?)\n--CDK8S-CNI-BOUNDARY/.exec(text);
  if (!part) throw new Error(`no NodeConfig in user data:\n${text}`);
  return (parse(part[1]) as { spec: { kubelet: { config: { maxPods: number } } } }).spec.kubelet.config.maxPods;
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
    const layout = vpcSubnetLayout(network.spec.nodes.cidrs![0], eks.availabilityZones.length);
    eks.availabilityZones.forEach((z, i) => {
      expect(resource(run, 'aws:ec2/subnet:Subnet', `${name}-private-${z}`).inputs).toMatchObject({ cidrBlock: layout.private[i], availabilityZone: z });
      expect(resource(run, 'aws:ec2/subnet:Subnet', `${name}-public-${z}`).inputs).toMatchObject({ cidrBlock: layout.public[i], availabilityZone: z, mapPublicIpOnLaunch: true });
    });
  });

  test('cluster: no self-managed add-ons, service range from the spec, API authentication', () => {
    expect(resource(run, 'aws:eks/cluster:Cluster', name).inputs).toMatchObject({
      name,
      version: eks.kubernetesVersion,
      bootstrapSelfManagedAddons: false,
      kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: network.spec.services.cidrs[0] },
      accessConfig: { authenticationMode: 'API' },
    });
  });

  test('node groups depend on the CNI (add-on or applied manifests) and kube-proxy; CoreDNS waits for nodes', () => {
    const groups = ofType(run, 'aws:eks/nodeGroup:NodeGroup');
    expect(groups.length).toBeGreaterThan(0);
    const cniFirst = network.spec.cni.type === ('aws-vpc-cni' as string) ? [`${name}-vpc-cni`] : [`${name}-cni-objects`];
    for (const g of groups) expect(run.dependsOn.get(g.name)).toEqual(expect.arrayContaining([...cniFirst, `${name}-kube-proxy`]));
    expect(run.dependsOn.get(`${name}-coredns`)).toEqual(groups.map((g) => g.name));
  });

  test('node groups: launch template with the node security group and maxPods equal to the output', () => {
    for (const g of ofType(run, 'aws:eks/nodeGroup:NodeGroup')) {
      const group = g.inputs.nodeGroupName as string;
      const lt = resource(run, 'aws:ec2/launchTemplate:LaunchTemplate', `${name}-${group}`).inputs;
      expect(lt.vpcSecurityGroupIds).toEqual([`${name}-nodes-id`]);
      expect(lt.metadataOptions).toMatchObject({ httpTokens: 'required' });
      expect(launchTemplateMaxPods(lt.userData)).toBe(run.outputs.maxPods[group]);
      expect(g.inputs).toMatchObject({ amiType: 'AL2023_x86_64_STANDARD', launchTemplate: { id: `${name}-${group}-id`, version: '1' } });
    }
  });

  test('node security group: exactly the CNI rules and kubelet between nodes, plus control plane <-> nodes', () => {
    const sg = `${name}-nodes-id`;
    const cni = nodeRules(network).map((r) => ({ protocol: r.protocol, ...(r.fromPort !== undefined ? { from: r.fromPort, to: r.toPort ?? r.fromPort } : {}), source: r.source === 'nodes' ? sg : network.spec.pods.cidrs[0] }));
    const controlPlane = [
      { protocol: 'tcp', from: 10250, to: 10250, source: 'sg-eks-cluster' },
      { protocol: 'tcp', from: 443, to: 443, source: 'sg-eks-cluster' },
    ];
    const sort = (rows: object[]) => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(ingressRows(run, `${name}-nodes-`)).toEqual(sort([...cni, ...controlPlane]));
    expect(ingressRows(run, `${name}-control-plane-from-nodes`)).toEqual([{ protocol: 'tcp', from: 443, to: 443, source: sg }]);
  });

  test('IAM: the node role has no CNI policy', () => {
    const attached = ofType(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment').filter((a) => a.name.startsWith(`${name}-node-`)).map((a) => a.inputs.policyArn);
    expect(attached.sort()).toEqual(['arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly', 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy']);
  });

  test('kubeconfig is a secret output, on the provider too', () => {
    expect(run.secretOutputs).toEqual(new Set(['kubeconfig']));
    expect(run.outputs.kubeconfig).toContain(`server: https://${name}.eks.example`);
    expect(run.outputs.kubeconfig).toContain('command: aws');
    expect(resource(run, 'pulumi:providers:kubernetes', `${name}-k8s`).secretPaths).toContain('kubeconfig');
    expect(run.outputs.clusterName).toBe(name);
  });

  test('instance limits come from the AWS API for every node group type (VPC CNI) — or are not needed', () => {
    const looked = run.calls.filter((c) => c.token === 'aws:ec2/getInstanceType:getInstanceType').map((c) => c.inputs.instanceType);
    const types = ofType(run, 'aws:eks/nodeGroup:NodeGroup').map((g) => g.inputs.instanceTypes[0]);
    expect(looked.sort()).toEqual(network.spec.cni.type === ('aws-vpc-cni' as string) ? types.sort() : []);
  });

  if (network.spec.cni.type !== ('aws-vpc-cni' as string)) {
    test('bring-your-own CNI: the chart objects are applied on the cluster provider; no vpc-cni add-on', () => {
      const objs = synthObjects(network);
      const applied = appliedObjects(run);
      expect(applied.map((r) => `${r.type} ${r.name}`).sort()).toEqual(objs.map((o) => `${k8sType(o)} ${k8sName(o)}`).sort());
      for (const o of objs) expect(applied.find((r) => r.type === k8sType(o) && r.name === k8sName(o))!.inputs).toEqual(o);
      expect(ofType(run, 'aws:eks/addon:Addon').map((a) => a.inputs.addonName).sort()).toEqual(['coredns', 'kube-proxy']);
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
