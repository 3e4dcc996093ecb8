/**
 * Hubble beyond the agent: the `hubble-peer` Service (rendered whenever hubble.enabled), Hubble Relay and the Hubble
 * UI (chart 1.19.5 `hubble.relay.enabled` / `hubble.ui.enabled` with default values). The chart's Hubble templates are
 * not part of ../shared/reference; objects follow the chart's values.yaml (images, ports, security contexts).
 * TLS Secrets (`hubble-server-certs`, `hubble-relay-client-certs`) are not generated here: the chart's default
 * `hubble.tls.auto.method: helm` makes random certificates at install time, which a deterministic synth cannot do —
 * create them with cert-manager or `cilium hubble enable`; every mount of them is `optional`.
 */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { HUBBLE_PEER_PORT } from './agent-daemonset';
import type { ResolvedCiliumProps } from './defaults';
import { ciliumImage, FALLBACK_TO_LOGS, PART_OF, projectedVolume, secretSource } from './pod-parts';

/** `hubble.relay.listenPort` and the relay's gRPC health port. */
export const RELAY_PORT = 4245;
const RELAY_HEALTH_PORT = 4222;
/** Hubble UI frontend (nginx) and backend ports. */
export const UI_FRONTEND_PORT = 8081;
const UI_BACKEND_PORT = 8090;

const labelsFor = (app: string) => ({ 'k8s-app': app, ...PART_OF, 'app.kubernetes.io/name': app });
const LINUX = { 'kubernetes.io/os': 'linux' };

/** The `hubble-peer` Service: how Relay finds every agent's Hubble server (port 443 with TLS, to 4244). */
export class HubblePeerService extends Construct {
  public constructor(scope: Construct, id: string, props: { settings: ResolvedCiliumProps }) {
    super(scope, id);
    new k8s.KubeService(this, 'service', {
      metadata: { name: 'hubble-peer', namespace: props.settings.namespace, labels: { 'k8s-app': 'cilium', ...PART_OF, 'app.kubernetes.io/name': 'hubble-peer' } },
      spec: {
        selector: { 'k8s-app': 'cilium' },
        ports: [{ name: 'peer-service', port: 443, protocol: 'TCP', targetPort: k8s.IntOrString.fromNumber(HUBBLE_PEER_PORT) }],
        internalTrafficPolicy: 'Local',
      },
    });
  }
}

/** Hubble Relay: aggregates the flows of every node's Hubble server for the CLI and UI. */
export class HubbleRelay extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  public constructor(scope: Construct, id: string, props: { settings: ResolvedCiliumProps }) {
    super(scope, id);
    const p = props.settings;
    const ns = p.namespace;
    const labels = labelsFor('hubble-relay');
    new k8s.KubeServiceAccount(this, 'sa', { metadata: { name: 'hubble-relay', namespace: ns }, automountServiceAccountToken: false });
    const config = [
      `cluster-name: ${p.clusterName}`,
      `peer-service: "hubble-peer.${ns}.svc.cluster.local.:443"`,
      `listen-address: :${RELAY_PORT}`,
      'gops: true',
      'gops-port: "9893"',
      // hubble.relay.retryTimeout / sortBufferLenMax / sortBufferDrainTimeout are unset by default: the chart writes the keys empty.
      'retry-timeout: ',
      'sort-buffer-len-max: ',
      'sort-buffer-drain-timeout: ',
      'tls-hubble-client-cert-file: /var/lib/hubble-relay/tls/client.crt',
      'tls-hubble-client-key-file: /var/lib/hubble-relay/tls/client.key',
      'tls-hubble-server-ca-files: /var/lib/hubble-relay/tls/hubble-server-ca.crt',
      '',
      'disable-server-tls: true',
    ].join('\n');
    new k8s.KubeConfigMap(this, 'config', { metadata: { name: 'hubble-relay-config', namespace: ns }, data: { 'config.yaml': `${config}\n` } });
    const grpcProbe = { grpc: { port: RELAY_HEALTH_PORT } };
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: 'hubble-relay', namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'k8s-app': 'hubble-relay' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) } },
        template: {
          metadata: { labels },
          spec: {
            securityContext: { fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'hubble-relay',
                securityContext: {
                  allowPrivilegeEscalation: false,
                  runAsNonRoot: true,
                  runAsUser: 65532,
                  runAsGroup: 65532,
                  seccompProfile: { type: 'RuntimeDefault' },
                  capabilities: { drop: ['ALL'] },
                },
                image: ciliumImage(p, 'hubbleRelay', true),
                imagePullPolicy: 'IfNotPresent',
                command: ['hubble-relay'],
                args: ['serve'],
                ports: [{ name: 'grpc', containerPort: RELAY_PORT }],
                readinessProbe: { ...grpcProbe, timeoutSeconds: 3 },
                livenessProbe: { ...grpcProbe, timeoutSeconds: 10, initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 12 },
                startupProbe: { ...grpcProbe, initialDelaySeconds: 10, failureThreshold: 20, periodSeconds: 3 },
                volumeMounts: [
                  { name: 'config', mountPath: '/etc/hubble-relay', readOnly: true },
                  { name: 'tls', mountPath: '/var/lib/hubble-relay/tls', readOnly: true },
                ],
                terminationMessagePolicy: FALLBACK_TO_LOGS,
              },
            ],
            restartPolicy: 'Always',
            serviceAccountName: 'hubble-relay',
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 1,
            affinity: {
              podAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'k8s-app': 'cilium' } } }],
              },
            },
            nodeSelector: LINUX,
            volumes: [
              { name: 'config', configMap: { name: 'hubble-relay-config', items: [{ key: 'config.yaml', path: 'config.yaml' }] } },
              projectedVolume('tls', [secretSource('hubble-relay-client-certs', { 'tls.crt': 'client.crt', 'tls.key': 'client.key', 'ca.crt': 'hubble-server-ca.crt' })]),
            ],
          },
        },
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata: { name: 'hubble-relay', namespace: ns, labels },
      spec: { type: 'ClusterIP', selector: { 'k8s-app': 'hubble-relay' }, ports: [{ protocol: 'TCP', port: 80, targetPort: k8s.IntOrString.fromString('grpc') }] },
    });
  }
}

