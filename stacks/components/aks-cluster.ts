/**
 * AksCluster: an AKS cluster whose networking comes from a ClusterNetwork spec. Every check runs and every derived value
 * (network profile, subnets, pools) is computed before the first resource; an invalid input registers nothing.
 *
 * Built: a resource group, the VNet with node / pod subnets sized by the library's plan (or yours), an NSG whose allow
 * rules name the CNI's node traffic, a user-assigned cluster identity with Network Contributor on the subnets, the
 * ManagedCluster with the networkProfile and agent-pool fields from `src/`, and for a bring-your-own CNI
 * (`networkPlugin: none`) the spec's manifests.
 */
import * as azure from '@pulumi/azure-native';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ClusterNetworkSpec } from '../../src/spec/schema';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { azureCniPlan, type AksProfile } from '../aks/azure-cni';
import { byoCniPlan, NETWORK_CONTRIBUTOR_ROLE, nsgRules } from '../aks/network';
import { aksPools } from '../aks/plan';
import { aksChecks } from '../checks';
import { aksOptionsSchema, type AksClusterOptions } from '../options';
import { ClusterNetworkManifests } from './manifests';
import { checkedOptions, logWarnings } from './prepare';

export interface AksClusterArgs extends AksClusterOptions {
  /** The ClusterNetwork document (validated before anything is created) or a resolved network. */
  readonly network: ClusterNetworkSpec | ResolvedClusterNetwork;
}

function prepare(name: string, args: AksClusterArgs) {
  const { network: doc, ...options } = args;
  const checked = checkedOptions(`AksCluster ${name}`, name, doc, options, aksOptionsSchema, (n, c) => aksChecks(n, c, name));
  const plan = azureCniPlan(checked.network) ?? byoCniPlan(checked.network);
  return { ...checked, plan, pools: aksPools(checked.network, checked.cfg), dnsPrefix: checked.cfg.dnsPrefix ?? `${checked.network.metadata.name}-${pulumi.getStack()}`.slice(0, 54) };
}

export class AksCluster extends pulumi.ComponentResource {
  public readonly clusterName: pulumi.Output<string>;
  public readonly resourceGroupName: pulumi.Output<string>;
  /** The cluster identity's principal (Network Contributor on the subnets). */
  public readonly identityPrincipalId: pulumi.Output<string>;
  public readonly nodeSubnetId: pulumi.Output<string>;
  public readonly podSubnetId?: pulumi.Output<string>;
  /** User kubeconfig (Entra ID login with `entraId`), a secret. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for the cluster. */
  public readonly provider: k8s.Provider;
  public readonly cluster: azure.containerservice.ManagedCluster;

