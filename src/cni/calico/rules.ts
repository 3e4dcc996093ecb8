/** Calico rules: IPPool, IPAM, BGP and Felix settings, with where upstream states them (projectcalico/calico@v3.32.1). */
import { defineRule } from '../../rules/rule';

const CALICO = 'projectcalico/calico@v3.32.1';
const VALIDATOR = `${CALICO} libcalico-go/lib/validator/v3/validator.go`;
const IPAM = `${CALICO} libcalico-go/lib/ipam/ipam.go (autoAssign: without strict affinity a host whose affine blocks are full, or that gets no block, borrows addresses from other hosts' blocks; calicoctl ipam configure: "When StrictAffinity is true, borrowing IP addresses is not allowed")`;

type Detail = { detail: string };
type Capacity = { nodes: number; need: string; family: string; blocks: string; sizes: string; extra: string };

export const CALICO_RULES = {
  duplicateName: defineRule<{ name: string; first: string }>({
    id: 'calico/duplicate-name',
    severity: 'error',
    path: 'spec.cni.ipPools[*].name | spec.cni.bgp.peers[*].name',
    summary: 'IPPool and BGPPeer names are unique: two entries with one name are one cluster-scoped object, and the second replaces the first.',
    source: { upstream: 'kubernetes.io/docs/concepts/overview/working-with-objects/names (a name is unique per resource kind; IPPool and BGPPeer are cluster-scoped)' },
    message: ({ name, first }) => `${JSON.stringify(name)} is already used by ${first} (allowed: unique names)`,
  }),
  poolOutsidePodRange: defineRule<{ cidr: string; pods: string }>({
    id: 'calico/pool-outside-pod-range',
    severity: 'error',
    path: 'spec.cni.ipPools[*].cidr',
    summary: 'Every pool lies inside one of spec.pods.cidrs, the pod range kube-proxy (--cluster-cidr), kubeadm and the IP-plan checks use.',
    source: { contract: 'SPEC.md "spec.cni by type" (calico ipPools) and "Pod ranges by CNI": pods.cidrs is the pod range every check and the kubeadm config use; a pool outside it would escape the overlap checks' },
    message: ({ cidr, pods }) => `${cidr} is not inside spec.pods.cidrs [${pods}] (allowed: a pool inside one of the pod ranges)`,
  }),
  poolsOverlap: defineRule<{ cidr: string; otherPath: string; other: string }>({
    id: 'calico/pools-overlap',
    severity: 'error',
    path: 'spec.cni.ipPools[*].cidr',
    summary: 'IP pools must not overlap.',
    source: { upstream: `${CALICO} libcalico-go/lib/clientv3/ippool.go (validateAndSetDefaults: "IPPool(%s) CIDR overlaps with IPPool(%s) CIDR %s")` },
    message: ({ cidr, otherPath, other }) => `${cidr} overlaps ${otherPath} ${other} (allowed: pools that do not overlap)`,
  }),
  blockSizeRange: defineRule<{ blockSize: number; family: string; min: number; max: number }>({
    id: 'calico/block-size-range',
    severity: 'error',
    path: 'spec.cni.ipPools[*].blockSize',
    summary: 'blockSize is 20-32 for IPv4 pools and 116-128 for IPv6 pools.',
    source: { upstream: `${VALIDATOR} (validateIPPool: IPv4 block size 20-32, IPv6 116-128)` },
    message: ({ blockSize, family, min, max }) => `/${blockSize} is out of range for an ${family} pool (allowed: ${min}-${max})`,
  }),
  blockLargerThanPool: defineRule<{ blockSize: number; cidr: string; min: number; max: number }>({
    id: 'calico/block-larger-than-pool',
    severity: 'error',
    path: 'spec.cni.ipPools[*].blockSize',
    summary: 'A pool holds at least one block: blockSize is not shorter than the pool prefix.',
    source: { upstream: `${VALIDATOR} (validateIPPool: "IP pool size is too small ... for use with Calico IPAM" when the pool prefix is longer than blockSize)` },
    message: ({ blockSize, cidr, min, max }) => `/${blockSize} blocks are larger than the pool ${cidr} (allowed: ${min}-${max})`,
  }),
  ipipAndVxlan: defineRule<{ vxlanMode: string; ipipMode: string }>({
    id: 'calico/ipip-and-vxlan',
    severity: 'error',
    path: 'spec.cni.ipPools[*].vxlanMode',
    summary: 'A pool uses at most one encapsulation.',
    source: { upstream: `${VALIDATOR} (validateIPPool: "IPIPMode and VXLANMode cannot both be enabled")` },
    message: ({ vxlanMode, ipipMode }) => `${vxlanMode} while ipipMode is ${ipipMode} (allowed: at most one encapsulation per pool; set the other to Never)`,
  }),
  ipipOnIpv6: defineRule<{ ipipMode: string }>({
    id: 'calico/ipip-on-ipv6',
    severity: 'error',
    path: 'spec.cni.ipPools[*].ipipMode',
    summary: 'IP-in-IP carries IPv4 only.',
    source: { upstream: `${VALIDATOR} (validateIPPool: "IPIPMode other than 'Never' is not supported on an IPv6 IP pool")` },
    message: ({ ipipMode }) => `${ipipMode} on an IPv6 pool (allowed: Never; IP-in-IP carries IPv4 only, use vxlanMode)`,
  }),
  ipipWithoutBgp: defineRule<{ ipipMode: string }>({
    id: 'calico/ipip-without-bgp',
    severity: 'error',
    path: 'spec.cni.ipPools[*].ipipMode',
    summary: 'IP-in-IP routes come from BGP (BIRD); with BGP off (calico_backend vxlan) nothing programs them.',
    source: { upstream: `${CALICO} manifests/calico-vxlan.yaml (calico_backend vxlan: BIRD and its checks removed, CALICO_IPV4POOL_IPIP Never); docs.tigera.io/calico/latest/networking/configuring/vxlan-ipip (IP in IP routes are distributed by BGP, VXLAN works without BGP)` },
    message: ({ ipipMode }) => `${ipipMode} needs the BGP backend but spec.cni.bgp.enabled is false (allowed: Never, or vxlanMode instead)`,
  }),
  noPoolForFamily: defineRule<{ family: string }>({
    id: 'calico/no-pool-for-family',
    severity: 'error',
    path: 'spec.cni.ipPools',
    summary: 'Every family in ipFamilies has an enabled pool; otherwise the Calico CNI plugin cannot assign that family and pods fail to start.',
    source: { upstream: `${CALICO} cni-plugin/pkg/ipamplugin/ipam_plugin.go (cmdAdd: AutoAssign returns no address of a requested family when no enabled pool of it exists, and the plugin fails the ADD)` },
    message: ({ family }) => `has no enabled ${family} pool but ipFamilies includes ${family} (allowed: at least one enabled pool per family)`,
  }),
  fewerBlocksThanNodes: defineRule<Capacity>({
    id: 'calico/fewer-blocks-than-nodes',
    severity: 'warning',
    path: 'spec.cni.ipPools | spec.nodes.{count,maxCount}',
    summary: 'The enabled pools of a family hold fewer blocks than nodes: nodes without a block borrow addresses from other nodes\' blocks (strict affinity off), at the cost of more routes.',
    source: { upstream: IPAM },
    message: ({ nodes, family, blocks, sizes }) =>
      `${nodes} nodes need ${nodes} blocks for one block each but the enabled ${family} pools hold ${blocks} blocks of ${sizes}; nodes without a block borrow addresses from other nodes' blocks (more routes, no aggregation) (allowed without this warning: at most ${blocks} nodes, larger pools or a longer blockSize)`,
  }),
  blocksShortOfMaxPods: defineRule<Capacity>({
    id: 'calico/blocks-short-of-max-pods',
    severity: 'warning',
    path: 'spec.cni.ipPools | spec.pods.cidrs',
    summary: 'There are enough blocks for one per node but not for every node at maxPerNode pods; Calico then borrows addresses from other nodes\' blocks.',
    source: { upstream: IPAM },
    message: ({ nodes, need, family, blocks, extra }) =>
      `${nodes} nodes with ${extra} pods each need up to ${need} ${family} blocks but the pools hold ${blocks}; Calico then borrows addresses from other nodes' blocks (more routes, less aggregation)`,
  }),
  strictAffinityCapacity: defineRule<Capacity>({
    id: 'calico/strict-affinity-capacity',
    severity: 'error',
    path: 'spec.cni.ipPools | spec.nodes.{count,maxCount}',
    summary: 'With ipam.strictAffinity a node never borrows, so the enabled pools of each family hold a block for every pod slot: nodes × ceil(maxPerNode / block size) blocks.',
    source: { upstream: IPAM },
    message: ({ nodes, need, family, blocks, sizes, extra }) =>
      `${nodes} nodes with ${extra} pods each need ${need} ${family} blocks of ${sizes} under strictAffinity, which forbids borrowing, but the enabled pools hold ${blocks} (allowed: larger pools, a longer blockSize, fewer nodes or pods per node, or ipam.strictAffinity false)`,
  }),
  unencapsulatedWithoutBgp: defineRule<{ name: string; cidr: string }>({
    id: 'calico/unencapsulated-pool-without-bgp',
    severity: 'warning',
    path: 'spec.cni.ipPools[*]',
    summary: 'A pool without encapsulation while BGP is off relies on the underlay to route it.',
    source: { opinion: 'valid upstream (Calico then programs no routes between nodes), but it works only where the underlay routes the pool, e.g. cloud route tables, which nothing in the spec states' },
    message: ({ name, cidr }) => `pool ${name} has no encapsulation and BGP is off, so pod traffic between nodes relies on the underlay routing ${cidr} (e.g. cloud route tables)`,
  }),
  peersWithoutBgp: defineRule<{ count: number }>({
    id: 'calico/peers-without-bgp',
    severity: 'error',
    path: 'spec.cni.bgp.peers',
    summary: 'BGP peers are listed while BGP is off; no BIRD would ever use them.',
    source: { contract: 'SPEC.md "Errors": a setting must never be silently ignored (calico_backend vxlan runs no BIRD)' },
    message: ({ count }) => `lists ${count} peer(s) but spec.cni.bgp.enabled is false (allowed: no peers without BGP)`,
  }),
  noMeshNoPeers: defineRule<{ pools: string }>({
    id: 'calico/no-mesh-no-peers',
    severity: 'error',
    path: 'spec.cni.bgp.nodeToNodeMeshEnabled',
    summary: 'With the node-to-node mesh off and no peers, no node learns BGP routes, which IP-in-IP and unencapsulated pools depend on.',
    source: { upstream: 'docs.tigera.io/calico/latest/networking/configuring/bgp (disabling the full mesh requires route reflectors or other peers to distribute routes); VXLAN pools are routed by Felix without BGP' },
    message: ({ pools }) => `false with no spec.cni.bgp.peers: nodes would learn no routes to each other for ${pools} (allowed: true, or add peers such as ToR routers or route reflectors, or VXLAN pools)`,
  }),
  bgpPeerFields: defineRule<Detail>({
    id: 'calico/bgp-peer-fields',
    severity: 'error',
    path: 'spec.cni.bgp.peers[*]',
    summary: 'A BGPPeer is either an external router (peerIP with asNumber) or other Calico nodes (peerSelector, no asNumber); peerIP is ip, ip:port or [ipv6]:port.',
    source: { upstream: `${VALIDATOR} (validateBGPPeerSpec: peerIP and peerSelector are exclusive, asNumber only with peerIP, peerIP syntax)` },
    message: ({ detail }) => detail,
  }),
  peerFamily: defineRule<{ peerIP: string; family: string; families: string }>({
    id: 'calico/peer-family-not-in-cluster',
    severity: 'warning',
    path: 'spec.cni.bgp.peers[*].peerIP',
    summary: 'A BGP peer of a family the cluster does not use.',
    source: { opinion: 'Calico accepts it, but calico-node autodetects no node address of that family (IP / IP6 none), so BIRD never establishes the session' },
    message: ({ peerIP, family, families }) => `${peerIP} is ${family} but ipFamilies is [${families}] (allowed: a peer of a family the cluster uses)`,
  }),
  advertisedOutsideServices: defineRule<{ cidr: string; services: string }>({
    id: 'calico/service-cluster-ips-outside-services',
    severity: 'warning',
    path: 'spec.cni.bgp.serviceClusterIPs[*]',
    summary: 'An advertised service cluster IP range lies outside spec.services.cidrs.',
    source: { opinion: 'Calico advertises whatever range it is given; outside the service range the route attracts traffic no Service answers' },
    message: ({ cidr, services }) => `${cidr} is not inside spec.services.cidrs [${services}] (allowed: the service range or a part of it)`,
  }),
  bpfNeedsApiEndpoint: defineRule({
    id: 'calico/bpf-needs-api-endpoint',
    severity: 'error',
    path: 'spec.cni.kubernetesServiceEndpoint',
    summary: 'eBPF mode replaces kube-proxy, so calico-node needs the API server address directly.',
    source: { upstream: 'docs.tigera.io/calico/latest/operations/ebpf/enabling-ebpf ("Configure Calico to talk directly to the API server": the kubernetes-services-endpoint ConfigMap is required before kube-proxy is disabled)' },
    message: () => 'is required with spec.cni.felix.bpfEnabled (allowed: {host, port} of the API server; eBPF mode replaces kube-proxy, so calico-node cannot use the kubernetes Service)',
  }),
  typhaReplicasWithoutTypha: defineRule({
    id: 'calico/typha-replicas-without-typha',
    severity: 'error',
    path: 'spec.cni.typha.replicas',
    summary: 'Typha replicas are set while Typha is off.',
    source: { contract: 'SPEC.md "Errors": a setting must never be silently ignored' },
    message: () => 'is set but spec.cni.typha.enabled is false (allowed: no replicas without Typha)',
  }),
};
