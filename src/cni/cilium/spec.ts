/** `spec.cni` when `type: cilium`. Leaf module: schema only. Field names follow the Cilium Helm values. */
import { z } from 'zod';
import { cidrString, cniCommonShape, intInRange, secretKeyRef, strictObject } from '../../spec/zod-helpers';

export const ciliumIpamSchema = strictObject(
  {
    mode: z.enum(['cluster-pool', 'kubernetes']).default('cluster-pool').meta({ description: 'ipam.mode: cluster-pool (the operator carves per-node blocks) or kubernetes (the Node podCIDR).' }),
    clusterPoolIPv4PodCIDRList: z
      .array(cidrString('IPv4 range the operator splits into per-node blocks.'))
      .min(1)
      .optional()
      .meta({ description: 'ipam.operator.clusterPoolIPv4PodCIDRList. Default: the IPv4 range of spec.pods.cidrs.' }),
    clusterPoolIPv4MaskSize: intInRange(1, 32, 'ipam.operator.clusterPoolIPv4MaskSize: per-node block prefix. Default: spec.pods.nodeMaskSize.').optional(),
  },
  'Cilium IPAM.',
);

export const ciliumEncryptionSchema = strictObject(
  {
    enabled: z.boolean().default(false).meta({ description: 'encryption.enabled: transparent encryption between nodes.' }),
    type: z.enum(['wireguard', 'ipsec']).default('ipsec').meta({ description: 'encryption.type (chart default ipsec).' }),
    keySecret: secretKeyRef('encryption.ipsec.secretName: the IPsec key Secret, holding the key under `keys` (required for ipsec; WireGuard creates its own keys).', {
      what: 'IPsec key',
      namespace: 'kube-system',
      fields: 'name',
    }).optional(),
  },
  'Transparent encryption.',
);

export const hubbleTlsAutoSchema = strictObject(
  {
    method: z.enum(['cronJob', 'certmanager']).meta({ description: 'hubble.tls.auto.method: cronJob (cilium-certgen Job + CronJob in the cluster) or certmanager (cert-manager Certificates). Keys are never in the synthesized YAML.' }),
    certValidityDuration: intInRange(1, 36500, 'hubble.tls.auto.certValidityDuration: certificate validity in days (default 365).').optional(),
    schedule: z.string().min(1).optional().meta({ description: 'hubble.tls.auto.schedule: CronJob schedule that renews the certificates (method cronJob; default "0 0 1 */4 *").' }),
    certManagerIssuerRef: strictObject(
      {
        name: z.string().min(1).meta({ description: 'Name of the Issuer or ClusterIssuer.' }),
        kind: z.string().min(1).optional().meta({ description: 'Issuer (in the install namespace) or ClusterIssuer (cert-manager default Issuer).' }),
        group: z.string().min(1).optional().meta({ description: 'API group (cert-manager default cert-manager.io).' }),
      },
      'hubble.tls.auto.certManagerIssuerRef: the cert-manager issuer that signs the Hubble certificates (required with method certmanager).',
    ).optional(),
  },
  'hubble.tls.auto: how Hubble TLS certificates are generated in the cluster.',
);

export const ciliumHubbleSchema = strictObject(
  {
    enabled: z.boolean().default(true).meta({ description: 'hubble.enabled (chart default true).' }),
    relay: z.boolean().default(false).meta({ description: 'hubble.relay.enabled: deploy Hubble Relay.' }),
    ui: z.boolean().default(false).meta({ description: 'hubble.ui.enabled: deploy the Hubble UI (needs relay).' }),
    tls: strictObject({ auto: hubbleTlsAutoSchema.optional() }, 'hubble.tls: Hubble TLS certificates.').optional(),
  },
  'Hubble observability.',
);

/** A network interface name as the agent's `devices` takes it (Linux names are at most 15 characters; `eth+` is a prefix). */
const deviceName = z
  .string()
  .regex(/^[^\s/:]{1,16}$/, 'an interface name: at most 15 characters (plus an optional leading !), no spaces, / or :')
  .meta({ description: 'An interface name, or a prefix ending in + (e.g. eth+).' });

/** A ConfigMap data key (Kubernetes: alphanumerics, -, _ and ., at most 253 characters). */
const configKey = z
  .string()
  .regex(/^[-._a-zA-Z0-9]{1,253}$/, 'a ConfigMap key: letters, digits, -, _ and . (at most 253)')
  .refine((k) => !(k in Object.prototype), 'not a JavaScript object built-in name such as constructor or __proto__ (no Cilium option is one)');

