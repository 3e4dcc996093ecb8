/**
 * AKS from a ClusterNetwork (issue 7): resource group, VNet and node / pod subnets sized by the library's plan, an NSG
 * on the node subnet whose allow rules name the CNI's node-to-node traffic (documentation, not enforcement: Azure's
 * default AllowVnetInBound rule still allows all VNet traffic below them), a user-assigned cluster identity with Network
 * Contributor on the subnets, the ManagedCluster with the networkProfile and agent-pool fields from `src/`, and for a
 * bring-your-own CNI (`networkPlugin: none`) our manifests applied.
 */
import * as azure from '@pulumi/azure-native';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { rulePorts } from '../../src/reports/firewall';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { synthObjects } from '../../src/synth';
import { ClusterManifests } from '../apply-manifests';
import type { AksConfig } from '../config';
import { nodeRules, ruleSlug, type NodeRule } from '../firewall';
import { azureCniPlan, type AksProfile, type AzureCniPlan } from './azure-cni';

/** Built-in role "Network Contributor". */
export const NETWORK_CONTRIBUTOR_ROLE = '4d97b98b-1d4f-4787-a291-c67834d212e7';

export interface AksStackOutputs {
  readonly clusterName: pulumi.Output<string>;
  /** User kubeconfig (secret). */
  readonly kubeconfig: pulumi.Output<string>;
}

/** NSG protocol for a node rule: TCP/UDP/ESP/AH by name; other IP protocols (e.g. IP-in-IP, 4) only as `*`. */
export function nsgProtocol(protocol: string): string {
  switch (protocol) {
    case 'tcp':
      return 'Tcp';
    case 'udp':
      return 'Udp';
    case '50':
      return 'Esp';
    case '51':
      return 'Ah';
    case '1':
      return 'Icmp';
    default:
      return '*';
  }
}

/**
 * Inbound NSG allow rules (priorities 100, 110, …) for the node subnet, one per node rule of the network. They do not
 * narrow VNet traffic: the default AllowVnetInBound (65000) admits everything from the VNet anyway.
 */
export function nsgRules(network: ResolvedClusterNetwork, nodeSubnet: string): azure.types.input.network.SecurityRuleArgs[] {
  return nodeRules(network).flatMap((r: NodeRule, i) => {
    // Pods with VNet addresses outside the node subnet (mode podsubnet) are sources of pod traffic too.
    const sources = r.source === 'nodes' ? (r.protocol === '-1' ? [...new Set([nodeSubnet, ...network.spec.pods.cidrs])] : [nodeSubnet]) : network.spec.pods.cidrs;
    const ports = rulePorts(r) ?? '*';
    return [
      {
        name: `cni-${ruleSlug(r)}`,
        priority: 100 + i * 10,
        direction: 'Inbound',
        access: 'Allow',
        protocol: nsgProtocol(r.protocol),
        sourceAddressPrefixes: sources,
        sourcePortRange: '*',
        destinationAddressPrefix: nodeSubnet,
        destinationPortRange: ports,
        description: r.protocol === '-1' || nsgProtocol(r.protocol) !== '*' ? r.description : `${r.description} (IP protocol ${r.protocol}; NSGs select it only as *)`,
      },
    ];
  });
}

/**
 * The bring-your-own-CNI profile: AKS installs no CNI; the spec's service range and DNS address, and `podCidr` = the
 * spec's pod range — AKS allocates no node ranges from it here, but its kube-proxy uses it as clusterCIDR (and the
 * SDK would otherwise default it to 10.244.0.0/16).
 */
export function byoCniPlan(network: ResolvedClusterNetwork): AzureCniPlan {
  const nodes = network.spec.nodes.cidrs!;
  return {
    networkProfile: {
      networkPlugin: 'none',
      podCidr: network.spec.pods.cidrs[0],
      serviceCidr: network.spec.services.cidrs[0],
      dnsServiceIP: network.spec.services.dnsIP,
      outboundType: 'loadBalancer',
      loadBalancerSku: 'standard',
    } satisfies AksProfile,
    vnetCidrs: nodes,
    agentPool: { maxPods: network.spec.pods.maxPerNode, vnetSubnetCidr: nodes[0] },
  };
}

