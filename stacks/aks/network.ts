/**
 * AKS network pieces from a ClusterNetwork, as plain data: the NSG allow rules naming the CNI's node-to-node traffic
 * (documentation, not enforcement: Azure's default AllowVnetInBound rule still allows all VNet traffic below them) and
 * the bring-your-own-CNI plan (`networkPlugin: none`).
 */
import type * as azure from '@pulumi/azure-native';
import { rulePorts } from '../../src/reports/firewall';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { nodeRules, ruleSlug, type NodeRule } from '../firewall';
import type { AksProfile, AzureCniPlan } from './azure-cni';

/** Built-in role "Network Contributor". */
export const NETWORK_CONTRIBUTOR_ROLE = '4d97b98b-1d4f-4787-a291-c67834d212e7';

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