/** The datapath knobs users reach for first, in the chart's vocabulary (values.yaml of Cilium 1.19.5). */
export const ciliumDatapathShape = {
  bpf: strictObject(
    { masquerade: z.boolean().optional().meta({ description: 'bpf.masquerade: masquerade in eBPF instead of iptables (cilium-config enable-bpf-masquerade). Default: unset, the chart writes nothing and the agent uses iptables.' }) },
    'bpf: eBPF datapath settings.',
  ).optional(),
  loadBalancer: strictObject(
    {
      mode: z.enum(['snat', 'dsr', 'hybrid']).optional().meta({ description: 'loadBalancer.mode (bpf-lb-mode): how the kube-proxy replacement forwards to remote backends: snat, dsr (direct server return), or hybrid (DSR for TCP, SNAT for UDP). Default: unset, the agent uses snat.' }),
      dsrDispatch: z.enum(['opt', 'ipip', 'geneve']).optional().meta({ description: 'loadBalancer.dsrDispatch (bpf-lb-dsr-dispatch): how DSR passes the service address to the backend node: IP option (opt), IPIP, or Geneve (required with tunnel routing). Default: unset, the agent uses opt.' }),
    },
    'loadBalancer: service load balancing of the kube-proxy replacement.',
  ).optional(),
  devices: z.array(deviceName).min(1).optional().meta({ description: 'devices: interfaces that run the eBPF datapath (NodePort, host firewall, BPF masquerading), joined into cilium-config devices. Default: unset, the agent detects them.' }),
  socketLB: strictObject(
    {
      enabled: z.boolean().optional().meta({ description: 'socketLB.enabled (bpf-lb-sock): translate service addresses at connect() time. Default false (kube-proxy replacement turns it on anyway).' }),
      hostNamespaceOnly: z.boolean().optional().meta({ description: 'socketLB.hostNamespaceOnly (bpf-lb-sock-hostns-only): socket LB only in the host namespace; pods keep tc load balancing (needed by Istio and other sidecar meshes).' }),
    },
    'socketLB: socket-level load balancing.',
  ).optional(),
  bandwidthManager: strictObject(
    {
      enabled: z.boolean().default(false).meta({ description: 'bandwidthManager.enabled (enable-bandwidth-manager): EDT rate limiting via the kubernetes.io/egress-bandwidth Pod annotation.' }),
      bbr: z.boolean().default(false).meta({ description: 'bandwidthManager.bbr (enable-bbr): BBR congestion control for Pods (kernel 5.18+, needs BPF host routing).' }),
    },
    'bandwidthManager: the eBPF bandwidth manager.',
  ).optional(),
  egressGateway: strictObject(
    { enabled: z.boolean().default(false).meta({ description: 'egressGateway.enabled (enable-egress-gateway): route selected pod traffic out through gateway nodes (CiliumEgressGatewayPolicy); needs bpf.masquerade.' }) },
    'egressGateway: the egress gateway.',
  ).optional(),
  extraConfig: z
    .record(configKey, z.string())
    .optional()
    .meta({ description: 'extraConfig: extra cilium-config keys, as the chart\'s extraConfig value. Keys the spec models are refused (use the typed field); the others reach the agent unchecked and are listed in a warning.' }),
};

export const ciliumCniSchema = strictObject(
  {
    type: z.literal('cilium'),
    ...cniCommonShape,
    ipam: ciliumIpamSchema.default({ mode: 'cluster-pool' }),
    routingMode: z.enum(['tunnel', 'native']).default('tunnel').meta({ description: 'routingMode: encapsulate (tunnel) or route pod traffic natively.' }),
    tunnelProtocol: z.enum(['vxlan', 'geneve']).default('vxlan').meta({ description: 'tunnelProtocol (tunnel routing only).' }),
    tunnelPort: intInRange(1, 65535, 'tunnelPort. Default: 8472 for vxlan, 6081 for geneve.').optional(),
    underlayProtocol: z
      .enum(['ipv4', 'ipv6'])
      .optional()
      .meta({ description: 'underlayProtocol: IP family of the tunnel underlay. Default: ipv4 when IPv4 is enabled, ipv6 for IPv6-only clusters (the chart default ipv4 makes an IPv6-only agent exit).' }),
    ipv4NativeRoutingCIDR: cidrString('ipv4NativeRoutingCIDR: traffic inside it is not masqueraded; required (and must cover the pod range) with native routing.').optional(),
    ipv6NativeRoutingCIDR: cidrString('ipv6NativeRoutingCIDR: IPv6 traffic inside it is not masqueraded; required (and should cover the IPv6 pod range) with native routing and IPv6.').optional(),
    autoDirectNodeRoutes: z.boolean().default(false).meta({ description: 'autoDirectNodeRoutes: install routes to other nodes\' pod blocks (nodes on one L2 network; native routing only).' }),
    kubeProxyReplacement: z.boolean().default(false).meta({ description: 'kubeProxyReplacement: Cilium serves Services in eBPF and kube-proxy is not installed.' }),
    k8sServiceHost: z.string().min(1).optional().meta({ description: 'k8sServiceHost: API server address (required with kubeProxyReplacement).' }),
    k8sServicePort: intInRange(1, 65535, 'k8sServicePort: API server port (required with kubeProxyReplacement).').optional(),
    encryption: ciliumEncryptionSchema.optional(),
    hubble: ciliumHubbleSchema.default({ enabled: true, relay: false, ui: false }),
    policyEnforcementMode: z.enum(['default', 'always', 'never']).default('default').meta({ description: 'policyEnforcementMode (cilium-config enable-policy).' }),
    ...ciliumDatapathShape,
    operator: strictObject({ replicas: intInRange(1, 100, 'operator.replicas: operator Deployment replicas (default 2; one per node by anti-affinity).').optional() }, 'Cilium operator.').optional(),
  },
  'Cilium: eBPF data path with tunnel or native routing, kube-proxy replacement, transparent encryption, Hubble and L3-L7 policy.',
);

export type CiliumCniSpec = z.input<typeof ciliumCniSchema>;
export type ResolvedCiliumCni = z.output<typeof ciliumCniSchema>;
