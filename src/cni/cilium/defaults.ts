/** Chart defaults (values.yaml of Cilium 1.19.5) applied to {@link CiliumProps} once, so every builder reads one object. */
import type { CertManagerIssuerRef, CiliumDatapathProps, CiliumProps } from './props';

/** `hubble.tls.auto` with its defaults applied. */
export interface ResolvedHubbleTlsAuto {
  readonly method: 'cronJob' | 'certmanager';
  readonly certValidityDuration: number;
  readonly schedule: string;
  readonly certManagerIssuerRef?: CertManagerIssuerRef;
}

/** {@link CiliumProps} with the chart's defaults applied (the datapath knobs stay as given: the chart writes their keys only when set). */
export interface ResolvedCiliumProps extends CiliumDatapathProps {
  readonly namespace: string;
  readonly version?: string;
  readonly imageRegistry?: string;
  readonly ipv4: boolean;
  readonly ipv6: boolean;
  readonly ipamMode: 'cluster-pool' | 'kubernetes';
  readonly clusterPoolIPv4PodCIDRList: readonly string[];
  readonly clusterPoolIPv4MaskSize: number;
  readonly clusterPoolIPv6PodCIDRList: readonly string[];
  readonly clusterPoolIPv6MaskSize: number;
  readonly routingMode: 'tunnel' | 'native';
  readonly tunnelProtocol: 'vxlan' | 'geneve';
  readonly tunnelPort?: number;
  readonly underlayProtocol?: 'ipv4' | 'ipv6';
  readonly ipv4NativeRoutingCIDR?: string;
  readonly ipv6NativeRoutingCIDR?: string;
  readonly autoDirectNodeRoutes: boolean;
  readonly kubeProxyReplacement: boolean;
  readonly k8sServiceHost?: string;
  readonly k8sServicePort?: number;
  readonly encryption?: { readonly type: 'wireguard' | 'ipsec'; readonly ipsecSecretName: string };
  readonly hubble: { readonly enabled: boolean; readonly relay: boolean; readonly ui: boolean; readonly tlsAuto?: ResolvedHubbleTlsAuto };
  readonly policyEnforcementMode: 'default' | 'always' | 'never';
  readonly operatorReplicas: number;
  readonly clusterName: string;
}

/** `tls.secretsNamespace.name`: where TLS-interception and policy secrets are synced. */
export const CILIUM_SECRETS_NAMESPACE = 'cilium-secrets';
/** `encryption.ipsec.mountPath` / `keyFile`. */
export const IPSEC_MOUNT_PATH = '/etc/ipsec';
export const IPSEC_KEY_FILE = 'keys';

export function resolveCiliumProps(p: CiliumProps): ResolvedCiliumProps {
  return {
    namespace: p.namespace ?? 'kube-system',
    version: p.version,
    imageRegistry: p.imageRegistry,
    ipv4: p.ipv4 ?? true,
    ipv6: p.ipv6 ?? false,
    ipamMode: p.ipam?.mode ?? 'cluster-pool',
    clusterPoolIPv4PodCIDRList: p.ipam?.clusterPoolIPv4PodCIDRList ?? ['10.0.0.0/8'],
    clusterPoolIPv4MaskSize: p.ipam?.clusterPoolIPv4MaskSize ?? 24,
    clusterPoolIPv6PodCIDRList: p.ipam?.clusterPoolIPv6PodCIDRList ?? ['fd00::/104'],
    clusterPoolIPv6MaskSize: p.ipam?.clusterPoolIPv6MaskSize ?? 120,
    routingMode: p.routingMode ?? 'tunnel',
    tunnelProtocol: p.tunnelProtocol ?? 'vxlan',
    tunnelPort: p.tunnelPort,
    underlayProtocol: p.underlayProtocol,
    ipv4NativeRoutingCIDR: p.ipv4NativeRoutingCIDR,
    ipv6NativeRoutingCIDR: p.ipv6NativeRoutingCIDR,
    autoDirectNodeRoutes: p.autoDirectNodeRoutes ?? false,
    kubeProxyReplacement: p.kubeProxyReplacement ?? false,
    k8sServiceHost: p.k8sServiceHost,
    k8sServicePort: p.k8sServicePort,
    encryption: p.encryption ? { type: p.encryption.type, ipsecSecretName: p.encryption.ipsecSecretName ?? 'cilium-ipsec-keys' } : undefined,
    hubble: { enabled: p.hubble?.enabled ?? true, relay: p.hubble?.relay ?? false, ui: p.hubble?.ui ?? false, tlsAuto: resolveTlsAuto(p) },
    policyEnforcementMode: p.policyEnforcementMode ?? 'default',
    operatorReplicas: p.operatorReplicas ?? 2,
    clusterName: p.clusterName ?? 'default',
    // Datapath knobs stay as given: the chart writes most of their keys only when the value is set (hasKey).
    bpf: p.bpf,
    loadBalancer: p.loadBalancer,
    devices: p.devices,
    socketLB: p.socketLB,
    bandwidthManager: p.bandwidthManager,
    egressGateway: p.egressGateway,
    extraConfig: p.extraConfig,
  };
}

/** `hubble.tls.auto` defaults of values.yaml: certificates valid 365 days, renewed every four months. */
function resolveTlsAuto(p: CiliumProps): ResolvedHubbleTlsAuto | undefined {
  const auto = p.hubble?.tls?.auto;
  if (!auto) return undefined;
  return {
    method: auto.method,
    certValidityDuration: auto.certValidityDuration ?? 365,
    schedule: auto.schedule ?? '0 0 1 */4 *',
    ...(auto.certManagerIssuerRef ? { certManagerIssuerRef: auto.certManagerIssuerRef } : {}),
  };
}
