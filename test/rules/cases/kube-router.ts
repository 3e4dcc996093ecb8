/** kube-router's rules: a refused (or warned) spec and a nearby accepted one for each. */
import { specCase, specWith, type RuleCase } from '../support';

const kr = (cni: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) =>
  specWith({ nodes: { cidrs: ['10.0.0.0/16'], count: 3 }, cni: { type: 'kube-router', ...cni }, ...spec });
const peer = (ip: string, asn: number) => ({ ip, asn });
const secret = { name: 'kube-router-peer-passwords', key: 'passwords' };

export const KUBE_ROUTER_CASES: readonly RuleCase[] = [
  specCase('kube-router/cluster-asn-range', 'a public cluster ASN', kr({ clusterAsn: 64000 }), kr({ clusterAsn: 64512 })),
  specCase('kube-router/cluster-asn-range', 'a 4-byte private cluster ASN is accepted, 4294967295 is not', kr({ clusterAsn: 4294967295 }), kr({ clusterAsn: 4200000000 })),
  specCase('kube-router/peer-asn-reserved', 'AS_TRANS 23456 as a peer ASN', kr({ peers: [peer('10.0.0.1', 23456)] }), kr({ peers: [peer('10.0.0.1', 23457)] })),
  specCase('kube-router/peer-asn-reserved', '65535 is reserved for peers (the cluster may use it)', kr({ peers: [peer('10.0.0.1', 65535)] }), kr({ peers: [peer('10.0.0.1', 65534)], clusterAsn: 65535 })),
  specCase('kube-router/peer-ip-invalid', 'a host name as a peer', kr({ peers: [peer('tor1.example', 65001)] }), kr({ peers: [peer('10.0.0.1', 65001)] })),
  specCase(
    'kube-router/one-asn-per-peer-ip',
    'the same router twice with two ASNs',
    kr({ peers: [peer('10.0.0.1', 65001), peer('10.0.0.1', 65002)] }),
    kr({ peers: [peer('10.0.0.1', 65001), peer('10.0.0.2', 65002)] }),
  ),
  specCase('kube-router/password-per-peer', 'a passwords Secret without peers', kr({ peerPasswordsSecret: secret }), kr({ peerPasswordsSecret: secret, peers: [peer('10.0.0.1', 65001)] })),
  specCase('kube-router/router-required', 'firewall and proxy without the router', kr({ runRouter: false }), kr({ runRouter: true })),
  specCase('kube-router/service-proxy-api-server', 'the service proxy without an API server address', kr({ runServiceProxy: true }), kr({ runServiceProxy: true, k8sServiceHost: '10.0.0.10' })),
  specCase('kube-router/api-server-unused', 'an API server address without the proxy', kr({ k8sServiceHost: '10.0.0.10' }), kr({})),
  specCase('kube-router/service-proxy-replaces-kube-proxy', 'the service proxy (kube-proxy cleanup notice)', kr({ runServiceProxy: true, k8sServiceHost: '10.0.0.10' }), kr({ runServiceProxy: false })),
  specCase(
    'kube-router/ipv6-router-id',
    'IPv6 single stack without --router-id',
    kr({}, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] }, nodes: { cidrs: ['fd00:1::/64'], count: 3 } }),
    kr({ routerId: 'generate' }, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] }, nodes: { cidrs: ['fd00:1::/64'], count: 3 } }),
  ),
  specCase('kube-router/no-full-mesh-node-asn', 'full mesh off (node.asn annotations needed)', kr({ nodesFullMesh: false }), kr({ nodesFullMesh: true })),
  specCase('kube-router/overlay-encap-port-unused', 'a FoU port with IPIP', kr({ overlayEncapPort: 6000 }), kr({ overlayEncap: 'fou', overlayEncapPort: 6000 })),
];
