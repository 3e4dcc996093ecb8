/** Rule cases of Calico. */
import { calicoNodeConfigIssues } from '../../../src/cli/commands/calico-node-config';
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { specCase, specWith, type RuleCase } from '../support';

type Json = Record<string, unknown>;
const pools = [
  { name: 'a', cidr: '10.244.0.0/18' },
  { name: 'b', cidr: '10.244.64.0/18' },
];
const calico = (cni: Json = {}, spec: Json = {}) => specWith({ nodes: { count: 3, maxCount: 50 }, ...spec, cni: { type: 'calico', ipPools: pools, ...cni } });
const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
const peer = { name: 'tor', peerIP: '192.168.0.1', asNumber: 65001 };
const small = [{ name: 'small', cidr: '10.244.0.0/22' }];
const rr = { 'rr-1': { routeReflectorClusterID: '244.0.0.1', labels: { 'route-reflector': 'true' } } };
const vxlanPools = pools.map((p) => ({ ...p, vxlanMode: 'Always' }));
const filter = (rule: Json) => calico({ bgp: { filters: [{ name: 'f', exportV4: [rule] }] } });

export const CALICO_CASES: readonly RuleCase[] = [
  { rule: 'calico/node-config-needs-calico', name: 'calico-node-config on a Flannel spec', refuses: () => calicoNodeConfigIssues(resolveClusterNetwork(specWith({}))), accepts: () => calicoNodeConfigIssues(resolveClusterNetwork(calico())) },
  specCase('calico/duplicate-name', 'two pools named a', calico({ ipPools: [pools[0], { ...pools[1], name: 'a' }] }), calico()),
  specCase('calico/pool-outside-pod-range', 'a pool outside 10.244.0.0/16', calico({ ipPools: [pools[0], { name: 'b', cidr: '10.250.0.0/18' }] }), calico()),
  specCase('calico/pools-overlap', 'b inside a', calico({ ipPools: [pools[0], { name: 'b', cidr: '10.244.32.0/19' }] }), calico()),
  specCase('calico/block-size-range', 'IPv4 blockSize 19', calico({ ipPools: [{ ...pools[0], blockSize: 19 }] }), calico({ ipPools: [{ ...pools[0], blockSize: 20 }] })),
  specCase(
    'calico/block-larger-than-pool',
    '/21 blocks in a /22 pool',
    calico({ ipPools: [{ name: 'a', cidr: '10.244.0.0/22', blockSize: 21 }] }, { nodes: { count: 1 } }),
    calico({ ipPools: [{ name: 'a', cidr: '10.244.0.0/22', blockSize: 22 }] }, { nodes: { count: 1 } }),
  ),
  specCase('calico/ipip-and-vxlan', 'IPIP Always with VXLAN CrossSubnet', calico({ ipPools: [{ ...pools[0], ipipMode: 'Always', vxlanMode: 'CrossSubnet' }] }), calico({ ipPools: [{ ...pools[0], ipipMode: 'Always' }] })),
  specCase(
    'calico/ipip-on-ipv6',
    'IPIP on an IPv6 pool',
    calico({ ipPools: [...pools, { name: 'v6', cidr: 'fd00:10:244::/64', ipipMode: 'Always' }] }, dual),
    calico({ ipPools: [...pools, { name: 'v6', cidr: 'fd00:10:244::/64', vxlanMode: 'Always' }] }, dual),
  ),
  specCase(
    'calico/ipip-without-bgp',
    'IPIP with BGP off',
    calico({ bgp: { enabled: false }, ipPools: [{ ...pools[0], ipipMode: 'CrossSubnet' }] }),
    calico({ bgp: { enabled: false }, ipPools: [{ ...pools[0], vxlanMode: 'CrossSubnet' }] }),
  ),
  specCase('calico/no-pool-for-family', 'every pool disabled', calico({ ipPools: pools.map((p) => ({ ...p, disabled: true })) }), calico({ ipPools: [pools[0], { ...pools[1], disabled: true }] })),
  specCase(
    'calico/fewer-blocks-than-nodes',
    '16 blocks of /26 for 20 nodes (Calico borrows)',
    calico({ ipPools: small }, { nodes: { count: 3, maxCount: 20 } }),
    calico({ ipPools: small }, { nodes: { count: 3, maxCount: 16 } }),
  ),
  specCase(
    'calico/blocks-short-of-max-pods',
    '64 blocks of /26 for 60 nodes of 110 pods',
    specWith({ pods: { cidrs: ['10.244.0.0/20'], maxPerNode: 110 }, nodes: { count: 3, maxCount: 60 }, cni: { type: 'calico' } }),
    specWith({ pods: { cidrs: ['10.244.0.0/20'], maxPerNode: 64 }, nodes: { count: 3, maxCount: 60 }, cni: { type: 'calico' } }),
  ),
  specCase(
    'calico/strict-affinity-capacity',
    '16 blocks for 8 nodes of 110 pods under strictAffinity (16 needed: 2 per node)',
    calico({ ipam: { strictAffinity: true }, ipPools: small }, { nodes: { count: 3, maxCount: 9 } }),
    calico({ ipam: { strictAffinity: true }, ipPools: small }, { nodes: { count: 3, maxCount: 8 } }),
  ),
  specCase(
    'calico/unencapsulated-pool-without-bgp',
    'no encapsulation and no BGP',
    calico({ bgp: { enabled: false }, ipPools: [{ ...pools[0], vxlanMode: 'Never' }] }),
    calico({ bgp: { enabled: false }, ipPools: [{ ...pools[0], vxlanMode: 'Always' }] }),
  ),
  specCase(
    'calico/peers-without-bgp',
    'a peer with BGP off',
    calico({ bgp: { enabled: false, peers: [peer] }, ipPools: [{ ...pools[0], vxlanMode: 'Always' }] }),
    calico({ bgp: { enabled: false }, ipPools: [{ ...pools[0], vxlanMode: 'Always' }] }),
  ),
  specCase(
    'calico/no-mesh-no-peers',
    'mesh off, no peers, IPIP pools',
    calico({ bgp: { nodeToNodeMeshEnabled: false } }),
    calico({ bgp: { nodeToNodeMeshEnabled: false }, ipPools: pools.map((p) => ({ ...p, vxlanMode: 'Always' })) }),
  ),
  specCase('calico/bgp-peer-fields', 'peerIP without asNumber', calico({ bgp: { peers: [{ name: 'tor', peerIP: '192.168.0.1' }] } }), calico({ bgp: { peers: [peer] } })),
  specCase('calico/bgp-peer-fields', 'peerSelector with asNumber', calico({ bgp: { peers: [{ name: 'rr', peerSelector: 'has(rr)', asNumber: 65001 }] } }), calico({ bgp: { peers: [{ name: 'rr', peerSelector: 'has(rr)' }] } })),
  specCase('calico/peer-family-not-in-cluster', 'an IPv6 peer on an IPv4 cluster', calico({ bgp: { peers: [{ ...peer, peerIP: '2001:db8::1' }] } }), calico({ bgp: { peers: [peer] } })),
  specCase(
    'calico/service-cluster-ips-outside-services',
    'advertising 10.112.0.0/16 with services in 10.96.0.0/12',
    calico({ bgp: { serviceClusterIPs: ['10.112.0.0/16'] } }),
    calico({ bgp: { serviceClusterIPs: ['10.96.0.0/12'] } }),
  ),
  specCase(
    'calico/bpf-needs-api-endpoint',
    'eBPF without the API server endpoint',
    calico({ felix: { bpfEnabled: true } }),
    calico({ felix: { bpfEnabled: true }, kubernetesServiceEndpoint: { host: 'api.example.com' } }),
  ),
  specCase('calico/typha-replicas-without-typha', 'replicas with Typha off', calico({ typha: { enabled: false, replicas: 3 } }), calico({ typha: { enabled: true, replicas: 3 } })),
  specCase('calico/ip-autodetection-method', 'an unknown method', calico({ ipAutodetectionMethod: 'first' }), calico({ ipAutodetectionMethod: 'first-found' })),
  specCase('calico/ip-autodetection-cidr', 'cidr= with a /33', calico({ ipAutodetectionMethod: 'cidr=192.168.0.0/33' }), calico({ ipAutodetectionMethod: 'cidr=192.168.0.0/16' })),
  specCase('calico/ip-autodetection-regex', 'an unterminated class', calico({ ipAutodetectionMethod: 'interface=eth[0' }), calico({ ipAutodetectionMethod: 'interface=eth[0-9]' })),
  specCase('calico/ip-autodetection-family', 'an IPv6 range for the IPv4 address', calico({ ipAutodetectionMethod: 'cidr=fd00::/64' }), calico({ ipAutodetectionMethod: 'cidr=192.168.0.0/16' })),
  specCase('calico/ip-autodetection-unused', 'an IPv6 method on an IPv4 cluster', calico({ ip6AutodetectionMethod: 'first-found' }), calico({ ip6AutodetectionMethod: 'first-found' }, dual)),
  specCase('calico/bgp-settings-without-bgp', 'node settings with BGP off', calico({ bgp: { enabled: false, nodes: rr }, ipPools: vxlanPools }), calico({ bgp: { enabled: true, nodes: rr } })),
  specCase(
    'calico/bgp-settings-without-bgp',
    'a filter with BGP off',
    calico({ bgp: { enabled: false, filters: [{ name: 'f', exportV4: [{ action: 'Reject' }] }] }, ipPools: vxlanPools }),
    calico({ bgp: { enabled: false }, ipPools: vxlanPools }),
  ),
  specCase(
    'calico/route-reflector-cluster-id',
    'an IPv6 cluster ID',
    calico({ bgp: { nodes: { 'rr-1': { routeReflectorClusterID: 'fd00::1' } } } }),
    calico({ bgp: { nodes: { 'rr-1': { routeReflectorClusterID: '244.0.0.1' } } } }),
  ),
  specCase('calico/bgp-filter-rule', 'cidr without matchOperator', filter({ action: 'Reject', cidr: '10.96.0.0/12' }), filter({ action: 'Reject', cidr: '10.96.0.0/12', matchOperator: 'In' })),
  specCase('calico/bgp-filter-cidr-family', 'an IPv6 CIDR in exportV4', filter({ action: 'Reject', cidr: 'fd00::/8', matchOperator: 'In' }), filter({ action: 'Reject', cidr: '10.0.0.0/8', matchOperator: 'In' })),
  specCase('calico/bgp-filter-interface', 'a $ in the interface', filter({ action: 'Reject', interface: '$cali' }), filter({ action: 'Reject', interface: 'cali*' })),
  specCase(
    'calico/bgp-filter-schema',
    'prefixLength max 33 in an IPv4 rule',
    filter({ action: 'Reject', cidr: '10.0.0.0/8', matchOperator: 'In', prefixLength: { max: 33 } }),
    filter({ action: 'Reject', cidr: '10.0.0.0/8', matchOperator: 'In', prefixLength: { max: 32 } }),
  ),
  specCase(
    'calico/bgp-filter-undefined',
    'a peer naming an undeclared filter',
    calico({ bgp: { peers: [{ ...peer, filters: ['no-such-filter'] }], filters: [{ name: 'f', exportV4: [{ action: 'Accept' }] }] } }),
    calico({ bgp: { peers: [{ ...peer, filters: ['f'] }], filters: [{ name: 'f', exportV4: [{ action: 'Accept' }] }] } }),
  ),
  specCase('calico/felix-extra-modelled-field', 'bpfEnabled through extra', calico({ felix: { extra: { bpfEnabled: false } } }), calico({ felix: { bpfEnabled: false } })),
  specCase('calico/felix-extra-schema', 'a value outside the enum', calico({ felix: { extra: { bpfExternalServiceMode: 'Direct' } } }), calico({ felix: { extra: { bpfExternalServiceMode: 'DSR' } } })),
  specCase(
    'calico/felix-route-table-range-exclusive',
    'routeTableRange with routeTableRanges',
    calico({ felix: { extra: { routeTableRange: { min: 1, max: 250 }, routeTableRanges: [{ min: 1, max: 250 }] } } }),
    calico({ felix: { extra: { routeTableRanges: [{ min: 1, max: 250 }] } } }),
  ),
  specCase('calico/felix-extra-in-use', 'an extra field', calico({ felix: { extra: { natPortRange: '32768:65535' } } }), calico({ felix: { prometheusMetricsEnabled: true } })),
];
