/** `spec.cni` when `type: calico`. Leaf module: schema only. */
import { z } from 'zod';
import { cidrString, cniCommonShape, intInRange, secretKeyRef, strictObject } from '../../spec/zod-helpers';
import { felixSchema } from '../common/calico-policy/spec';

/** Largest BGP AS number (4-byte ASNs, RFC 6793). */
export const MAX_AS_NUMBER = 4294967295;

export const calicoEncapsulationModeSchema = z
  .enum(['Always', 'CrossSubnet', 'Never'])
  .meta({ description: 'When to encapsulate: Always, only across subnets (CrossSubnet), or Never.' });

const asNumber = (description: string) => intInRange(1, MAX_AS_NUMBER, description);

export const calicoIpPoolSchema = strictObject(
  {
    name: z.string().min(1).meta({ description: 'IPPool resource name (DNS-1123 subdomain).' }),
    cidr: cidrString('Pool range; must lie inside one of spec.pods.cidrs.'),
    blockSize: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Prefix length of the per-node blocks carved from the pool (IPv4 20-32, IPv6 116-128). Default: 26 (IPv4), 122 (IPv6).' }),
    ipipMode: calicoEncapsulationModeSchema
      .optional()
      .meta({ description: 'IP-in-IP encapsulation (IPv4, BGP backend only). Default: Always with BGP and no vxlanMode (as calico.yaml), else Never.' }),
    vxlanMode: calicoEncapsulationModeSchema
      .optional()
      .meta({ description: 'VXLAN encapsulation. Default: CrossSubnet without BGP (as calico-vxlan.yaml), else Never.' }),
    natOutgoing: z
      .boolean()
      .optional()
      .meta({
        description:
          'Masquerade traffic from pods to destinations outside the pools. Default: true for IPv4, false for IPv6 (calico-node CALICO_IPV4POOL_NAT_OUTGOING / CALICO_IPV6POOL_NAT_OUTGOING).',
      }),
    nodeSelector: z.string().default('all()').meta({ description: 'Calico selector of the nodes that allocate from this pool.' }),
    disabled: z.boolean().default(false).meta({ description: 'Stop new allocations from this pool.' }),
    disableBGPExport: z.boolean().default(false).meta({ description: 'Do not advertise the pool over BGP.' }),
  },
  'A Calico IPPool (crd.projectcalico.org/v1).',
);

export const calicoBgpPeerSchema = strictObject(
  {
    name: z.string().min(1).meta({ description: 'BGPPeer resource name (DNS-1123 subdomain).' }),
    peerIP: z.string().optional().meta({ description: 'External peer address, `ip` or `ip:port` (`[ipv6]:port`); needs asNumber.' }),
    asNumber: asNumber('AS number of the external peer.').optional(),
    nodeSelector: z.string().optional().meta({ description: 'Calico selector of the local nodes that peer (e.g. a rack label). Default: all nodes.' }),
    peerSelector: z.string().optional().meta({ description: 'Peer with the Calico nodes this selector picks (route reflectors) instead of peerIP.' }),
    password: secretKeyRef('BGP session password: a reference to a Secret key in the Calico namespace, never the password itself.', {
      what: 'password',
      namespace: 'kube-system',
    }).optional(),
  },
  'A BGP peering (BGPPeer): an external router (peerIP + asNumber) or other Calico nodes (peerSelector).',
);

export const calicoBgpSchema = strictObject(
  {
    enabled: z.boolean().default(true).meta({ description: 'Use BIRD for BGP routing (calico_backend bird); false uses the vxlan backend.' }),
    asNumber: asNumber('Default AS number of the nodes.').default(64512),
    nodeToNodeMeshEnabled: z.boolean().default(true).meta({ description: 'Full BGP mesh between all nodes. Turn off only with peers (ToR or route reflectors).' }),
    serviceClusterIPs: z.array(cidrString('Service cluster IP range to advertise.')).optional(),
    serviceExternalIPs: z.array(cidrString('Service external IP range to advertise.')).optional(),
    serviceLoadBalancerIPs: z.array(cidrString('Service LoadBalancer IP range to advertise.')).optional(),
    peers: z.array(calicoBgpPeerSchema).default([]),
  },
  'BGP: the default BGPConfiguration and the BGPPeers.',
);

/** The API server address calico-node uses directly (no kube-proxy), as the `kubernetes-services-endpoint` ConfigMap. */
export const kubernetesServiceEndpointSchema = strictObject(
  {
    host: z.string().min(1).meta({ description: 'API server host (KUBERNETES_SERVICE_HOST), e.g. a load balancer name or a control-plane IP.' }),
    port: intInRange(1, 65535, 'API server port (KUBERNETES_SERVICE_PORT).').default(6443),
  },
  'Direct API server endpoint; required with felix.bpfEnabled.',
);

export const calicoCniSchema = strictObject(
  {
    type: z.literal('calico'),
    ...cniCommonShape,
    ipPools: z
      .array(calicoIpPoolSchema)
      .min(1)
      .optional()
      .meta({ description: 'The IP pools; created as IPPool resources. Default: one pool per spec.pods.cidrs entry, with upstream defaults.' }),
    ipam: strictObject(
      {
        strictAffinity: z
          .boolean()
          .default(false)
          .meta({
            description:
              "IPAMConfig strictAffinity: nodes take addresses only from their own blocks and never borrow from other nodes' blocks (pod creation fails when no block is free). Written as the IPAMConfig `default` when true.",
          }),
      },
      'Calico IPAM settings (the IPAMConfig resource).',
    ).default({ strictAffinity: false }),
    bgp: calicoBgpSchema.default({ enabled: true, asNumber: 64512, nodeToNodeMeshEnabled: true, peers: [] }),
    felix: felixSchema.optional(),
    typha: strictObject(
      {
        enabled: z.boolean().optional().meta({ description: 'Run Typha (fan-out cache between Felix and the API server). Default: when spec.nodes.maxCount > 50.' }),
        replicas: intInRange(1, 100, 'Typha replicas. Default: one per 200 nodes, at least 3 (upstream advice), at most spec.nodes.count.').optional(),
      },
      'Typha.',
    ).default({}),
    kubernetesServiceEndpoint: kubernetesServiceEndpointSchema.optional(),
  },
  'Calico: BGP-routed or IPIP/VXLAN pod network with Calico IPAM pools and network policy (manifest install, calico.yaml).',
);

export type CalicoCniSpec = z.input<typeof calicoCniSchema>;
export type ResolvedCalicoCni = z.output<typeof calicoCniSchema>;