export function aksStack(network: ResolvedClusterNetwork, aks: AksConfig): AksStackOutputs {
  const name = network.metadata.name;
  const plan = azureCniPlan(network) ?? byoCniPlan(network);
  const byoCni = plan.networkProfile.networkPlugin === 'none';
  const rg = new azure.resources.ResourceGroup(name, { location: aks.location });
  const vnet = new azure.network.VirtualNetwork(name, { resourceGroupName: rg.name, location: rg.location, addressSpace: { addressPrefixes: [...plan.vnetCidrs] } }, { ignoreChanges: ['subnets'] });
  const nodeSubnetCidr = plan.agentPool.vnetSubnetCidr ?? plan.vnetCidrs[0];
  const nsg = new azure.network.NetworkSecurityGroup(`${name}-nodes`, { resourceGroupName: rg.name, location: rg.location, securityRules: nsgRules(network, nodeSubnetCidr) });
  const nodeSubnet = new azure.network.Subnet(`${name}-nodes`, { resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefix: nodeSubnetCidr, networkSecurityGroup: { id: nsg.id } });
  const podSubnet = plan.agentPool.podSubnetCidr
    ? new azure.network.Subnet(`${name}-pods`, { resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefix: plan.agentPool.podSubnetCidr }, { dependsOn: [nodeSubnet] })
    : undefined;

  // The cluster identity manages load balancers and routes on our subnets: Network Contributor on each of them.
  const identity = new azure.managedidentity.UserAssignedIdentity(`${name}-cluster`, { resourceGroupName: rg.name, location: rg.location });
  const subscriptionId = azure.authorization.getClientConfigOutput().subscriptionId;
  const roleAssignments = [nodeSubnet, ...(podSubnet ? [podSubnet] : [])].map(
    (subnet, i) =>
      new azure.authorization.RoleAssignment(`${name}-network-contributor-${i === 0 ? 'nodes' : 'pods'}`, {
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
        roleDefinitionId: pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR_ROLE}`,
        scope: subnet.id,
      }),
  );

  const cluster = new azure.containerservice.ManagedCluster(
    name,
    {
      resourceGroupName: rg.name,
      location: rg.location,
      dnsPrefix: aks.dnsPrefix ?? name,
      kubernetesVersion: aks.kubernetesVersion,
      enableRBAC: true,
      identity: { type: 'UserAssigned', userAssignedIdentities: [identity.id] },
      // The SDK fills in podCidr 10.244.0.0/16 when unset; AKS uses podCidr only for overlay / kubenet (and for
      // kube-proxy with networkPlugin none, where we set it), so for the VNet-native modes it is inert.
      networkProfile: { outboundType: 'loadBalancer', ...plan.networkProfile } satisfies AksProfile,
      agentPoolProfiles: [
        {
          name: 'system',
          mode: 'System',
          osType: 'Linux',
          type: 'VirtualMachineScaleSets',
          vmSize: aks.vmSize,
          count: network.spec.nodes.count,
          enableAutoScaling: network.spec.nodes.maxCount > network.spec.nodes.count,
          ...(network.spec.nodes.maxCount > network.spec.nodes.count ? { minCount: network.spec.nodes.count, maxCount: network.spec.nodes.maxCount } : {}),
          maxPods: plan.agentPool.maxPods,
          vnetSubnetID: nodeSubnet.id,
          ...(podSubnet ? { podSubnetID: podSubnet.id } : {}),
          ...(plan.agentPool.podIPAllocationMode ? { podIPAllocationMode: plan.agentPool.podIPAllocationMode } : {}),
        },
      ],
    },
    { dependsOn: roleAssignments },
  );

  const credentials = azure.containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName: rg.name, resourceName: cluster.name });
  const kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((k) => Buffer.from(k[0].value, 'base64').toString('utf8')));
  if (byoCni) {
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig, enableServerSideApply: true });
    new ClusterManifests(`${name}-cni`, { objects: synthObjects(network), provider }, { dependsOn: [cluster] });
  }
  return { clusterName: cluster.name, kubeconfig };
}
