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

/** One rule of a BGPFilter (upstream BGPFilterRuleV4 / BGPFilterRuleV6 fields). */
export const calicoBgpFilterRuleSchema = strictObject(
  {
    action: z.enum(['Accept', 'Reject']).meta({ description: 'What to do with a matching route.' }),
    cidr: z.string().optional().meta({ description: 'Prefix to match, of the family of the list (with matchOperator).' }),
    matchOperator: z.enum(['Equal', 'NotEqual', 'In', 'NotIn']).optional().meta({ description: 'How the route prefix is compared with cidr (with cidr).' }),
    prefixLength: strictObject(
      {
        min: z.number().int().optional().meta({ description: 'Shortest prefix length matched.' }),
        max: z.number().int().optional().meta({ description: 'Longest prefix length matched.' }),
      },
      'Prefix lengths matched within cidr (needs cidr).',
    ).optional(),
    source: z.enum(['RemotePeers']).optional().meta({ description: 'Match only routes learned from BGP peers.' }),
    interface: z.string().optional().meta({ description: 'Match routes over interfaces with this name (wildcard `*` allowed).' }),
    peerType: z.enum(['eBGP', 'iBGP']).optional().meta({ description: 'Match only routes to or from peers of this type.' }),
    communities: strictObject({ values: z.array(z.string()).meta({ description: 'One BGP community, `aa:nn` or large `aa:nn:mm`.' }) }, 'Match routes carrying this community.').optional(),
    asPathPrefix: z.array(z.number().int()).optional().meta({ description: 'Match routes whose AS path starts with these AS numbers.' }),
    operations: z
      .array(
        strictObject(
          {
            addCommunity: strictObject({ value: z.string() }, 'Add a BGP community.').optional(),
            prependASPath: strictObject({ prefix: z.array(z.number().int()) }, 'Prepend AS numbers to the AS path.').optional(),
            setPriority: strictObject({ value: z.number().int() }, 'Set the route priority.').optional(),
          },
          'One operation on an accepted route (exactly one field).',
        ),
      )
      .optional()
      .meta({ description: 'Operations on accepted routes (action Accept only).' }),
    priority: z.number().int().optional().meta({ description: 'Match routes of this priority.' }),
  },
  'A BGPFilter rule: the route matches when every field set matches.',
);

/** A BGPFilter: import/export rules per family, referenced by BGPPeers by name. */
export const calicoBgpFilterSchema = strictObject(
  {
    name: z.string().min(1).meta({ description: 'BGPFilter resource name (DNS-1123 subdomain); peers reference it in filters.' }),
    exportV4: z.array(calicoBgpFilterRuleSchema).optional().meta({ description: 'Rules for IPv4 routes advertised to the peer.' }),
    importV4: z.array(calicoBgpFilterRuleSchema).optional().meta({ description: 'Rules for IPv4 routes learned from the peer.' }),
    exportV6: z.array(calicoBgpFilterRuleSchema).optional().meta({ description: 'Rules for IPv6 routes advertised to the peer.' }),
    importV6: z.array(calicoBgpFilterRuleSchema).optional().meta({ description: 'Rules for IPv6 routes learned from the peer.' }),
  },
  'A Calico BGPFilter (crd.projectcalico.org/v1): which routes a peering imports and exports.',
);

/** Per-node BGP settings (the Calico Node's spec.bgp and the node labels peers select on). */
export const calicoBgpNodeSchema = strictObject(
  {
    asNumber: asNumber('AS number of this node (Node spec.bgp.asNumber), overriding spec.cni.bgp.asNumber.').optional(),
    routeReflectorClusterID: z
      .string()
      .optional()
      .meta({ description: 'Make the node a route reflector with this cluster ID, an IPv4 address (Node spec.bgp.routeReflectorClusterID), e.g. 244.0.0.1.' }),
    labels: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'Node labels BGPPeer selectors pick, e.g. {route-reflector: "true"} or {rack: rack-1}.' }),
  },
  'BGP settings of one node, applied by the `calico-node-config` script (Nodes are not part of the manifests).',
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
    filters: z.array(z.string()).optional().meta({ description: 'Names of BGPFilters applied to this peering, in order (spec.cni.bgp.filters).' }),
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
    filters: z.array(calicoBgpFilterSchema).default([]).meta({ description: 'BGPFilters, created as BGPFilter resources and referenced by peers.' }),
    nodes: z
      .record(z.string(), calicoBgpNodeSchema)
      .optional()
      .meta({ description: 'Per-node BGP settings by node name: AS number, route reflector cluster ID, labels. Emitted as a script (`cdk8s-cni calico-node-config`), not as Node objects.' }),
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
    bgp: calicoBgpSchema.default({ enabled: true, asNumber: 64512, nodeToNodeMeshEnabled: true, peers: [], filters: [] }),
    ipAutodetectionMethod: z
      .string()
      .optional()
      .meta({
        description:
          'How calico-node picks the node IPv4 address (IP_AUTODETECTION_METHOD): first-found, kubernetes-internal-ip, can-reach=<ip or name>, interface=<regex,...>, skip-interface=<regex,...> or cidr=<cidr,...>. Default: cidr= the IPv4 spec.nodes.cidrs when given (first-found can pick the wrong NIC on multi-NIC nodes), else first-found.',
        examples: ['cidr=192.168.0.0/16', 'interface=eth0', 'kubernetes-internal-ip'],
      }),
    ip6AutodetectionMethod: z
      .string()
      .optional()
      .meta({ description: 'How calico-node picks the node IPv6 address (IP6_AUTODETECTION_METHOD), same forms. Default: cidr= the IPv6 spec.nodes.cidrs when given, else first-found.' }),
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
