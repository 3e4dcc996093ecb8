/**
 * The AKS stack under mocks, for every AKS example stack config: VNet and subnets from the library's plan, the NSG
 * with an allow rule per CNI node rule (AllowVnetInBound still admits all VNet traffic), Network Contributor on the subnets, ManagedCluster networkProfile and agent pool
 * fields from src/, our manifests for a bring-your-own CNI, and a secret kubeconfig.
 */
import { readdirSync } from 'node:fs';
import { aksNetworkProfile } from '../../src/cni/azure-cni/aks-network-profile';
import { synthObjects } from '../../src/synth';
import { byoCniPlan, NETWORK_CONTRIBUTOR_ROLE } from '../../stacks/aks/network';
import { azureCniPlan } from '../../stacks/aks/azure-cni';
import { parseStackConfig, projectConfig } from '../../stacks/config';
import { nodeRules } from '../../stacks/firewall';
import { ofType, resource, runStack, stackFileConfig, STACK_CONFIG_DIR, type StackRun } from '../support/pulumi-mocks';
import { appliedObjects, k8sName, k8sType } from '../support/stack-assertions';

const STACKS = readdirSync(STACK_CONFIG_DIR).filter((f) => /^Pulumi\.aks-.*\.yaml$/.test(f)).sort();

test('there are AKS stack configs', () => {
  expect(STACKS).toEqual(expect.arrayContaining(['Pulumi.aks-calico.yaml']));
});

