import { specCase, specWith, type RuleCase } from '../support';

const antrea = (cni: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => specWith({ ...spec, cni: { type: 'antrea', ...cni } });
const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
const psk = { pskSecret: { name: 'antrea-ipsec', key: 'psk' } };

export const ANTREA_CASES: readonly RuleCase[] = [
  specCase('antrea/encryption-needs-encap', 'WireGuard in hybrid mode', antrea({ trafficEncapMode: 'hybrid', trafficEncryptionMode: 'wireGuard' }), antrea({ trafficEncapMode: 'encap', trafficEncryptionMode: 'wireGuard' })),
  specCase('antrea/encryption-needs-encap', 'IPsec in noEncap mode', antrea({ trafficEncapMode: 'noEncap', trafficEncryptionMode: 'ipsec', ipsec: psk }), antrea({ trafficEncryptionMode: 'ipsec', ipsec: psk })),
  specCase('antrea/gre-ipv6', 'GRE on a dual-stack cluster', antrea({ tunnelType: 'gre' }, dual), antrea({ tunnelType: 'gre' })),
  specCase('antrea/no-encap-needs-antrea-proxy', 'noEncap without AntreaProxy', antrea({ trafficEncapMode: 'noEncap', antreaProxy: { enable: false } }), antrea({ trafficEncapMode: 'noEncap' })),
  specCase('antrea/no-snat-needs-no-encap', 'noSNAT in encap mode', antrea({ noSNAT: true }), antrea({ trafficEncapMode: 'noEncap', noSNAT: true })),
  specCase('antrea/ipsec-psk-required', 'IPsec without a PSK Secret', antrea({ trafficEncryptionMode: 'ipsec' }), antrea({ trafficEncryptionMode: 'ipsec', ipsec: psk })),
  specCase('antrea/ipsec-settings-unused', 'a PSK Secret without IPsec', antrea({ ipsec: psk }), antrea({ trafficEncryptionMode: 'ipsec', ipsec: psk })),
  specCase(
    'antrea/proxy-all-needs-api-server-override',
    'proxyAll without kubeAPIServerOverride',
    antrea({ antreaProxy: { proxyAll: true } }),
    antrea({ antreaProxy: { proxyAll: true }, kubeAPIServerOverride: 'https://10.0.0.10:6443' }),
  ),
  specCase('antrea/api-server-override-port', 'port 70000', antrea({ kubeAPIServerOverride: 'https://10.0.0.10:70000' }), antrea({ kubeAPIServerOverride: 'https://10.0.0.10:6443' })),
  specCase('antrea/api-server-override-port', 'an IPv6 host with an empty port', antrea({ kubeAPIServerOverride: '[fd00::10]:' }), antrea({ kubeAPIServerOverride: '[fd00::10]:6443' })),
  specCase(
    'antrea/node-ipam-cluster-cidrs',
    'two IPv4 NodeIPAM ranges',
    antrea({ nodeIPAM: { enable: true, clusterCIDRs: ['10.244.0.0/17', '10.244.128.0/17'] } }),
    antrea({ nodeIPAM: { enable: true, clusterCIDRs: ['10.244.0.0/17'] } }),
  ),
  specCase(
    'antrea/node-ipam-outside-pod-range',
    'a NodeIPAM range outside spec.pods.cidrs',
    antrea({ nodeIPAM: { enable: true, clusterCIDRs: ['10.50.0.0/16'] } }),
    antrea({ nodeIPAM: { enable: true, clusterCIDRs: ['10.244.0.0/16'] } }),
  ),
  specCase('antrea/node-ipam-mask', 'an IPv4 node mask of /31', antrea({ nodeIPAM: { enable: true } }, { pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 31, maxPerNode: 1 } }), antrea({ nodeIPAM: { enable: true } }, { pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 30, maxPerNode: 1 } })),
  specCase(
    'antrea/node-ipam-mask',
    'an IPv6 node mask more than 16 bits longer than the cluster CIDR',
    antrea({ nodeIPAM: { enable: true } }, { ...dual, pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], nodeMaskSizeIPv6: 80 } }),
    antrea({ nodeIPAM: { enable: true } }, { ...dual, pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'], nodeMaskSizeIPv6: 72 } }),
  ),
  specCase(
    'antrea/node-ipam-capacity',
    'more nodes than /24 blocks in a /22',
    antrea({ nodeIPAM: { enable: true } }, { pods: { cidrs: ['10.244.0.0/22'] }, nodes: { count: 5 } }),
    antrea({ nodeIPAM: { enable: true } }, { pods: { cidrs: ['10.244.0.0/22'] }, nodes: { count: 4 } }),
  ),
  specCase('antrea/unknown-feature-gate', 'a misspelt gate', antrea({ featureGates: { Multicats: true } }), antrea({ featureGates: { Multicast: true } })),
  specCase(
    'antrea/policy-gate-needs-antrea-policy',
    'ClusterNetworkPolicy without AntreaPolicy',
    antrea({ featureGates: { AntreaPolicy: false, ClusterNetworkPolicy: true } }),
    antrea({ featureGates: { AntreaPolicy: true, ClusterNetworkPolicy: true } }),
  ),
  specCase('antrea/pod-mtu', 'IPv6 Geneve on a 1300-byte underlay', antrea({}, { ...dual, nodes: { count: 3, mtu: 1300 } }), antrea({}, { ...dual, nodes: { count: 3, mtu: 1350 } })),
  specCase('antrea/pod-mtu-small', 'IPv4 WireGuard on a 600-byte underlay', antrea({ trafficEncryptionMode: 'wireGuard' }, { nodes: { count: 3, mtu: 600 } }), antrea({ trafficEncryptionMode: 'wireGuard' }, { nodes: { count: 3, mtu: 636 } })),
  specCase('antrea/network-policy-only-needs-primary-cni', 'networkPolicyOnly', antrea({ trafficEncapMode: 'networkPolicyOnly' }), antrea({ trafficEncapMode: 'noEncap' })),
];
