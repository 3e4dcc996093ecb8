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
    operator: strictObject({ replicas: intInRange(1, 100, 'operator.replicas: operator Deployment replicas (default 2; one per node by anti-affinity).').optional() }, 'Cilium operator.').optional(),
  },
  'Cilium: eBPF data path with tunnel or native routing, kube-proxy replacement, transparent encryption, Hubble and L3-L7 policy.',
);

export type CiliumCniSpec = z.input<typeof ciliumCniSchema>;
export type ResolvedCiliumCni = z.output<typeof ciliumCniSchema>;