  public constructor(name: string, args: AksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const p = prepare(name, args);
    super('cdk8s-cni:index:AksCluster', name, {}, opts);
    logWarnings(p.warnings, this);
    const { network, cfg, plan, pools } = p;
    const child = { parent: this };
    const byoCni = plan.networkProfile.networkPlugin === 'none';
    const rg = new azure.resources.ResourceGroup(name, { location: cfg.location }, child);

    let nodeSubnetId: pulumi.Input<string>;
    let podSubnetId: pulumi.Input<string> | undefined;
    if (cfg.vnet) {
      nodeSubnetId = cfg.vnet.nodeSubnet.id;
      podSubnetId = cfg.vnet.podSubnet?.id;
    } else {
      const vnet = new azure.network.VirtualNetwork(name, { resourceGroupName: rg.name, location: rg.location, addressSpace: { addressPrefixes: [...plan.vnetCidrs] } }, { ...child, ignoreChanges: ['subnets'] });
      const nodeSubnetCidr = plan.agentPool.vnetSubnetCidr ?? plan.vnetCidrs[0];
      const nsg = new azure.network.NetworkSecurityGroup(`${name}-nodes`, { resourceGroupName: rg.name, location: rg.location, securityRules: nsgRules(network, nodeSubnetCidr) }, child);
      const nodeSubnet = new azure.network.Subnet(`${name}-nodes`, { resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefix: nodeSubnetCidr, networkSecurityGroup: { id: nsg.id } }, child);
      nodeSubnetId = nodeSubnet.id;
      podSubnetId = plan.agentPool.podSubnetCidr
        ? new azure.network.Subnet(`${name}-pods`, { resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefix: plan.agentPool.podSubnetCidr }, { ...child, dependsOn: [nodeSubnet] }).id
        : undefined;
    }

    // The cluster identity manages load balancers and routes on the subnets: Network Contributor on each of them.
    const identity = new azure.managedidentity.UserAssignedIdentity(`${name}-cluster`, { resourceGroupName: rg.name, location: rg.location }, child);
    const subscriptionId = azure.authorization.getClientConfigOutput(child).subscriptionId;
    const scopes: Array<[string, pulumi.Input<string>]> = [['nodes', nodeSubnetId], ...(podSubnetId ? [['pods', podSubnetId] as [string, pulumi.Input<string>]] : [])];
    const roleAssignments = scopes.map(
      ([kind, scope]) =>
        new azure.authorization.RoleAssignment(
          `${name}-network-contributor-${kind}`,
          {
            principalId: identity.principalId,
            principalType: 'ServicePrincipal',
            roleDefinitionId: pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${NETWORK_CONTRIBUTOR_ROLE}`,
            scope,
          },
          child,
        ),
    );

    const cluster = new azure.containerservice.ManagedCluster(
      name,
      {
        resourceGroupName: rg.name,
        location: rg.location,
        dnsPrefix: p.dnsPrefix,
        kubernetesVersion: cfg.kubernetesVersion,
        enableRBAC: true,
        identity: { type: 'UserAssigned', userAssignedIdentities: [identity.id] },
        ...(cfg.entraId
          ? { aadProfile: { managed: true, enableAzureRBAC: cfg.entraId.azureRbac, adminGroupObjectIDs: cfg.entraId.adminGroupObjectIds }, disableLocalAccounts: true }
          : {}),
        ...(cfg.apiServer
          ? { apiServerAccessProfile: { ...(cfg.apiServer.authorizedIpRanges ? { authorizedIPRanges: cfg.apiServer.authorizedIpRanges } : {}), enablePrivateCluster: cfg.apiServer.privateCluster } }
          : {}),
        // The SDK fills in podCidr 10.244.0.0/16 when unset; AKS uses podCidr only for overlay / kubenet (and for
        // kube-proxy with networkPlugin none, where we set it), so for the VNet-native modes it is inert.
        networkProfile: { outboundType: 'loadBalancer', ...plan.networkProfile } satisfies AksProfile,
        agentPoolProfiles: pools.map((pool) => ({
          name: pool.name,
          mode: pool.mode,
          osType: 'Linux',
          type: 'VirtualMachineScaleSets',
          vmSize: pool.vmSize,
          count: pool.count,
          enableAutoScaling: pool.autoscale,
          ...(pool.autoscale ? { minCount: pool.minCount, maxCount: pool.maxCount } : {}),
          ...(cfg.zones ? { availabilityZones: cfg.zones } : {}),
          ...(pool.labels ? { nodeLabels: pool.labels } : {}),
          ...(pool.taints ? { nodeTaints: [...pool.taints] } : {}),
          maxPods: plan.agentPool.maxPods,
          vnetSubnetID: nodeSubnetId,
          ...(podSubnetId ? { podSubnetID: podSubnetId } : {}),
          ...(plan.agentPool.podIPAllocationMode ? { podIPAllocationMode: plan.agentPool.podIPAllocationMode } : {}),
        })),
      },
      // An autoscaled pool's count belongs to the autoscaler after creation: no diff when it moved.
      { ...child, dependsOn: roleAssignments, ignoreChanges: pools.flatMap((pool, i) => (pool.autoscale ? [`agentPoolProfiles[${i}].count`] : [])) },
    );
    this.cluster = cluster;

    // With Entra ID (local accounts off) the user kubeconfig logs in through kubelogin (format exec).
    const credentials = azure.containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName: rg.name, resourceName: cluster.name, ...(cfg.entraId ? { format: 'exec' } : {}) }, child);
    const kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((k) => Buffer.from(k[0].value, 'base64').toString('utf8')));
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig, enableServerSideApply: true }, child);
    if (byoCni) new ClusterNetworkManifests(`${name}-cni`, { network, provider: this.provider }, { ...child, dependsOn: [cluster], deletedWith: cluster });

    this.clusterName = cluster.name;
    this.resourceGroupName = rg.name;
    this.identityPrincipalId = identity.principalId;
    this.nodeSubnetId = pulumi.output(nodeSubnetId);
    this.podSubnetId = podSubnetId === undefined ? undefined : pulumi.output(podSubnetId);
    this.kubeconfig = kubeconfig;
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig });
  }
}
