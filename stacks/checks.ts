/**
 * What a cluster kind demands of the network beyond the spec's own validation, checked before any resource exists.
 * Paths point at the spec field to change, or at the stack config key.
 */
import { Cidr } from '../src/plan/cidr';
import { cniModuleFor } from '../src/cni/registry';
import type { SpecIssue } from '../src/spec/issues';
import type { ResolvedClusterNetwork } from '../src/spec/resolve';
import { PROJECT } from './config-names';

/** AWS accepts VPC (and subnet) ranges from /16 to /28. */
function checkAwsVpcRange(network: ResolvedClusterNetwork, cluster: string): SpecIssue[] {
  const cidrs = network.spec.nodes.cidrs;
  if (!cidrs || cidrs.length === 0) return [{ path: 'spec.nodes.cidrs', message: `is required for cluster ${cluster}: it is the VPC range (allowed: IPv4 CIDRs /16 to /28)` }];
  return cidrs.flatMap((c, i) => {
    const cidr = Cidr.of(c);
    return cidr.family !== 'IPv4' || cidr.prefix < 16 || cidr.prefix > 28 ? [{ path: `spec.nodes.cidrs[${i}]`, message: `${c} cannot be a VPC range (allowed: IPv4 CIDRs /16 to /28)` }] : [];
  });
}

function checkIpv4Only(network: ResolvedClusterNetwork, cluster: string): SpecIssue[] {
  const f = network.spec.ipFamilies;
  return f.length === 1 && f[0] === 'IPv4' ? [] : [{ path: 'spec.ipFamilies', message: `[${f.join(', ')}] is not supported by the ${cluster} stack (allowed: [IPv4])` }];
}

/**
 * Managed clusters do not allocate per-node pod CIDRs to a bring-your-own CNI (EKS never runs the controller-manager
 * with --allocate-node-cidrs; AKS ignores podCidr with networkPlugin none), so CNIs that read `node.spec.podCIDR`
 * would never start.
 */
function checkNoNodeCidrs(network: ResolvedClusterNetwork, cluster: string): SpecIssue[] {
  const mod = cniModuleFor(network.spec.cni.type);
  if (mod.podAddressing(network) !== 'node-cidr') return [];
  return [
    {
      path: 'spec.cni.type',
      message: `${mod.displayName(network)} takes pod ranges from node podCIDRs, which ${cluster === 'eks' ? 'EKS' : 'AKS'} does not allocate (allowed on ${cluster}: a CNI with its own IPAM — Calico, Cilium cluster-pool, Weave — or the cloud's own CNI)`,
    },
  ];
}

/** EKS requires the service range inside RFC 1918 space, /12 to /24. */
function checkEksServiceRange(network: ResolvedClusterNetwork): SpecIssue[] {
  const c = Cidr.of(network.spec.services.cidrs[0]);
  const rfc1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((r) => Cidr.of(r));
  if (c.prefix >= 12 && c.prefix <= 24 && rfc1918.some((r) => r.contains(c))) return [];
  return [{ path: 'spec.services.cidrs[0]', message: `${c.toString()} cannot be an EKS service range (allowed: /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)` }];
}

export function eksChecks(network: ResolvedClusterNetwork): SpecIssue[] {
  const ipv4 = checkIpv4Only(network, 'eks');
  return [...ipv4, ...checkAwsVpcRange(network, 'eks'), ...checkNoNodeCidrs(network, 'eks'), ...(ipv4.length === 0 ? checkEksServiceRange(network) : [])];
}

export function aksChecks(network: ResolvedClusterNetwork): SpecIssue[] {
  const byo = (network.spec.cni.type as string) !== 'azure-cni';
  const vnet = byo && !network.spec.nodes.cidrs?.length ? [{ path: 'spec.nodes.cidrs', message: 'is required for cluster aks with a bring-your-own CNI: it is the VNet range and the node subnet (allowed: IPv4 CIDRs)' }] : [];
  return [...checkIpv4Only(network, 'aks'), ...vnet, ...checkNoNodeCidrs(network, 'aks')];
}

export function kubeadmChecks(network: ResolvedClusterNetwork, workers: number | undefined): SpecIssue[] {
  const issues = [...checkIpv4Only(network, 'kubeadm'), ...checkAwsVpcRange(network, 'kubeadm')];
  const nodes = 1 + (workers ?? network.spec.nodes.count - 1);
  if (nodes > network.spec.nodes.maxCount) {
    issues.push({ path: `${PROJECT}:kubeadm.workers`, message: `${nodes - 1} workers make ${nodes} nodes, more than spec.nodes.maxCount ${network.spec.nodes.maxCount} the network is planned for (allowed: at most ${network.spec.nodes.maxCount - 1})` });
  }
  return issues;
}
