/**
 * The cluster components under mocks, through the stack program: inputs that used to register half a stack before a
 * cloud API (or a later step) refused them now stop before the first resource; security groups for pods, add-on
 * versions, existing VPC / VNet and the platform-team options reach the resources.
 */
import { loadExample } from '../support/examples';
import { ofType, resource, runFailingStack, runStack, stackFileConfig, type StackRun } from '../support/pulumi-mocks';

function config(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`cdk8s-cni:${k}`, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** Runs a config that must fail: the error's `path: message` lines; asserts nothing but the stack was registered. */
async function failure(cfg: Record<string, string>): Promise<string[]> {
  const { error, resources } = await runFailingStack(cfg);
  expect((error as { __pulumiRunError?: boolean }).__pulumiRunError).toBe(true);
  expect(resources.map((r) => r.type)).toEqual(['pulumi:pulumi:Stack']);
  return error.message.split('\n').slice(1);
}

const prefixSpec = () => loadExample('eks-prefix-delegation.yaml');
const withCni = (spec: any, cni: Record<string, unknown>) => ({ ...spec, spec: { ...spec.spec, cni: { ...spec.spec.cni, ...cni } } });
const aksCalico = () => JSON.parse(stackFileConfig('Pulumi.aks-calico.yaml')['cdk8s-cni:network']);
const EKS_ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

describe('nothing is created before every check has run', () => {
  test('EKS: nodeAgent false with the vpc-cni add-on is refused at its spec path (it used to throw after the VPC, IAM and the cluster)', async () => {
    const lines = await failure(config({ cluster: 'eks', eks: { availabilityZones: EKS_ZONES }, network: withCni(prefixSpec(), { nodeAgent: false, networkPolicy: { enabled: false } }) }));
    expect(lines).toEqual(['spec.cni.nodeAgent: is false, but the EKS vpc-cni add-on always runs the node agent (allowed on cluster eks: true, the default)']);
  }, 60_000);

  test('AKS: a bring-your-own-CNI pod range inside an AKS-reserved range is refused (Azure would refuse it after 50 resources)', async () => {
    const spec = aksCalico();
    spec.spec.pods.cidrs = ['172.30.0.0/16'];
    spec.spec.cni.ipPools[0].cidr = '172.30.0.0/16';
    const lines = await failure(config({ cluster: 'aks', aks: { location: 'westeurope' }, network: spec }));
    expect(lines).toEqual(['spec.pods.cidrs[0]: 172.30.0.0/16 overlaps 172.30.0.0/16, a range AKS reserves (allowed: ranges outside 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, 192.0.2.0/24)']);
  }, 60_000);

  test('EKS: node groups that may grow beyond spec.nodes.maxCount are refused (subnets and prefix reservations are sized for maxCount)', async () => {
    const groups = [
      { name: 'a', instanceType: 'm5.large', maxSize: 20 },
      { name: 'b', instanceType: 'm6i.xlarge', maxSize: 20 },
    ];
    const lines = await failure(config({ cluster: 'eks', eks: { availabilityZones: EKS_ZONES, nodeGroups: groups }, network: prefixSpec() }));
    expect(lines).toEqual(["cdk8s-cni:eks.nodeGroups: the node groups' maxSize add up to 40 nodes, more than spec.nodes.maxCount 30 the network is planned for (allowed: at most 30 in total, or raise spec.nodes.maxCount)"]);
  }, 60_000);

  test('AKS: user pools count towards spec.nodes.maxCount', async () => {
    const lines = await failure(config({ cluster: 'aks', aks: { location: 'westeurope', userPools: [{ name: 'apps', vmSize: 'Standard_D8s_v5', count: 2, maxCount: 30 }] }, network: aksCalico() }));
    expect(lines).toEqual(["cdk8s-cni:aks.userPools: the pools' maxCount add up to 33 nodes, more than spec.nodes.maxCount 20 the network is planned for (allowed: at most 20 in total, or raise spec.nodes.maxCount)"]);
  }, 60_000);

  test('EKS with an existing VPC: subnets are checked against the IP plan (inside the VPC range, every zone, large enough)', async () => {
    const vpc = {
      id: 'vpc-0123',
      privateSubnets: [
        { id: 'subnet-a', zone: 'eu-west-1a', cidr: '10.0.0.0/19' },
        { id: 'subnet-b', zone: 'eu-west-1b', cidr: '10.1.0.0/19' },
        { id: 'subnet-c', zone: 'eu-west-1b', cidr: '10.0.96.0/28' },
      ],
    };
    const lines = await failure(config({ cluster: 'eks', eks: { availabilityZones: EKS_ZONES, vpc }, network: prefixSpec() }));
    expect(lines).toEqual([
      'cdk8s-cni:eks.vpc.privateSubnets: have subnets in [eu-west-1a, eu-west-1b] but none in [eu-west-1c] (allowed: one private subnet in each cluster zone, at least two zones)',
      'cdk8s-cni:eks.vpc.privateSubnets[1].cidr: 10.1.0.0/19 is not inside spec.nodes.cidrs [10.0.0.0/16] (allowed: subnets of the ranges the spec plans)',
      'cdk8s-cni:eks.vpc.privateSubnets[2].cidr: 10.0.96.0/28 has 11 usable addresses, but 10 nodes and their 1100 pods need 1110 (allowed: a larger subnet, or a smaller spec.nodes.maxCount / spec.pods.maxPerNode)',
    ]);
  }, 60_000);
});

describe('EKS platform options', () => {
  let run: StackRun;
  const vpc = {
    id: 'vpc-0123',
    privateSubnets: EKS_ZONES.map((zone, i) => ({ id: `subnet-${i}`, zone, cidr: `10.0.${i * 32}.0/19` })),
  };
  beforeAll(async () => {
    const eks = {
      vpc,
      clusterName: 'platform-prod',
      endpoint: { publicAccess: true, publicAccessCidrs: ['203.0.113.0/24'], privateAccess: true },
      accessEntries: [{ principalArn: 'arn:aws:iam::111122223333:role/ci', policy: 'edit', namespaces: ['apps'] }, { principalArn: 'arn:aws:iam::111122223333:role/admin' }],
      oidcProvider: true,
      addonVersions: { 'vpc-cni': 'v1.19.2-eksbuild.1', coredns: 'v1.11.4-eksbuild.2' },
      nodeGroups: [
        { name: 'general', instanceType: 'm6i.xlarge', desiredSize: 3, maxSize: 20, labels: { pool: 'general' }, diskSize: 100 },
        { name: 'spot', instanceType: 'm5.large', desiredSize: 0, maxSize: 10, capacityType: 'SPOT', maxPods: 58, taints: [{ key: 'spot', value: 'true', effect: 'NO_SCHEDULE' }] },
      ],
    };
    run = await runStack(config({ cluster: 'eks', eks, network: withCni(prefixSpec(), { podENI: true }) }));
  }, 60_000);

  test('an existing VPC: no VPC, subnet or NAT is created; the cluster and node groups use the given subnets; reservations go into them', () => {
    expect(ofType(run, 'aws:ec2/vpc:Vpc')).toEqual([]);
    expect(ofType(run, 'aws:ec2/subnet:Subnet')).toEqual([]);
    expect(ofType(run, 'aws:ec2/natGateway:NatGateway')).toEqual([]);
    const cluster = resource(run, 'aws:eks/cluster:Cluster', 'eks-prefix').inputs;
    expect(cluster.vpcConfig).toEqual({ subnetIds: ['subnet-0', 'subnet-1', 'subnet-2'], endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] });
    expect(resource(run, 'aws:ec2/securityGroup:SecurityGroup', 'eks-prefix-nodes').inputs.vpcId).toBe('vpc-0123');
    for (const g of ofType(run, 'aws:eks/nodeGroup:NodeGroup')) expect(g.inputs.subnetIds).toEqual(['subnet-0', 'subnet-1', 'subnet-2']);
    expect(ofType(run, 'aws:ec2/subnetCidrReservation:SubnetCidrReservation').map((r) => [r.inputs.subnetId, r.inputs.cidrBlock])).toEqual([
      ['subnet-0', '10.0.24.0/21'],
      ['subnet-1', '10.0.56.0/21'],
      ['subnet-2', '10.0.88.0/21'],
    ]);
    expect(run.outputs.privateSubnetIds).toEqual(['subnet-0', 'subnet-1', 'subnet-2']);
  });

  test('physical names: the configured cluster name, on the cluster, the IAM condition and the node tags', () => {
    expect(resource(run, 'aws:eks/cluster:Cluster', 'eks-prefix').inputs.name).toBe('platform-prod');
    expect(run.outputs.clusterName).toBe('platform-prod');
  });

  test('security groups for pods: AmazonEKSVPCResourceController on the cluster role, before the cluster', () => {
    const attachment = resource(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'eks-prefix-cluster-vpc-resource-controller').inputs;
    expect(attachment).toEqual({ role: 'eks-prefix-cluster', policyArn: 'arn:aws:iam::aws:policy/AmazonEKSVPCResourceController' });
    expect(run.dependsOn.get('eks-prefix')).toEqual(expect.arrayContaining(['eks-prefix-cluster-policy', 'eks-prefix-cluster-vpc-resource-controller']));
  });

  test('access entries with their access policy and scope; an OIDC provider for IRSA on the cluster issuer', () => {
    expect(ofType(run, 'aws:eks/accessEntry:AccessEntry').map((e) => e.inputs.principalArn)).toEqual(['arn:aws:iam::111122223333:role/ci', 'arn:aws:iam::111122223333:role/admin']);
    expect(ofType(run, 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation').map((a) => [a.inputs.policyArn, a.inputs.accessScope])).toEqual([
      ['arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy', { type: 'namespace', namespaces: ['apps'] }],
      ['arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', { type: 'cluster' }],
    ]);
    expect(resource(run, 'aws:iam/openIdConnectProvider:OpenIdConnectProvider', 'eks-prefix-oidc').inputs).toEqual({ url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/eks-prefix', clientIdLists: ['sts.amazonaws.com'] });
  });

  test('add-on versions are pinned where given, left to EKS elsewhere', () => {
    const versions = Object.fromEntries(ofType(run, 'aws:eks/addon:Addon').map((a) => [a.inputs.addonName, a.inputs.addonVersion]));
    expect(versions).toEqual({ 'kube-proxy': undefined, 'eks-pod-identity-agent': undefined, 'vpc-cni': 'v1.19.2-eksbuild.1', coredns: 'v1.11.4-eksbuild.2' });
  });

  test('node groups: labels, taints, capacity type, disk size; maxPods per group (a configured value only lowers it)', () => {
    const general = resource(run, 'aws:eks/nodeGroup:NodeGroup', 'eks-prefix-general').inputs;
    expect(general).toMatchObject({ instanceTypes: ['m6i.xlarge'], capacityType: 'ON_DEMAND', labels: { pool: 'general' }, taints: [], scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 20 } });
    const spot = resource(run, 'aws:eks/nodeGroup:NodeGroup', 'eks-prefix-spot').inputs;
    expect(spot).toMatchObject({ capacityType: 'SPOT', taints: [{ key: 'spot', value: 'true', effect: 'NO_SCHEDULE' }], scalingConfig: { desiredSize: 0, minSize: 0, maxSize: 10 } });
    expect(resource(run, 'aws:ec2/launchTemplate:LaunchTemplate', 'eks-prefix-general').inputs.blockDeviceMappings).toEqual([
      { deviceName: '/dev/xvda', ebs: { volumeSize: 100, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
    ]);
    const spotData = Buffer.from(resource(run, 'aws:ec2/launchTemplate:LaunchTemplate', 'eks-prefix-spot').inputs.userData, 'base64').toString('utf8');
    expect(spotData).toContain('--register-with-taints=spot=true:NoSchedule');
    // m6i.xlarge with prefix delegation: 110 (spec.pods.maxPerNode); the spot group is lowered to 58.
    expect(run.outputs.maxPods).toEqual({ general: 110, spot: 58 });
  });
});

test('EKS: one NAT gateway per zone when asked, each zone routed through its own', async () => {
  const run = await runStack(config({ cluster: 'eks', eks: { availabilityZones: EKS_ZONES, natGateways: 'perZone' }, network: prefixSpec() }));
  const nats = ofType(run, 'aws:ec2/natGateway:NatGateway');
  expect(nats.map((n) => n.inputs.subnetId)).toEqual(EKS_ZONES.map((z) => `eks-prefix-public-${z}-id`));
  const associations = ofType(run, 'aws:ec2/routeTableAssociation:RouteTableAssociation').filter((a) => a.name.startsWith('eks-prefix-private-rt-'));
  expect(associations.map((a) => [a.inputs.subnetId, a.inputs.routeTableId])).toEqual(EKS_ZONES.map((z) => [`eks-prefix-private-${z}-id`, `eks-prefix-private-${z}-id`]));
}, 60_000);

describe('AKS platform options', () => {
  let run: StackRun;
  beforeAll(async () => {
    const aks = {
      location: 'westeurope',
      zones: ['1', '2', '3'],
      entraId: { adminGroupObjectIds: ['00000000-0000-0000-0000-00000000a001'] },
      apiServer: { authorizedIpRanges: ['203.0.113.0/24'] },
      systemPool: { count: 3, maxCount: 5 },
      userPools: [{ name: 'apps', vmSize: 'Standard_D8s_v5', count: 2, maxCount: 15, labels: { pool: 'apps' }, taints: ['dedicated=apps:NoSchedule'] }],
      vnet: { nodeSubnet: { id: '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks', cidr: '10.224.0.0/20' } },
    };
    run = await runStack(config({ cluster: 'aks', aks, network: aksCalico() }));
  }, 60_000);

  test('an existing VNet: no VNet, subnet or NSG is created; Network Contributor on the given subnet', () => {
    expect(ofType(run, 'azure-native:network:VirtualNetwork')).toEqual([]);
    expect(ofType(run, 'azure-native:network:Subnet')).toEqual([]);
    expect(ofType(run, 'azure-native:authorization:RoleAssignment').map((a) => a.inputs.scope)).toEqual(['/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks']);
  });

  test('Entra ID with local accounts off, authorized IP ranges, zones, a user pool; autoscaled counts ignored after creation', () => {
    const mc = resource(run, 'azure-native:containerservice:ManagedCluster', 'aks-calico').inputs;
    expect(mc).toMatchObject({
      dnsPrefix: 'aks-calico-test',
      disableLocalAccounts: true,
      aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ['00000000-0000-0000-0000-00000000a001'] },
      apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'], enablePrivateCluster: false },
    });
    expect(mc.agentPoolProfiles.map((p: any) => [p.name, p.mode, p.count, p.minCount, p.maxCount, p.availabilityZones])).toEqual([
      ['system', 'System', 3, 3, 5, ['1', '2', '3']],
      ['apps', 'User', 2, 2, 15, ['1', '2', '3']],
    ]);
    expect(mc.agentPoolProfiles[1]).toMatchObject({ nodeLabels: { pool: 'apps' }, nodeTaints: ['dedicated=apps:NoSchedule'], vnetSubnetID: '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/aks' });
    expect(run.options.get('azure-native:containerservice:ManagedCluster aks-calico')?.ignoreChanges).toEqual(['agentPoolProfiles[0].count', 'agentPoolProfiles[1].count']);
    // The user kubeconfig in exec format (kubelogin), since local accounts are off.
    expect(run.calls.find((c) => c.token === 'azure-native:containerservice:listManagedClusterUserCredentials')?.inputs.format).toBe('exec');
  });

  test('the CNI objects go with the cluster (deletedWith); every resource is a child of the AksCluster', () => {
    const groups = ofType(run, 'kubernetes:yaml:ConfigGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(run.options.get(`${g.type} ${g.name}`)?.deletedWith).toBe('aks-calico');
    const top = [...run.options.entries()].filter(([, o]) => o.parent === undefined || o.parent.startsWith('pulumi:pulumi:Stack'));
    expect(top.map(([k]) => k)).toEqual(['cdk8s-cni:index:AksCluster aks-calico']);
  });
});

describe('ClusterNetworkManifests on any provider', () => {
  // Specs as parsed YAML (`any`), the way a program reads them from a file.
  const program = (network: any) => ({
    project: 'manifests-only',
    load: async () => {
      const k8s = await import('@pulumi/kubernetes');
      const { ClusterNetworkManifests } = await import('../../stacks/components');
      const provider = new k8s.Provider('existing', { kubeconfig: 'apiVersion: v1\nkind: Config\n' });
      const m = new ClusterNetworkManifests('net', { network, provider });
      return { objects: m.appliedObjects.length };
    },
  });

  test('CRDs first, then the objects, then the custom resources; every object a child of the component', async () => {
    const run = await runStack({}, { program: program(loadExample('calico-vxlan.yaml')) });
    expect(ofType(run, 'kubernetes:yaml:ConfigGroup').map((g) => g.name)).toEqual(['net-crds', 'net-objects', 'net-custom-resources']);
    expect(run.dependsOn.get('net-objects')).toEqual(['net-crds']);
    expect(run.dependsOn.get('net-custom-resources')).toEqual(['net-crds', 'net-objects']);
    for (const g of ofType(run, 'kubernetes:yaml:ConfigGroup')) expect(run.options.get(`${g.type} ${g.name}`)?.parent).toBe('cdk8s-cni:index:ClusterNetworkManifests net');
    expect(run.outputs.objects).toBeGreaterThan(0);
  }, 60_000);

  test('an invalid spec registers nothing of the component', async () => {
    const spec = loadExample('calico-vxlan.yaml');
    const { error, resources } = await runFailingStack({}, { program: program({ ...spec, spec: { ...spec.spec, cni: { ...spec.spec.cni, ipPools: 'none' } } }) });
    expect(error.message.split('\n')[0]).toBe('invalid network for net:');
    expect(error.message).toMatch(/^spec\.cni\.ipPools: /m);
    expect(resources.map((r) => r.type)).toEqual(['pulumi:pulumi:Stack', 'pulumi:providers:kubernetes']);
  }, 60_000);
});
