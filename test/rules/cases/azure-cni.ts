/** Rule cases of Azure CNI (AKS and self-managed). */
import { aksNetworkProfileIssues } from '../../../src/cni/azure-cni/az-aks-create';
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { specCase, specWith, type RuleCase } from '../support';

type Json = Record<string, unknown>;
/** AKS, Azure CNI Overlay: VNet 10.224.0.0/12, node subnet 10.224.0.0/24, pods 10.244.0.0/16. */
const overlay = (cni: Json = {}, spec: Json = {}) =>
  specWith({
    pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 24, maxPerNode: 250 },
    services: { cidrs: ['10.0.0.0/16'], dnsIP: '10.0.0.10' },
    nodes: { cidrs: ['10.224.0.0/12'], count: 3, maxCount: 100 },
    ...spec,
    cni: { type: 'azure-cni', mode: 'overlay', nodeSubnet: '10.224.0.0/24', ...cni },
  });
/** AKS, Azure CNI Pod Subnet: node subnet 10.240.0.0/24, pod subnet 10.241.0.0/16. */
const podsubnet = (cni: Json = {}, spec: Json = {}) =>
  specWith({
    pods: { cidrs: ['10.241.0.0/16'], maxPerNode: 110 },
    services: { cidrs: ['10.0.0.0/16'], dnsIP: '10.0.0.10' },
    nodes: { cidrs: ['10.240.0.0/12'], count: 3, maxCount: 50 },
    ...spec,
    cni: { type: 'azure-cni', mode: 'podsubnet', nodeSubnet: '10.240.0.0/24', podSubnet: '10.241.0.0/16', ...cni },
  });
/** Self-managed, mode vnet: pods share the node subnet 10.240.0.0/20. */
const vnet = (cni: Json = {}, spec: Json = {}) =>
  specWith({
    pods: { cidrs: ['10.240.0.0/20'], maxPerNode: 30 },
    nodes: { cidrs: ['10.240.0.0/16'], count: 3, maxCount: 20 },
    ...spec,
    cni: { type: 'azure-cni', platform: 'self-managed', mode: 'vnet', ...cni },
  });
const dualStack = (cni: Json = {}, spec: Json = {}) =>
  overlay(
    { dataplane: 'cilium', nodeSubnetIPv6: 'fd00:db8:10::/64', ...cni },
    {
      ipFamilies: ['IPv4', 'IPv6'],
      pods: { cidrs: ['10.244.0.0/16', 'fd12:3456:789a::/64'], nodeMaskSize: 24, nodeMaskSizeIPv6: 80, maxPerNode: 250 },
      services: { cidrs: ['10.0.0.0/16', 'fd12:3456:789a:1::/108'], dnsIP: '10.0.0.10' },
      nodes: { cidrs: ['10.224.0.0/12', 'fd00:db8:10::/56'], count: 3, maxCount: 100 },
      ...spec,
    },
  );