describe.each(STACKS)('%s', (file) => {
  const cfg = parseStackConfig(projectConfig(stackFileConfig(file)));
  if (cfg.cluster !== 'aks') throw new Error(`${file} is not an AKS stack`);
  const { network, aks } = cfg;
  const name = network.metadata.name;
  const plan = azureCniPlan(network) ?? byoCniPlan(network);
  const byo = plan.networkProfile.networkPlugin === 'none';
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack(file);
  }, 60_000);

  test('resource group, VNet and subnets sized by the plan', () => {
    expect(resource(run, 'azure-native:resources:ResourceGroup', name).inputs.location).toBe(aks.location);
    expect(resource(run, 'azure-native:network:VirtualNetwork', name).inputs.addressSpace).toEqual({ addressPrefixes: plan.vnetCidrs });
    const subnets = ofType(run, 'azure-native:network:Subnet').map((s) => `${s.name} ${s.inputs.addressPrefix}`);
    expect(subnets.sort()).toEqual(
      [`${name}-nodes ${plan.agentPool.vnetSubnetCidr ?? plan.vnetCidrs[0]}`, ...(plan.agentPool.podSubnetCidr ? [`${name}-pods ${plan.agentPool.podSubnetCidr}`] : [])].sort(),
    );
    expect(resource(run, 'azure-native:network:Subnet', `${name}-nodes`).inputs.networkSecurityGroup).toEqual({ id: `${name}-nodes-id` });
  });

  test('NSG: one allow rule per CNI node rule and the kubelet, no deny rule (the default AllowVnetInBound still admits all VNet traffic)', () => {
    const rules = resource(run, 'azure-native:network:NetworkSecurityGroup', `${name}-nodes`).inputs.securityRules;
    const expected = nodeRules(network);
    const nodeSubnet = plan.agentPool.vnetSubnetCidr ?? plan.vnetCidrs[0];
    expect(rules).toHaveLength(expected.length);
    expect(rules.filter((r: { access: string }) => r.access !== 'Allow')).toEqual([]);
    expected.forEach((r, i) => {
      expect(rules[i]).toMatchObject({
        direction: 'Inbound',
        access: 'Allow',
        priority: 100 + i * 10,
        destinationPortRange: r.fromPort === undefined ? '*' : r.toPort !== r.fromPort ? `${r.fromPort}-${r.toPort}` : String(r.fromPort),
        sourceAddressPrefixes:
          r.source === 'pods' ? network.spec.pods.cidrs : r.protocol === '-1' ? [...new Set([nodeSubnet, ...network.spec.pods.cidrs])] : [nodeSubnet],
      });
    });
  });

  test('the cluster identity is Network Contributor on every subnet, before the cluster exists', () => {
    const assignments = ofType(run, 'azure-native:authorization:RoleAssignment');
    expect(assignments.map((a) => a.inputs.scope).sort()).toEqual(ofType(run, 'azure-native:network:Subnet').map((s) => `${s.name}-id`).sort());
    for (const a of assignments) {
      expect(a.inputs.roleDefinitionId).toBe(`/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR_ROLE}`);
      expect(a.inputs.principalId).toBe(`principal-${name}-cluster`);
    }
    expect(run.dependsOn.get(name)).toEqual(assignments.map((a) => a.name));
  });

  test('ManagedCluster: networkProfile and agent pool fields from src/', () => {
    const mc = resource(run, 'azure-native:containerservice:ManagedCluster', name).inputs;
    // podCidr: the SDK's default where the plan has none (inert outside overlay / networkPlugin none).
    expect(mc.networkProfile).toEqual({ outboundType: 'loadBalancer', podCidr: '10.244.0.0/16', ...plan.networkProfile });
    expect(mc.agentPoolProfiles).toHaveLength(1);
    expect(mc.agentPoolProfiles[0]).toMatchObject({ maxPods: plan.agentPool.maxPods, vnetSubnetID: `${name}-nodes-id`, vmSize: aks.vmSize, count: network.spec.nodes.count, mode: 'System' });
    expect(mc.agentPoolProfiles[0].podSubnetID).toBe(plan.agentPool.podSubnetCidr ? `${name}-pods-id` : undefined);
    expect(mc.networkProfile.podSubnetID).toBeUndefined();
    expect(mc.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: [`${name}-cluster-id`] });
  });

  test('kubeconfig is a secret output', () => {
    expect(run.secretOutputs).toEqual(new Set(['kubeconfig']));
    expect(run.outputs.kubeconfig).toContain('kind: Config');
  });

  test(byo ? 'bring-your-own CNI: exactly the chart objects are applied on the cluster provider' : 'Azure CNI: nothing is applied', () => {
    const applied = appliedObjects(run);
    if (!byo) {
      expect(applied).toEqual([]);
      return;
    }
    const objs = synthObjects(network);
    expect(applied.map((r) => `${r.type} ${r.name}`).sort()).toEqual(objs.map((o) => `${k8sType(o)} ${k8sName(o)}`).sort());
    for (const o of objs) expect(applied.find((r) => r.type === k8sType(o) && r.name === k8sName(o))!.inputs).toEqual(o);
    for (const r of applied) expect(r.provider).toMatch(new RegExp(`::${name}-k8s::`));
  });
});

test('aks-calico specifics: networkPlugin none with the spec pod and service ranges, VXLAN 4789 allowed on the NSG', async () => {
  const run = await runStack('Pulumi.aks-calico.yaml');
  const mc = resource(run, 'azure-native:containerservice:ManagedCluster', 'aks-calico').inputs;
  expect(mc.networkProfile).toEqual({ networkPlugin: 'none', podCidr: '192.168.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10', outboundType: 'loadBalancer', loadBalancerSku: 'standard' });
  expect(mc.agentPoolProfiles[0]).toMatchObject({ maxPods: 110, enableAutoScaling: true, minCount: 3, maxCount: 20 });
  // The autoscaler owns the count after creation (no perpetual diff); the DNS prefix carries the stack.
  expect(run.options.get('azure-native:containerservice:ManagedCluster aks-calico')?.ignoreChanges).toEqual(['agentPoolProfiles[0].count']);
  expect(mc.dnsPrefix).toBe('aks-calico-test');
  const rules = resource(run, 'azure-native:network:NetworkSecurityGroup', 'aks-calico-nodes').inputs.securityRules;
  expect(rules.map((r: { name: string; protocol: string; destinationPortRange: string }) => `${r.name} ${r.protocol} ${r.destinationPortRange}`)).toEqual(['cni-udp-4789 Udp 4789', 'cni-tcp-10250 Tcp 10250']);
}, 60_000);

