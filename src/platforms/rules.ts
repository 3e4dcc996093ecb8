/**
 * Rules of the Pulumi cluster components (`cdk8s-cni/pulumi`: EksCluster, AksCluster, KubeadmCluster): what a cluster
 * kind demands of the network and of the cluster options, checked before any cloud resource is registered. Plain
 * data, no Pulumi: the checks live in `stacks/`, the catalogue (docs/rules.md) lists the rules from here.
 */
import { defineRule } from '../rules/rule';

const SIZED_FOR_MAX_COUNT = {
  contract: 'SPEC.md spec.nodes.maxCount: the IP plan (subnets, prefix reservations, pod ranges) is sized for at most maxCount nodes',
};

export const PLATFORM_RULES = {
  eksAddonNodeAgent: defineRule({
    id: 'eks/vpc-cni-addon-node-agent',
    severity: 'error',
    path: 'spec.cni.nodeAgent',
    summary: 'On EKS the VPC CNI is the vpc-cni add-on, which always runs the aws-eks-nodeagent container; nodeAgent false would describe a different DaemonSet than the one EKS installs.',
    source: {
      upstream:
        'aws/amazon-vpc-cni-k8s issues #2565 and #2897 (maintainers): the add-on DaemonSet always carries the aws-eks-nodeagent container ("installed with the CNI so that anytime a customer wants to enable" network policy); the add-on configuration has nodeAgent settings but no switch that removes it',
    },
    message: () => 'is false, but the EKS vpc-cni add-on always runs the node agent (allowed on cluster eks: true, the default)',
  }),
  nodeGroupMaxSize: defineRule<{ what: string; total: number; maxCount: number }>({
    id: 'platform/node-pools-within-max-count',
    severity: 'error',
    path: 'eks.nodeGroups[*].maxSize / aks.*Pools[*].maxCount',
    summary: 'The node groups or pools together may not grow beyond spec.nodes.maxCount, the node count subnets and prefix reservations are sized for.',
    source: SIZED_FOR_MAX_COUNT,
    message: ({ what, total, maxCount }) => `${what} add up to ${total} nodes, more than spec.nodes.maxCount ${maxCount} the network is planned for (allowed: at most ${maxCount} in total, or raise spec.nodes.maxCount)`,
  }),
  aksReservedRange: defineRule<{ cidr: string; reserved: string; all: string }>({
    id: 'aks/reserved-range',
    severity: 'error',
    path: 'spec.pods.cidrs[*] / spec.services.cidrs[*] / spec.nodes.cidrs[*]',
    summary: 'AKS refuses pod, service and VNet ranges that overlap the address ranges it reserves, also with a bring-your-own CNI (networkPlugin none).',
    source: {
      upstream:
        'https://learn.microsoft.com/azure/aks/azure-cni-overlay#ip-address-planning and aks/use-byo-cni: 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 are reserved for the cluster and cannot be used by pod, service or node ranges',
    },
    message: ({ cidr, reserved, all }) => `${cidr} overlaps ${reserved}, a range AKS reserves (allowed: ranges outside ${all})`,
  }),
  eksOverlayControlPlaneReach: defineRule<{ cni: string }>({
    id: 'eks/overlay-control-plane-reach',
    severity: 'warning',
    path: 'spec.cni.type',
    summary: 'With a bring-your-own overlay CNI on EKS the managed control plane is outside the overlay and cannot reach pod IPs: admission webhooks and aggregated APIs must run with hostNetwork.',
    source: {
      upstream:
        'https://docs.tigera.io/calico/latest/getting-started/kubernetes/managed-public-cloud/eks ("the EKS control plane cannot initiate network connections to Calico pods ... webhooks must use host networking") and https://docs.cilium.io/en/stable/installation/k8s-install-helm/ (EKS overlay: webhooks need hostNetwork)',
    },
    message: ({ cni }) => `${cni} gives pods overlay addresses the EKS control plane cannot reach: admission webhooks, aggregated APIs (metrics-server) and conversion webhooks must run with hostNetwork: true (or use the AWS VPC CNI)`,
  }),
  existingSubnetOutsideVpc: defineRule<{ cidr: string; vpc: string }>({
    id: 'platform/existing-subnet-in-network',
    severity: 'error',
    path: 'eks.vpc.privateSubnets[*].cidr / aks.vnet.*Subnet.cidr',
    summary: 'A subnet brought with an existing VPC or VNet lies inside spec.nodes.cidrs, the network range the IP plan was checked for.',
    source: { contract: 'SPEC.md spec.nodes.cidrs: the VPC / VNet address space the nodes (and VPC-native pods) use' },
    message: ({ cidr, vpc }) => `${cidr} is not inside spec.nodes.cidrs [${vpc}] (allowed: subnets of the ranges the spec plans)`,
  }),
  existingSubnetZones: defineRule<{ zones: string; missing: string }>({
    id: 'eks/existing-subnets-two-zones',
    severity: 'error',
    path: 'eks.vpc.privateSubnets',
    summary: 'EKS needs subnets in at least two availability zones; with an existing VPC every cluster zone needs a private subnet.',
    source: { upstream: 'https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html: "The subnets must each be in a different Availability Zone ... at least two"' },
    message: ({ zones, missing }) => `have subnets in [${zones}] but none in [${missing}] (allowed: one private subnet in each cluster zone, at least two zones)`,
  }),
  existingSubnetTooSmall: defineRule<{ cidr: string; usable: bigint; needed: bigint; what: string }>({
    id: 'platform/existing-subnet-capacity',
    severity: 'error',
    path: 'eks.vpc.*Subnets[*].cidr / aks.vnet.*Subnet.cidr',
    summary: 'An existing subnet must hold the addresses the plan needs in it: the zone share of spec.nodes.maxCount nodes, and with VPC-native pods their pods as well.',
    source: SIZED_FOR_MAX_COUNT,
    message: ({ cidr, usable, needed, what }) => `${cidr} has ${usable} usable addresses, but ${what} need ${needed} (allowed: a larger subnet, or a smaller spec.nodes.maxCount / spec.pods.maxPerNode)`,
  }),
};
