/**
 * `spec.cni` when `type: kube-router`. Leaf module: schema only. Field names are kube-router's own flags
 * (pkg/options/options.go at v2.11.1) in camelCase: `--run-service-proxy` → `runServiceProxy`.
 */
import { z } from 'zod';
import { cniCommonShape, intInRange, ipString, secretKeyRef, strictObject } from '../../spec/zod-helpers';

/** Largest 4-byte AS number (RFC 6793); the ranges kube-router accepts are checked by the rules. */
const MAX_ASN = 4294967295;
const flag = (value: boolean, description: string) => z.boolean().default(value).meta({ description });

export const kubeRouterPeerSchema = strictObject(
  {
    ip: ipString('The external BGP router every node peers with (an element of --peer-router-ips).'),
    asn: intInRange(1, MAX_ASN, 'AS number of that router (the matching element of --peer-router-asns).'),
    port: intInRange(1, 65535, 'Its BGP port (the matching element of --peer-router-ports). Default 179.').optional(),
  },
  'A global BGP peer (--peer-router-ips / --peer-router-asns / --peer-router-ports, one element each).',
);

export const kubeRouterCniSchema = strictObject(
  {
    type: z.literal('kube-router'),
    ...cniCommonShape,
    runRouter: flag(true, '--run-router: pod routing over BGP (node pod CIDRs) and the CNI bridge.'),
    runFirewall: flag(true, '--run-firewall: NetworkPolicy enforcement with iptables/ipsets.'),
    runServiceProxy: flag(
      false,
      '--run-service-proxy: the IPVS service proxy, which replaces kube-proxy (kubeadm then skips its kube-proxy phase). Default false, as kubeadm-kuberouter.yaml; true gives kubeadm-kuberouter-all-features.yaml.',
    ),
    k8sServiceHost: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'API server host kube-router talks to when it is the service proxy (written to its kubeconfig); required with runServiceProxy.' }),
    k8sServicePort: intInRange(1, 65535, 'API server port for k8sServiceHost. Default 6443.').optional(),
    enableOverlay: flag(true, '--enable-overlay: tunnel pod traffic to nodes in other subnets (overlayType subnet) or to every node (full).'),
    overlayType: z.enum(['subnet', 'full']).default('subnet').meta({ description: '--overlay-type: subnet (tunnel only across subnets) or full (tunnel to every node).' }),
    overlayEncap: z.enum(['ipip', 'fou']).default('ipip').meta({ description: '--overlay-encap: ipip (IP protocol 4) or fou (IPIP in UDP, for clouds that drop protocol 4, e.g. Azure).' }),
    overlayEncapPort: intInRange(1, 65535, '--overlay-encap-port: the UDP port of fou encapsulation.').default(5555),
    enableIbgp: flag(true, '--enable-ibgp: peer with the other nodes of the same ASN.'),
    nodesFullMesh: flag(true, '--nodes-full-mesh: every node peers with every other node; false needs the kube-router.io/node.asn annotation on every node.'),
    clusterAsn: intInRange(1, MAX_ASN, '--cluster-asn: the ASN of the nodes. kube-router default 64512.').optional(),
    peers: z.array(kubeRouterPeerSchema).default([]).meta({ description: 'Global BGP peers every node peers with.' }),
    peerPasswordsSecret: secretKeyRef(
      'A Secret key in kube-system holding the --peer-router-passwords-file content: base64 passwords separated by commas, one per peer in the order of `peers` (blank for a peer without password). A reference, never the passwords themselves.',
      { what: 'password', namespace: 'kube-system', fields: 'name+key' },
    ).optional(),
    bgpGracefulRestart: flag(true, '--bgp-graceful-restart: keep routes while kube-router restarts (the kubeadm manifests set it).'),
    advertiseClusterIp: flag(false, '--advertise-cluster-ip: advertise Service cluster IPs to the BGP peers.'),
    advertiseExternalIp: flag(false, '--advertise-external-ip: advertise Service external IPs to the BGP peers.'),
    advertiseLoadbalancerIp: flag(false, '--advertise-loadbalancer-ip: advertise Service load-balancer IPs to the BGP peers.'),
    metricsPort: intInRange(0, 65535, '--metrics-port: Prometheus metrics port; 0 turns metrics off.').default(0),
    routerId: z
      .string()
      .min(1)
      .optional()
      .meta({ description: '--router-id: the BGP router ID (an IPv4 address, or `generate`); required when the nodes\' primary address is IPv6.' }),
  },
  'kube-router v2.11.1: one DaemonSet doing pod routing over BGP, NetworkPolicy and (optionally) an IPVS service proxy that replaces kube-proxy.',
);

export type KubeRouterPeerSpec = z.output<typeof kubeRouterPeerSchema>;
export type KubeRouterCniSpec = z.input<typeof kubeRouterCniSchema>;
export type ResolvedKubeRouterCni = z.output<typeof kubeRouterCniSchema>;
