/**
 * The `cilium-config` ConfigMap data as templates/cilium-configmap.yaml of chart 1.19.5 renders it with the default
 * values (upgradeCompatibility unset, Kubernetes >= 1.30, Envoy as its own DaemonSet) plus the settings in
 * {@link ResolvedCiliumProps}. Keys and values are the chart's own, in the template's order.
 */
import { CILIUM_SECRETS_NAMESPACE, IPSEC_KEY_FILE, IPSEC_MOUNT_PATH, type ResolvedCiliumProps } from './defaults';

const b = (v: boolean) => (v ? 'true' : 'false');

export function ciliumConfigData(p: ResolvedCiliumProps): Record<string, string> {
  const d: Record<string, string> = {};
  const set = (entries: Record<string, string>) => Object.assign(d, entries);
  set({
    'identity-allocation-mode': 'crd',
    'identity-heartbeat-timeout': '30m0s',
    'identity-gc-interval': '15m0s',
    'cilium-endpoint-gc-interval': '5m0s',
    'nodes-gc-interval': '5m0s',
    debug: 'false',
    'debug-verbose': '',
    'metrics-sampling-interval': '5m',
    'enable-policy': p.policyEnforcementMode,
    'policy-cidr-match-mode': '',
    'operator-prometheus-serve-addr': ':9963',
    'enable-metrics': 'true',
    // readSecretsOnlyFromSecretsNamespace and secret sync are on by default (tls.* values).
    'enable-policy-secrets-sync': 'true',
    'policy-secrets-only-from-secrets-namespace': 'true',
    'policy-secrets-namespace': CILIUM_SECRETS_NAMESPACE,
    'enable-ipv4': b(p.ipv4),
    'enable-ipv6': b(p.ipv6),
    'custom-cni-conf': 'false',
    'enable-bpf-clock-probe': 'false',
    'monitor-aggregation': 'medium',
    'monitor-aggregation-interval': '5s',
    'monitor-aggregation-flags': 'all',
    'bpf-map-dynamic-size-ratio': '0.0025',
    'bpf-policy-map-max': '16384',
    'bpf-policy-stats-map-max': '65536',
    'bpf-lb-map-max': '65536',
    'bpf-lb-external-clusterip': 'false',
    'bpf-lb-source-range-all-types': 'false',
    'bpf-lb-algorithm-annotation': 'false',
    'bpf-lb-mode-annotation': 'false',
    'bpf-distributed-lru': 'false',
    'bpf-events-drop-enabled': 'true',
    'bpf-events-policy-verdict-enabled': 'true',
    'bpf-events-trace-enabled': 'true',
    'preallocate-bpf-maps': 'false',
    'cluster-name': p.clusterName,
    'cluster-id': '0',
    'routing-mode': p.routingMode,
    'tunnel-protocol': p.tunnelProtocol,
  });
  if (p.tunnelPort !== undefined) set({ 'tunnel-port': String(p.tunnelPort) });
  set({ 'tunnel-source-port-range': '0-0' });
  if (p.underlayProtocol) set({ 'underlay-protocol': p.underlayProtocol });
  set({
    'service-no-backend-response': 'reject',
    'policy-deny-response': 'none',
    'enable-l7-proxy': 'true',
    'enable-ipv4-masquerade': 'true',
    'enable-ipv4-big-tcp': 'false',
    'enable-ipv6-big-tcp': 'false',
    'enable-ipv6-masquerade': 'true',
    'enable-tcx': 'true',
    'datapath-mode': 'veth',
  });
  if (p.bpf?.masquerade !== undefined) set({ 'enable-bpf-masquerade': b(p.bpf.masquerade) });
  set({ 'enable-masquerade-to-route-source': 'false' });
  if (p.encryption?.type === 'ipsec') {
    set({
      'enable-ipsec': 'true',
      'ipsec-key-file': `${IPSEC_MOUNT_PATH}/${IPSEC_KEY_FILE}`,
      'enable-ipsec-key-watcher': 'true',
      'ipsec-key-rotation-duration': '5m',
      'enable-ipsec-encrypted-overlay': 'false',
    });
  } else if (p.encryption?.type === 'wireguard') {
    // encryption.wireguard.persistentKeepalive defaults to "0s", a non-empty string, so the chart writes the key.
    set({ 'enable-wireguard': 'true', 'wireguard-persistent-keepalive': '0s' });
  }
  set({
    'enable-xt-socket-fallback': 'true',
    'install-no-conntrack-iptables-rules': 'false',
    'iptables-random-fully': 'false',
    'auto-direct-node-routes': b(p.autoDirectNodeRoutes),
    'direct-routing-skip-unreachable': 'false',
  });
  if (p.bandwidthManager?.enabled) {
    set({ 'enable-bandwidth-manager': 'true', 'enable-bbr': b(p.bandwidthManager.bbr ?? false), 'enable-bbr-hostns-only': 'false' });
  }
  if (p.ipv4NativeRoutingCIDR) set({ 'ipv4-native-routing-cidr': p.ipv4NativeRoutingCIDR });
  if (p.ipv6NativeRoutingCIDR) set({ 'ipv6-native-routing-cidr': p.ipv6NativeRoutingCIDR });
  if (p.devices) set({ devices: p.devices.join(' ') });
  set({ 'kube-proxy-replacement': b(p.kubeProxyReplacement) });
  if (p.kubeProxyReplacement) set({ 'kube-proxy-replacement-healthz-bind-address': '' });
  set({
    'enable-no-service-endpoints-routable': 'true',
    'bpf-lb-sock': b(p.socketLB?.enabled ?? false),
  });
  if (p.socketLB?.hostNamespaceOnly !== undefined) set({ 'bpf-lb-sock-hostns-only': b(p.socketLB.hostNamespaceOnly) });
  set({
    'nodeport-addresses': '',
    'enable-health-check-nodeport': 'true',
    'enable-health-check-loadbalancer-ip': 'false',
    'node-port-bind-protection': 'true',
    'enable-auto-protect-node-port-range': 'true',
  });
  if (p.loadBalancer?.mode) set({ 'bpf-lb-mode': p.loadBalancer.mode });
  set({ 'bpf-lb-acceleration': 'disabled' });
  if (p.loadBalancer?.dsrDispatch) set({ 'bpf-lb-dsr-dispatch': p.loadBalancer.dsrDispatch });
  set({
    'enable-service-topology': 'false',
    'enable-l2-neigh-discovery': 'false',
    'k8s-require-ipv4-pod-cidr': 'false',
    'k8s-require-ipv6-pod-cidr': 'false',
    'enable-k8s-networkpolicy': 'true',
    'enable-endpoint-lockdown-on-policy-overflow': 'false',
    'write-cni-conf-when-ready': '/host/etc/cni/net.d/05-cilium.conflist',
    'cni-exclusive': 'true',
    'cni-log-file': '/var/run/cilium/cilium-cni.log',
    'enable-endpoint-health-checking': 'true',
    'enable-health-checking': 'true',
    'health-check-icmp-failure-threshold': '3',
    'enable-well-known-identities': 'false',
    'enable-node-selector-labels': 'false',
    'synchronize-k8s-nodes': 'true',
    'operator-api-serve-addr': p.ipv4 ? '127.0.0.1:9234' : '[::1]:9234',
    'enable-hubble': b(p.hubble.enabled),
  });
  if (p.hubble.enabled) {
    set({
      'hubble-socket-path': '/var/run/cilium/hubble.sock',
      'hubble-network-policy-correlation-enabled': 'true',
      'hubble-listen-address': ':4244',
      'hubble-disable-tls': 'false',
      'hubble-tls-cert-file': '/var/lib/cilium/tls/hubble/server.crt',
      'hubble-tls-key-file': '/var/lib/cilium/tls/hubble/server.key',
      'hubble-tls-client-ca-files': '/var/lib/cilium/tls/hubble/client-ca.crt',
    });
    if (!p.ipv4) set({ 'hubble-prefer-ipv6': 'true' });
  }
  set({ ipam: p.ipamMode, 'ipam-cilium-node-update-rate': '15s' });
  if (p.ipamMode === 'cluster-pool') {
    if (p.ipv4) set({ 'cluster-pool-ipv4-cidr': p.clusterPoolIPv4PodCIDRList.join(' '), 'cluster-pool-ipv4-mask-size': String(p.clusterPoolIPv4MaskSize) });
    if (p.ipv6) set({ 'cluster-pool-ipv6-cidr': p.clusterPoolIPv6PodCIDRList.join(' '), 'cluster-pool-ipv6-mask-size': String(p.clusterPoolIPv6MaskSize) });
  }
  set({ 'default-lb-service-ipam': 'lbipam' });
  if (p.egressGateway?.enabled) set({ 'enable-egress-gateway': 'true' });
  set({
    'egress-gateway-reconciliation-trigger-interval': '1s',
    'enable-vtep': 'false',
    'vtep-endpoint': '',
    'vtep-cidr': '',
    'vtep-mask': '',
    'vtep-mac': '',
    'packetization-layer-pmtud-mode': 'blackhole',
    procfs: '/host/proc',
    'bpf-root': '/sys/fs/bpf',
    'cgroup-root': '/run/cilium/cgroupv2',
    'identity-management-mode': 'agent',
    'enable-sctp': 'false',
    'remove-cilium-node-taints': 'true',
    'set-cilium-node-taints': 'true',
    'set-cilium-is-up-condition': 'true',
    'unmanaged-pod-watcher-interval': '15s',
    'dnsproxy-enable-transparent-mode': 'true',
    'dnsproxy-socket-linger-timeout': '10',
    'tofqdns-dns-reject-response-code': 'refused',
    'tofqdns-enable-dns-compression': 'true',
    'tofqdns-endpoint-max-ip-per-hostname': '1000',
    'tofqdns-idle-connection-grace-period': '0s',
    'tofqdns-max-deferred-connection-deletes': '10000',
    'tofqdns-proxy-response-max-delay': '100ms',
    'tofqdns-preallocate-identities': 'true',
    'agent-not-ready-taint-key': 'node.cilium.io/agent-not-ready',
    'mesh-auth-enabled': 'false',
    'mesh-auth-queue-size': '1024',
    'mesh-auth-rotated-identities-queue-size': '1024',
    'mesh-auth-gc-interval': '5m0s',
    'proxy-xff-num-trusted-hops-ingress': '0',
    'proxy-xff-num-trusted-hops-egress': '0',
    'proxy-connect-timeout': '2',
    'proxy-initial-fetch-timeout': '30',
    'proxy-max-active-downstream-connections': '50000',
    'proxy-max-requests-per-connection': '0',
    'proxy-max-connection-duration-seconds': '0',
    'proxy-idle-timeout-seconds': '60',
    'proxy-max-concurrent-retries': '128',
    'proxy-use-original-source-address': 'true',
    'proxy-cluster-max-connections': '1024',
    'proxy-cluster-max-requests': '1024',
    'http-retry-count': '3',
    'http-stream-idle-timeout': '300',
    'external-envoy-proxy': 'true',
    'envoy-base-id': '0',
    'envoy-access-log-buffer-size': '4096',
    'envoy-keep-cap-netbindservice': 'false',
    'max-connected-clusters': '255',
    'clustermesh-cache-ttl': '0s',
    'clustermesh-enable-endpoint-sync': 'false',
    'clustermesh-enable-mcs-api': 'false',
    'clustermesh-mcs-api-install-crds': 'true',
    'policy-default-local-cluster': 'true',
    'nat-map-stats-entries': '32',
    'nat-map-stats-interval': '30s',
    'enable-lb-ipam': 'true',
    'enable-non-default-deny-policies': 'true',
    'enable-source-ip-verification': 'true',
    'enable-dynamic-config': 'true',
    'enable-drift-checker': 'true',
  });
  // extraConfig goes last, as in the chart ("it's also possible to override existing properties").
  // Own data properties only: a key such as __proto__ must stay a key, not reach the object's prototype.
  for (const [key, value] of Object.entries(p.extraConfig ?? {})) Object.defineProperty(d, key, { value, enumerable: true, writable: true, configurable: true });
  return d;
}