/** ClusterRole `hubble-ui` of templates/hubble-ui/clusterrole.yaml (1.19.5): read-only core objects and CRDs, nothing more. */
export const HUBBLE_UI_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['componentstatuses', 'endpoints', 'namespaces', 'nodes', 'pods', 'services'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list', 'watch'] },
];

const NGINX_CONF = `server {
    listen       ${UI_FRONTEND_PORT};
    listen       [::]:${UI_FRONTEND_PORT};
    server_name  localhost;
    root /app;
    index index.html;
    client_max_body_size 1G;

    location / {
        proxy_set_header Host $host;
        proxy_set_header X-Real-IP $remote_addr;

        location /api {
            proxy_http_version 1.1;
            proxy_pass_request_headers on;
            proxy_pass http://127.0.0.1:${UI_BACKEND_PORT};
        }
        location / {
            if ($http_user_agent ~* "kube-probe") { access_log off; }
            # double \`/index.html\` is required here
            try_files $uri $uri/ /index.html /index.html;
        }

        # Liveness probe
        location /healthz {
            access_log off;
            add_header Content-Type text/plain;
            return 200 'ok';
        }
    }
}`;

/** The Hubble UI: nginx frontend plus a backend that reads flows from Relay. */
export class HubbleUi extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  public constructor(scope: Construct, id: string, props: { settings: ResolvedCiliumProps }) {
    super(scope, id);
    const p = props.settings;
    const ns = p.namespace;
    const labels = labelsFor('hubble-ui');
    new k8s.KubeServiceAccount(this, 'sa', { metadata: { name: 'hubble-ui', namespace: ns } });
    new k8s.KubeClusterRole(this, 'role', { metadata: { name: 'hubble-ui', labels: { ...PART_OF } }, rules: HUBBLE_UI_RULES });
    new k8s.KubeClusterRoleBinding(this, 'binding', {
      metadata: { name: 'hubble-ui', labels: { ...PART_OF } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'hubble-ui' },
      subjects: [{ kind: 'ServiceAccount', name: 'hubble-ui', namespace: ns }],
    });
    new k8s.KubeConfigMap(this, 'nginx', { metadata: { name: 'hubble-ui-nginx', namespace: ns }, data: { 'nginx.conf': NGINX_CONF } });
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: 'hubble-ui', namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'k8s-app': 'hubble-ui' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) } },
        template: {
          metadata: { labels },
          spec: {
            securityContext: { runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001 },
            serviceAccountName: 'hubble-ui',
            automountServiceAccountToken: true,
            containers: [
              {
                name: 'frontend',
                image: ciliumImage(p, 'hubbleUi'),
                imagePullPolicy: 'IfNotPresent',
                ports: [{ name: 'http', containerPort: UI_FRONTEND_PORT }],
                livenessProbe: { httpGet: { path: '/healthz', port: k8s.IntOrString.fromString('http') } },
                readinessProbe: { httpGet: { path: '/', port: k8s.IntOrString.fromString('http') } },
                volumeMounts: [
                  { name: 'hubble-ui-nginx-conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'nginx.conf' },
                  { name: 'tmp-dir', mountPath: '/tmp' },
                ],
                terminationMessagePolicy: FALLBACK_TO_LOGS,
                securityContext: { allowPrivilegeEscalation: false },
              },
              {
                name: 'backend',
                image: ciliumImage(p, 'hubbleUiBackend'),
                imagePullPolicy: 'IfNotPresent',
                env: [
                  { name: 'EVENTS_SERVER_PORT', value: String(UI_BACKEND_PORT) },
                  { name: 'FLOWS_API_ADDR', value: 'hubble-relay:80' },
                ],
                ports: [{ name: 'grpc', containerPort: UI_BACKEND_PORT }],
                terminationMessagePolicy: FALLBACK_TO_LOGS,
                securityContext: { allowPrivilegeEscalation: false },
              },
            ],
            nodeSelector: LINUX,
            volumes: [
              { name: 'hubble-ui-nginx-conf', configMap: { defaultMode: 0o644, name: 'hubble-ui-nginx' } },
              { name: 'tmp-dir', emptyDir: {} },
            ],
          },
        },
      },
    });
    new k8s.KubeService(this, 'service', {
      metadata: { name: 'hubble-ui', namespace: ns, labels },
      spec: { type: 'ClusterIP', selector: { 'k8s-app': 'hubble-ui' }, ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromNumber(UI_FRONTEND_PORT) }] },
    });
  }
}
