/**
 * The Envoy bootstrap configuration the chart writes to `cilium-envoy-config` (files/cilium-envoy/configmap/
 * bootstrap-config.yaml rendered with default values, then `fromYaml | toJson`, which sorts keys).
 */
import type { ResolvedCiliumProps } from './defaults';

/** `envoy.healthPort` and `envoy.prometheus.port`. */
export const ENVOY_HEALTH_PORT = 9878;
export const ENVOY_PROMETHEUS_PORT = 9964;

const HCM = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const ROUTER = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';
const HTTP_OPTIONS = 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
const ADMIN_CLUSTER = '/envoy-admin';
const CONNECT_TIMEOUT = 2;
const IDLE_TIMEOUT = 60;
const STREAM_IDLE_TIMEOUT = 300;

function internalRanges(p: ResolvedCiliumProps) {
  return [
    ...(p.ipv4
      ? [
          { addressPrefix: '10.0.0.0', prefixLen: 8 },
          { addressPrefix: '172.16.0.0', prefixLen: 12 },
          { addressPrefix: '192.168.0.0', prefixLen: 16 },
          { addressPrefix: '127.0.0.1', prefixLen: 32 },
        ]
      : []),
    ...(p.ipv6 ? [{ addressPrefix: '::1', prefixLen: 128 }] : []),
  ];
}

function listener(p: ResolvedCiliumProps, name: string, address: string, port: number, v6Address: string, routeKey: string, route: { vhost: string; prefix: string; rewrite: string }) {
  return {
    name,
    address: { socketAddress: { address, portValue: port } },
    ...(p.ipv4 && p.ipv6 ? { additionalAddresses: [{ address: { socketAddress: { address: v6Address, portValue: port } } }] } : {}),
    filterChains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typedConfig: {
              '@type': HCM,
              statPrefix: name,
              routeConfig: {
                [routeKey]: [{ name: route.vhost, domains: ['*'], routes: [{ name: route.vhost, match: { prefix: route.prefix }, route: { cluster: ADMIN_CLUSTER, prefixRewrite: route.rewrite } }] }],
              },
              httpFilters: [{ name: 'envoy.filters.http.router', typedConfig: { '@type': ROUTER } }],
              internalAddressConfig: { cidrRanges: internalRanges(p) },
              streamIdleTimeout: `${STREAM_IDLE_TIMEOUT}s`,
            },
          },
        ],
      },
    ],
  };
}

function originalDstCluster(name: string, tls: boolean) {
  return {
    name,
    type: 'ORIGINAL_DST',
    connectTimeout: `${CONNECT_TIMEOUT}s`,
    circuitBreakers: { thresholds: [{ maxConnections: 1024, maxRequests: 1024, maxRetries: 128 }] },
    lbPolicy: 'CLUSTER_PROVIDED',
    typedExtensionProtocolOptions: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': HTTP_OPTIONS,
        commonHttpProtocolOptions: { idleTimeout: `${IDLE_TIMEOUT}s`, maxConnectionDuration: '0s', maxRequestsPerConnection: 0 },
        ...(tls ? { upstreamHttpProtocolOptions: {} } : {}),
        useDownstreamProtocolConfig: {},
      },
    },
    cleanupInterval: `${CONNECT_TIMEOUT}.500s`,
    ...(tls ? { transportSocket: { name: 'cilium.tls_wrapper', typedConfig: { '@type': 'type.googleapis.com/cilium.UpstreamTlsWrapperContext' } } } : {}),
  };
}

function pipeCluster(name: string, path: string, http2: boolean) {
  return {
    name,
    type: 'STATIC',
    connectTimeout: `${CONNECT_TIMEOUT}s`,
    loadAssignment: { clusterName: name, endpoints: [{ lbEndpoints: [{ endpoint: { address: { pipe: { path } } } }] }] },
    ...(http2 ? { typedExtensionProtocolOptions: { 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { '@type': HTTP_OPTIONS, explicitHttpConfig: { http2ProtocolOptions: {} } } } } : {}),
  };
}

function xdsSource() {
  return {
    initialFetchTimeout: '30s',
    apiConfigSource: { apiType: 'GRPC', transportApiVersion: 'V3', grpcServices: [{ envoyGrpc: { clusterName: 'xds-grpc-cilium' } }], setNodeOnFirstMessageOnly: true },
    resourceApiVersion: 'V3',
  };
}

/** The bootstrap object (before key sorting). */
export function envoyBootstrap(p: ResolvedCiliumProps): Record<string, unknown> {
  const any = p.ipv4 ? '0.0.0.0' : '::';
  const local = p.ipv4 ? '127.0.0.1' : '::1';
  return {
    node: { id: 'host~127.0.0.1~no-id~localdomain', cluster: 'ingress-cluster' },
    staticResources: {
      listeners: [
        listener(p, 'envoy-prometheus-metrics-listener', any, ENVOY_PROMETHEUS_PORT, '::', 'virtualHosts', { vhost: 'prometheus_metrics_route', prefix: '/metrics', rewrite: '/stats/prometheus' }),
        listener(p, 'envoy-health-listener', local, ENVOY_HEALTH_PORT, '::1', 'virtual_hosts', { vhost: 'health', prefix: '/healthz', rewrite: '/ready' }),
      ],
      clusters: [
        originalDstCluster('ingress-cluster', false),
        originalDstCluster('egress-cluster-tls', true),
        originalDstCluster('egress-cluster', false),
        originalDstCluster('ingress-cluster-tls', true),
        pipeCluster('xds-grpc-cilium', '/var/run/cilium/envoy/sockets/xds.sock', true),
        pipeCluster(ADMIN_CLUSTER, '/var/run/cilium/envoy/sockets/admin.sock', false),
      ],
    },
    dynamicResources: { ldsConfig: xdsSource(), cdsConfig: xdsSource() },
    bootstrapExtensions: [{ name: 'envoy.bootstrap.internal_listener', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.bootstrap.internal_listener.v3.InternalListener' } }],
    overloadManager: {
      resourceMonitors: [
        {
          name: 'envoy.resource_monitors.global_downstream_max_connections',
          typedConfig: {
            '@type': 'type.googleapis.com/envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig',
            max_active_downstream_connections: '50000',
          },
        },
      ],
    },
    applicationLogConfig: { logFormat: { textFormat: '[%Y-%m-%d %T.%e][%t][%l][%n] [%g:%#] %v' } },
    // `mode: 0660` is YAML 1.1 octal, i.e. 432.
    admin: { address: { pipe: { path: '/var/run/cilium/envoy/sockets/admin.sock', mode: 0o660 } } },
  };
}

/** JSON with object keys sorted recursively, as Go's encoding/json writes maps (Helm's `toJson`). */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(value));
}