export const AZURE_CNI_CASES: readonly RuleCase[] = [
  specCase('azure-cni/cilium-dataplane-requires-cilium-policy', 'Cilium dataplane with networkPolicy none', overlay({ dataplane: 'cilium', networkPolicy: 'none' }), overlay({ dataplane: 'cilium' })),
  specCase('azure-cni/cilium-dataplane-requires-cilium-policy', 'Cilium dataplane with networkPolicy calico', overlay({ dataplane: 'cilium', networkPolicy: 'calico' }), overlay({ dataplane: 'cilium', networkPolicy: 'cilium' })),
  specCase('azure-cni/cilium-policy-requires-cilium-dataplane', 'policy cilium on the Azure dataplane', overlay({ networkPolicy: 'cilium' }), overlay({ networkPolicy: 'calico' })),
  specCase('azure-cni/pod-subnet-outside-podsubnet-mode', 'podSubnet in overlay mode', overlay({ podSubnet: '10.225.0.0/16' }), overlay()),
  specCase('azure-cni/self-managed-aks-only', 'self-managed overlay', vnet({ mode: 'overlay', nodeSubnet: '10.240.0.0/24' }, { pods: { cidrs: ['10.244.0.0/16'] } }), vnet()),
  specCase('azure-cni/self-managed-aks-only', 'self-managed with a policy engine', vnet({ networkPolicy: 'azure' }), vnet({ networkPolicy: 'none' })),
  specCase('azure-cni/max-pods-range', 'maxPods 300 on AKS', podsubnet({}, { pods: { cidrs: ['10.241.0.0/16'], maxPerNode: 300 } }), podsubnet({}, { pods: { cidrs: ['10.241.0.0/16'], maxPerNode: 250 } })),
  specCase('azure-cni/reserved-range', 'pods in 172.30.0.0/16', overlay({}, { pods: { cidrs: ['172.30.0.0/16'], nodeMaskSize: 24, maxPerNode: 250 } }), overlay()),
  specCase('azure-cni/service-range-too-large', 'a /12 service range', overlay({}, { services: { cidrs: ['10.0.0.0/12'], dnsIP: '10.0.0.10' } }), overlay({}, { services: { cidrs: ['10.0.0.0/13'], dnsIP: '10.0.0.10' } })),
  specCase('azure-cni/ip-families', 'IPv6-only on AKS', dualStack({}, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd12:3456:789a::/64'], nodeMaskSizeIPv6: 80 }, services: { cidrs: ['fd12:3456:789a:1::/108'], dnsIP: 'fd12:3456:789a:1::a' } }), dualStack()),
  specCase(
    'azure-cni/ip-families',
    'dual-stack with a pod subnet',
    dualStack({ mode: 'podsubnet', podSubnet: '10.225.0.0/16' }, { pods: { cidrs: ['10.225.0.0/16', 'fd00:db8:10:1::/64'], maxPerNode: 110 } }),
    dualStack(),
  ),
  specCase('azure-cni/dual-stack-network-policy', 'dual-stack with Azure network policy', dualStack({ dataplane: 'azure', networkPolicy: 'azure' }), dualStack({ dataplane: 'azure', networkPolicy: 'none' })),
  specCase('azure-cni/vnet-required', 'no VNet range', overlay({}, { nodes: { count: 3, maxCount: 100 } }), overlay()),
  specCase('azure-cni/node-subnet-required', 'dual-stack without an IPv6 VNet range', dualStack({ nodeSubnetIPv6: undefined }, { nodes: { cidrs: ['10.224.0.0/12'], count: 3 } }), dualStack({ nodeSubnetIPv6: undefined })),
  specCase('azure-cni/subnet-outside-vnet', 'node subnet outside the VNet', overlay({ nodeSubnet: '10.100.0.0/24' }), overlay()),
  specCase('azure-cni/ipv6-subnet-size', 'an IPv6 node subnet of /80', dualStack({ nodeSubnetIPv6: 'fd00:db8:10::/80' }), dualStack()),
  specCase('azure-cni/pod-subnet-required', 'podsubnet mode without podSubnet', podsubnet({ podSubnet: undefined }), podsubnet()),
  specCase('azure-cni/pod-subnet-overlaps-node-subnet', 'pod subnet over the node subnet', podsubnet({ podSubnet: '10.240.0.0/16' }, { pods: { cidrs: ['10.240.0.0/16'] } }), podsubnet()),
  specCase('azure-cni/pod-range-mismatch', 'pods.cidrs differs from the pod subnet', podsubnet({}, { pods: { cidrs: ['10.242.0.0/16'] } }), podsubnet()),
  specCase('azure-cni/overlay-node-mask', 'a /23 per node on overlay', overlay({}, { pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 23, maxPerNode: 250 } }), overlay()),
  specCase('azure-cni/subnet-too-small', 'a /27 node subnet for 101 nodes', overlay({ nodeSubnet: '10.224.0.0/27' }), overlay({ nodeSubnet: '10.224.0.0/25' })),
  specCase(
    'azure-cni/overlay-pod-cidr-too-small',
    '256 /24 blocks for 256 nodes (255 + 1 surge) ... and one more',
    overlay({}, { nodes: { cidrs: ['10.224.0.0/12'], count: 3, maxCount: 256 } }),
    overlay({}, { nodes: { cidrs: ['10.224.0.0/12'], count: 3, maxCount: 255 } }),
  ),
  {
    rule: 'azure-cni/aks-network-profile-needs-azure-cni',
    name: 'aks-network-profile on a Flannel spec',
    refuses: () => aksNetworkProfileIssues(resolveClusterNetwork(specWith({}))),
    accepts: () => aksNetworkProfileIssues(resolveClusterNetwork(overlay())),
  },
];
