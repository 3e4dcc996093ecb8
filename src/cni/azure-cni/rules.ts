/**
 * Azure CNI rules: what AKS's API refuses (combinations, ranges, maxPods, dual-stack), what Azure networking refuses
 * (subnets outside the VNet or overlapping), subnet sizing, and this library's contract for the spec's Azure fields.
 */
import { defineRule } from '../../rules/rule';

const AKS_DOCS = 'MicrosoftDocs/azure-aks-docs articles/aks';
const OVERLAY_DOC = `${AKS_DOCS}/azure-cni-overlay.md (learn.microsoft.com/azure/aks/azure-cni-overlay)`;
const SIZING_DOC = `${AKS_DOCS}/concepts-network-ip-address-planning.md`;
const SPEC_AZURE = 'SPEC.md "spec.cni by type" (azure-cni) and "Pod ranges by CNI"';

type Detail = { value: string; why: string; allowed: string };
const detail = ({ value, why, allowed }: Detail) => `${value} ${why} (allowed: ${allowed})`;

export const AZURE_RULES = {
  ciliumDataplaneNeedsCiliumPolicy: defineRule<{ policy: string }>({
    id: 'azure-cni/cilium-dataplane-requires-cilium-policy',
    severity: 'error',
    path: 'spec.cni.networkPolicy',
    summary: 'With networkDataplane cilium, AKS accepts only networkPolicy cilium (the default here when the dataplane is cilium).',
    source: {
      upstream:
        'AKS ManagedCluster API: 400 BadRequest, subcode CiliumDataplaneRequiresNetworkPolicyCilium, target networkProfile.networkPolicy ("Cilium dataplane requires network policy cilium."); Azure/azure-cli-extensions#7011 forces --network-policy cilium for that reason',
    },
    message: ({ policy }) => `${policy} cannot run with the Cilium dataplane: AKS requires network policy cilium (CiliumDataplaneRequiresNetworkPolicyCilium) (allowed: cilium, or leave networkPolicy unset)`,
  }),
  ciliumPolicyNeedsCiliumDataplane: defineRule<{ dataplane: string }>({
    id: 'azure-cni/cilium-policy-requires-cilium-dataplane',
    severity: 'error',
    path: 'spec.cni.networkPolicy',
    summary: 'networkPolicy cilium needs networkDataplane cilium.',
    source: { upstream: `${AKS_DOCS}/azure-cni-powered-by-cilium.md ("Network Policy Enforcement": Cilium enforces policy as the data plane); hashicorp/terraform-provider-azurerm#23594 (network_policy cilium requires network_data_plane cilium)` },
    message: ({ dataplane }) => `cilium needs spec.cni.dataplane cilium, but it is ${dataplane} (allowed: none, azure or calico with dataplane azure)`,
  }),
  podSubnetOutsideMode: defineRule<{ mode: string }>({
    id: 'azure-cni/pod-subnet-outside-podsubnet-mode',
    severity: 'error',
    path: 'spec.cni.podSubnet',
    summary: 'podSubnet is set but mode is not podsubnet (the agent pool would get a podSubnetID and AKS would run another mode).',
    source: { contract: `${SPEC_AZURE}: podSubnet is the agent pool podSubnetID, which selects Azure CNI Pod Subnet` },
    message: ({ mode }) => `is set but mode is ${mode} (allowed: only with mode podsubnet)`,
  }),
  selfManagedAksOnly: defineRule<Detail>({
    id: 'azure-cni/self-managed-aks-only',
    severity: 'error',
    path: 'spec.cni.{mode,dataplane,networkPolicy} | spec.ipFamilies',
    summary: 'With platform self-managed only the classic vnet mode runs: overlay and pod-subnet modes need azure-cns fed by the AKS control plane, and the Cilium dataplane and policy engines are installed by AKS.',
    source: {
      upstream:
        'Azure/azure-container-networking@v1.8.12 cni/azure-linux-swift.conflist and azure-linux-swift-overlay.conflist (ipam type azure-cns; azure-cns reads NodeNetworkConfig objects the AKS control plane writes, crd/nodenetworkconfig); cni/azure-linux.conflist (azure-vnet-ipam, the mode a self-managed node runs)',
    },
    message: detail,
  }),
  maxPodsRange: defineRule<{ value: number; min: number; max: number }>({
    id: 'azure-cni/max-pods-range',
    severity: 'error',
    path: 'spec.pods.maxPerNode',
    summary: 'AKS agent pools accept maxPods from 10 to 250.',
    source: { upstream: `${OVERLAY_DOC} "Maximum pods per node": the maximum is 250 and the minimum 10` },
    message: ({ value, min, max }) => `${value} is outside the range AKS accepts for agent pool maxPods (allowed: ${min}-${max})`,
  }),
  reservedRange: defineRule<{ cidr: string; rejected: string; all: string }>({
    id: 'azure-cni/reserved-range',
    severity: 'error',
    path: 'spec.{nodes,pods,services}.cidrs[*] | spec.cni.{vnet.cidrs[*],nodeSubnet,podSubnet}',
    summary: 'No range may touch the ranges AKS rejects: 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, 192.0.2.0/24.',
    source: { upstream: 'docs.azure.cn/en-us/aks/azure-cni-overview (ranges AKS cannot use for pod, service or VNet CIDRs)' },
    message: ({ cidr, rejected, all }) => `${cidr} overlaps ${rejected}, a range AKS rejects (allowed: ranges outside ${all})`,
  }),
  serviceRangeTooLarge: defineRule<{ cidr: string; prefix: number }>({
    id: 'azure-cni/service-range-too-large',
    severity: 'error',
    path: 'spec.services.cidrs[*]',
    summary: 'AKS needs the IPv4 service range smaller than /12.',
    source: { upstream: `${OVERLAY_DOC} "IP address planning": the service address range must be smaller than /12` },
    message: ({ cidr, prefix }) => `${cidr} is too large for AKS, which needs a service range smaller than /12 (allowed: /${prefix} or longer)`,
  }),
  ipFamilies: defineRule<Detail>({
    id: 'azure-cni/ip-families',
    severity: 'error',
    path: 'spec.ipFamilies',
    summary: 'AKS takes ipFamilies [IPv4] or, with Azure CNI Overlay, [IPv4, IPv6] (IPv4 first); IPv6-only and dual-stack VNet / pod-subnet modes do not exist; the self-managed installer is IPv4-only.',
    source: {
      upstream: `${OVERLAY_DOC} "Deploy a dual-stack AKS cluster" (--ip-families: only ipv4 or ipv4,ipv6); ${AKS_DOCS}/configure-dual-stack.md (dual-stack needs Azure CNI Overlay or kubenet); Azure/AKS#4389 (no dual-stack for VNet pod IPs)`,
    },
    message: detail,
  }),
  dualStackNetworkPolicy: defineRule<{ policy: string }>({
    id: 'azure-cni/dual-stack-network-policy',
    severity: 'error',
    path: 'spec.cni.networkPolicy',
    summary: 'Azure and Calico network policies are not supported on dual-stack AKS clusters.',
    source: { upstream: `${OVERLAY_DOC} "Dual-stack Networking / Limitations": Azure network policies and Calico network policies aren't supported` },
    message: ({ policy }) => `${policy} network policy is not supported with dual-stack on AKS (allowed: none, or cilium with dataplane cilium)`,
  }),
  vnetRequired: defineRule({
    id: 'azure-cni/vnet-required',
    severity: 'error',
    path: 'spec.nodes.cidrs',
    summary: 'The VNet address space is needed (spec.nodes.cidrs or spec.cni.vnet.cidrs) to place and size the subnets.',
    source: { contract: `${SPEC_AZURE}: nodes.cidrs are the VNet ranges` },
    message: () => 'is required for azure-cni: the VNet address space (or set spec.cni.vnet.cidrs)',
  }),
  nodeSubnetRequired: defineRule<{ family: string; alternative: string }>({
    id: 'azure-cni/node-subnet-required',
    severity: 'error',
    path: 'spec.cni.{nodeSubnet,nodeSubnetIPv6}',
    summary: 'The node subnet of each family is needed (given, or derived from the VNet ranges).',
    source: { contract: `${SPEC_AZURE}: nodeSubnet defaults to spec.nodes.cidrs[0]; an IPv6 node subnet defaults to the first /64 of the IPv6 VNet range` },
    message: ({ family, alternative }) => `is required: the ${family} node subnet (or give ${alternative})`,
  }),
  subnetOutsideVnet: defineRule<{ cidr: string; vnet: string }>({
    id: 'azure-cni/subnet-outside-vnet',
    severity: 'error',
    path: 'spec.cni.{nodeSubnet,nodeSubnetIPv6,podSubnet} | spec.nodes.cidrs[0]',
    summary: 'Azure creates a subnet only inside its VNet\'s address space.',
    source: { upstream: 'learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet (a subnet address range must be within the address space of the virtual network)' },
    message: ({ cidr, vnet }) => `${cidr} is not inside the VNet ${vnet} (allowed: a subnet of the VNet)`,
  }),
  ipv6SubnetSize: defineRule<{ cidr: string }>({
    id: 'azure-cni/ipv6-subnet-size',
    severity: 'error',
    path: 'spec.cni.nodeSubnetIPv6',
    summary: 'Azure IPv6 subnets are exactly /64.',
    source: { upstream: 'learn.microsoft.com/azure/virtual-network/ip-services/ipv6-overview (IPv6 subnets must be exactly /64 in size)' },
    message: ({ cidr }) => `${cidr} is not a /64, and Azure IPv6 subnets must be exactly /64 (allowed: a /64 of the VNet's IPv6 range)`,
  }),
  podSubnetRequired: defineRule({
    id: 'azure-cni/pod-subnet-required',
    severity: 'error',
    path: 'spec.cni.podSubnet',
    summary: 'Mode podsubnet needs the pod subnet.',
    source: { contract: `${SPEC_AZURE}: podSubnet is required for mode podsubnet` },
    message: () => 'is required with mode podsubnet (allowed: a VNet subnet for pods, equal to spec.pods.cidrs[0])',
  }),
  subnetsOverlap: defineRule<{ pod: string; node: string }>({
    id: 'azure-cni/pod-subnet-overlaps-node-subnet',
    severity: 'error',
    path: 'spec.cni.podSubnet',
    summary: 'The pod subnet and the node subnet are separate subnets of one VNet, which Azure requires not to overlap.',
    source: { upstream: 'learn.microsoft.com/azure/virtual-network/virtual-network-manage-subnet (subnets of a virtual network cannot overlap: NetcfgSubnetRangesOverlap)' },
    message: ({ pod, node }) => `${pod} overlaps the node subnet ${node} (allowed: separate node and pod subnets)`,
  }),
  podRangeMismatch: defineRule<{ pods: string; subnet: string; which: string; allowed: string }>({
    id: 'azure-cni/pod-range-mismatch',
    severity: 'error',
    path: 'spec.pods.cidrs[0]',
    summary: 'In the VNet modes the pod range is the subnet pods draw from: the pod subnet (podsubnet) or the node subnet (vnet).',
    source: { contract: `${SPEC_AZURE}: for azure-cni mode podsubnet, pods.cidrs is [podSubnet] and mode vnet uses the node subnet` },
    message: ({ pods, subnet, which, allowed }) => `${pods} differs from ${which} ${subnet} (allowed: ${allowed})`,
  }),
  overlayNodeMask: defineRule<{ value: number; prefix: number }>({
    id: 'azure-cni/overlay-node-mask',
    severity: 'error',
    path: 'spec.pods.nodeMaskSize',
    summary: 'Azure CNI Overlay gives every node a fixed /24 of the IPv4 pod range.',
    source: { upstream: `${OVERLAY_DOC} "IP address planning": a /24 address space for pods on every node; the size is fixed and can't be increased or decreased` },
    message: ({ value, prefix }) => `/${value} is not the /${prefix} per node Azure CNI Overlay uses (allowed: ${prefix})`,
  }),
  subnetTooSmall: defineRule<{ cidr: string; size: string; what: string; formula: string; addresses: string; prefix: number }>({
    id: 'azure-cni/subnet-too-small',
    severity: 'error',
    path: 'spec.cni.{nodeSubnet,podSubnet} | spec.nodes.cidrs[0] | spec.pods.cidrs[0]',
    summary: 'The node (and pod) subnet holds every node at maxCount plus surge, with their pod IPs where pods take VNet addresses, and Azure\'s 5 reserved addresses.',
    source: { upstream: `${SIZING_DOC} (subnet sizing per mode; AKS refuses a pool that does not fit with InsufficientSubnetSize)` },
    message: ({ cidr, size, what, formula, addresses, prefix }) =>
      `${cidr} has ${size} addresses but the ${what} needs ${formula} = ${addresses} (allowed: /${prefix} or larger, or fewer spec.nodes.maxCount / spec.pods.maxPerNode)`,
  }),
  overlayPodCidrTooSmall: defineRule<{ cidr: string; blocks: string; prefix: number; formula: string; addresses: string; smallest: number }>({
    id: 'azure-cni/overlay-pod-cidr-too-small',
    severity: 'error',
    path: 'spec.pods.cidrs[0]',
    summary: 'The overlay pod range holds one /24 per node, surge included.',
    source: { upstream: `${OVERLAY_DOC} "IP address planning"; Azure/AKS#4467 (AKS blocks scale-out when the pod CIDR has no /24 left)` },
    message: ({ cidr, blocks, prefix, formula, addresses, smallest }) =>
      `${cidr} holds ${blocks} /${prefix} node blocks but ${formula} = ${addresses} addresses are needed (allowed: /${smallest} or larger, or fewer spec.nodes.maxCount)`,
  }),
  aksNetworkProfileNeedsAzureCni: defineRule<{ type: string }>({
    id: 'azure-cni/aks-network-profile-needs-azure-cni',
    severity: 'error',
    path: 'spec.cni.type',
    summary: '`cdk8s-cni aks-network-profile` reads an azure-cni spec: the networkProfile it prints configures AKS\'s Azure CNI.',
    source: { contract: 'docs/cni/azure-cni.md "AKS networkProfile from the CLI": aks-network-profile prints the networkProfile and az aks create flags of an azure-cni spec (a bring-your-own CNI on AKS is networkPlugin none, which the AKS stack handles)' },
    message: ({ type }) => `is ${type}, but the AKS networkProfile comes from an azure-cni spec (allowed: azure-cni)`,
  }),
};
