/**
 * What `cdk8s-cni aks-network-profile` prints: the ManagedCluster `networkProfile` and agent-pool networking of
 * {@link aksNetworkProfile} (what the AKS stack passes to the provider) and the equivalent `az aks create` flags.
 */
import { CLUSTER_RULES } from '../../platforms/rules';
import { issueOf, type SpecIssue } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { aksNetworkProfile, type AksAgentPoolNetworking, type AksNetworkProfile } from './aks-network-profile';
import { AZURE_RULES as R } from './rules';

/** Shell variables the flags use for the subnet resource IDs (created outside the spec). */
export const AZ_SUBNET_VARIABLES = { node: 'NODE_SUBNET_ID', pod: 'POD_SUBNET_ID' } as const;

/** Why a network has no AKS networkProfile (empty when it has): not azure-cni, or azure-cni for self-managed clusters. */
export function aksNetworkProfileIssues(network: ResolvedClusterNetwork): SpecIssue[] {
  const cni = network.spec.cni;
  if (cni.type !== 'azure-cni') return [issueOf(R.aksNetworkProfileNeedsAzureCni, 'spec.cni.type', { type: cni.type })];
  return cni.platform === 'aks' ? [] : [issueOf(CLUSTER_RULES.aksAzureCniPlatform, 'spec.cni.platform', { platform: cni.platform })];
}

/**
 * `az aks create` flags with the same settings, one `[flag, value]` pair each, in networkProfile order then the
 * agent pool. Subnet IDs are `$NODE_SUBNET_ID` / `$POD_SUBNET_ID` (the subnets' CIDRs are in the agent pool fields).
 */
export function azAksCreateFlags(profile: AksNetworkProfile, pool: AksAgentPoolNetworking): Array<[string, string]> {
  const flags: Array<[string, string | undefined]> = [
    ['--network-plugin', profile.networkPlugin],
    ['--network-plugin-mode', profile.networkPluginMode],
    ['--network-dataplane', profile.networkDataplane],
    ['--network-policy', profile.networkPolicy],
    // Dual stack: one range per family (the plural flags); single stack: the singular ones.
    ...(profile.ipFamilies
      ? ([
          ['--ip-families', profile.ipFamilies.map((f) => f.toLowerCase()).join(',')],
          ['--pod-cidrs', profile.podCidrs?.join(',')],
          ['--service-cidrs', profile.serviceCidrs?.join(',')],
        ] as Array<[string, string | undefined]>)
      : ([
          ['--pod-cidr', profile.podCidr],
          ['--service-cidr', profile.serviceCidr],
        ] as Array<[string, string | undefined]>)),
    ['--dns-service-ip', profile.dnsServiceIP],
    ['--max-pods', String(pool.maxPods)],
    ['--vnet-subnet-id', `"$${AZ_SUBNET_VARIABLES.node}"`],
    ['--pod-subnet-id', pool.podSubnetCidr !== undefined ? `"$${AZ_SUBNET_VARIABLES.pod}"` : undefined],
    ['--pod-ip-allocation-mode', pool.podIPAllocationMode],
  ];
  return flags.filter((f): f is [string, string] => f[1] !== undefined);
}

/** The flags as a shell fragment: a comment naming the subnets, then `az aks create \` with one flag per line. */
export function azAksCreateScript(profile: AksNetworkProfile, pool: AksAgentPoolNetworking): string {
  const subnets = [
    `# ${AZ_SUBNET_VARIABLES.node}: resource ID of the node subnet${pool.vnetSubnetCidr ? ` (${pool.vnetSubnetCidr}${pool.vnetSubnetCidrIPv6 ? ` and ${pool.vnetSubnetCidrIPv6}` : ''})` : ''}`,
    ...(pool.podSubnetCidr ? [`# ${AZ_SUBNET_VARIABLES.pod}: resource ID of the pod subnet (${pool.podSubnetCidr})`] : []),
  ];
  const lines = azAksCreateFlags(profile, pool).map(([flag, value]) => `  ${flag} ${value}`);
  return [...subnets, 'az aks create --resource-group "$RESOURCE_GROUP" --name "$CLUSTER_NAME" \\', ...lines.map((l, i) => (i < lines.length - 1 ? `${l} \\` : l))].join('\n') + '\n';
}

/** The document the command prints as JSON. */
export interface AksNetworkProfileOutput {
  readonly networkProfile: AksNetworkProfile;
  readonly agentPool: AksAgentPoolNetworking;
  /** The `az aks create` flags, as `flag value` strings. */
  readonly azAksCreateFlags: readonly string[];
}

/** networkProfile, agent pool and flags of a validated azure-cni (platform aks) network. */
export function aksNetworkProfileOutput(network: ResolvedClusterNetwork): AksNetworkProfileOutput {
  const { networkProfile, agentPool } = aksNetworkProfile(network);
  return { networkProfile, agentPool, azAksCreateFlags: azAksCreateFlags(networkProfile, agentPool).map(([f, v]) => `${f} ${v}`) };
}