describe('Azure CNI', () => {
  test('aks-overlay-cilium: overlay networkProfile from src/, pod range allowed on the NSG (routed without encapsulation)', async () => {
    const run = await runStack('Pulumi.aks-overlay-cilium.yaml');
    const mc = resource(run, 'azure-native:containerservice:ManagedCluster', 'aks-overlay').inputs;
    const network = parseStackConfig(projectConfig(stackFileConfig('Pulumi.aks-overlay-cilium.yaml'))).network;
    expect(mc.networkProfile).toEqual({ ...aksNetworkProfile(network).networkProfile, outboundType: 'loadBalancer' });
    // aksNetworkProfile's output for this example is pinned literally in test/azure-cni.test.ts.
    expect(mc.networkProfile).toMatchObject({ networkPluginMode: 'overlay', networkDataplane: 'cilium', networkPolicy: 'cilium', podCidr: '10.244.0.0/16' });
    expect(mc.agentPoolProfiles[0]).toMatchObject({ maxPods: 250, vnetSubnetID: 'aks-overlay-nodes-id', vmSize: 'Standard_D8s_v5' });
    expect(mc.agentPoolProfiles[0].podSubnetID).toBeUndefined();
    expect(ofType(run, 'azure-native:network:Subnet').map((s) => s.inputs.addressPrefix)).toEqual(['10.224.0.0/24']);
    const rules = resource(run, 'azure-native:network:NetworkSecurityGroup', 'aks-overlay-nodes').inputs.securityRules;
    expect(rules.map((r: any) => [r.name, r.protocol, r.sourceAddressPrefixes, r.destinationPortRange])).toEqual([
      ['cni-tcp-10250', 'Tcp', ['10.224.0.0/24'], '10250'],
      ['cni-pods-all', '*', ['10.244.0.0/16'], '*'],
    ]);
    expect(appliedObjects(run)).toEqual([]);
  }, 60_000);

  test('aks-podsubnet: node and pod subnets from the plan, podSubnetID and allocation mode on the pool', async () => {
    const run = await runStack('Pulumi.aks-podsubnet.yaml');
    const mc = resource(run, 'azure-native:containerservice:ManagedCluster', 'aks-podsubnet').inputs;
    // No pod range in the plan (VNet-native pods); the SDK fills in podCidr 10.244.0.0/16, which AKS ignores here.
    expect(mc.networkProfile).toEqual({ networkPlugin: 'azure', networkDataplane: 'azure', networkPolicy: 'calico', podCidr: '10.244.0.0/16', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10', outboundType: 'loadBalancer' });
    expect(mc.agentPoolProfiles[0]).toMatchObject({ maxPods: 110, vnetSubnetID: 'aks-podsubnet-nodes-id', podSubnetID: 'aks-podsubnet-pods-id', podIPAllocationMode: 'DynamicIndividual' });
    expect(ofType(run, 'azure-native:network:Subnet').map((s) => `${s.name} ${s.inputs.addressPrefix}`)).toEqual(['aks-podsubnet-nodes 10.240.0.0/24', 'aks-podsubnet-pods 10.241.0.0/16']);
    expect(ofType(run, 'azure-native:authorization:RoleAssignment').map((a) => a.inputs.scope)).toEqual(['aks-podsubnet-nodes-id', 'aks-podsubnet-pods-id']);
    const rules = resource(run, 'azure-native:network:NetworkSecurityGroup', 'aks-podsubnet-nodes').inputs.securityRules;
    expect(rules.map((r: any) => [r.name, r.protocol, r.sourceAddressPrefixes])).toEqual([
      ['cni-tcp-10250', 'Tcp', ['10.240.0.0/24']],
      ['cni-all', '*', ['10.240.0.0/24', '10.241.0.0/16']],
    ]);
  }, 60_000);
});
