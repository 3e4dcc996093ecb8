/** The `cilium-envoy` DaemonSet and its bootstrap ConfigMap (templates/cilium-envoy/*.yaml of chart 1.19.5). */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { hostPathVolume } from '../common/k8s-helpers';
import { NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../common/node-agent';
import type { ResolvedCiliumProps } from './defaults';
import { ENVOY_HEALTH_PORT, ENVOY_PROMETHEUS_PORT, envoyBootstrap, sortedJson } from './envoy-bootstrap';
import { AppArmorUnconfinedDaemonSet, ciliumImage, FALLBACK_TO_LOGS, healthGet, k8sServiceEnv, NODE_AND_NAMESPACE_ENV, PART_OF, SELINUX_SPC } from './pod-parts';

export interface CiliumEnvoyProps {
  readonly settings: ResolvedCiliumProps;
}

/** Envoy as its own DaemonSet (the chart default since 1.16): the L7 proxy behind HTTP and DNS-aware policy. */
export class CiliumEnvoy extends Construct {
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;
  /** The headless `cilium-envoy` Service (templates/cilium-envoy/service.yaml, `envoy.prometheus.serviceMonitor` off): scrape target for Envoy metrics. */
  public readonly service: k8s.KubeService;

  public constructor(scope: Construct, id: string, props: CiliumEnvoyProps) {
    super(scope, id);
    const p = props.settings;
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: 'cilium-envoy-config', namespace: p.namespace },
      data: { 'bootstrap-config.json': `${sortedJson(envoyBootstrap(p))}\n` },
    });
    const labels = { 'k8s-app': 'cilium-envoy', ...PART_OF, 'app.kubernetes.io/name': 'cilium-envoy', name: 'cilium-envoy' };
    this.service = new k8s.KubeService(this, 'service', {
      metadata: {
        name: 'cilium-envoy',
        namespace: p.namespace,
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(ENVOY_PROMETHEUS_PORT) },
        labels: { 'k8s-app': 'cilium-envoy', 'app.kubernetes.io/name': 'cilium-envoy', ...PART_OF, 'io.cilium/app': 'proxy' },
      },
      spec: {
        clusterIp: 'None',
        type: 'ClusterIP',
        selector: { 'k8s-app': 'cilium-envoy' },
        ports: [{ name: 'envoy-metrics', port: ENVOY_PROMETHEUS_PORT, protocol: 'TCP', targetPort: k8s.IntOrString.fromNumber(ENVOY_PROMETHEUS_PORT) }],
      },
    });
    const probe = healthGet(p, ENVOY_HEALTH_PORT);
    this.daemonSet = new AppArmorUnconfinedDaemonSet(this, 'daemonset', {
      metadata: { name: 'cilium-envoy', namespace: p.namespace, labels },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'cilium-envoy' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(2) } },
        template: {
          metadata: { labels: { 'k8s-app': 'cilium-envoy', name: 'cilium-envoy', 'app.kubernetes.io/name': 'cilium-envoy', ...PART_OF } },
          spec: nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.all, linuxPlacement: 'nodeSelector', serviceAccountName: 'cilium-envoy' }, {
            containers: [
              {
                name: 'cilium-envoy',
                image: ciliumImage(p, 'envoy'),
                imagePullPolicy: 'IfNotPresent',
                command: ['/usr/bin/cilium-envoy-starter'],
                args: ['--', '-c /var/run/cilium/envoy/bootstrap-config.json', '--base-id 0', '--log-level info'],
                startupProbe: { httpGet: probe, failureThreshold: 105, periodSeconds: 2, successThreshold: 1, initialDelaySeconds: 5 },
                livenessProbe: { httpGet: probe, periodSeconds: 30, successThreshold: 1, failureThreshold: 10, timeoutSeconds: 5 },
                readinessProbe: { httpGet: probe, periodSeconds: 30, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 5 },
                env: [...NODE_AND_NAMESPACE_ENV, ...k8sServiceEnv(p)],
                ports: [{ name: 'envoy-metrics', containerPort: ENVOY_PROMETHEUS_PORT, hostPort: ENVOY_PROMETHEUS_PORT, protocol: 'TCP' }],
                securityContext: { seLinuxOptions: SELINUX_SPC, capabilities: { add: ['NET_ADMIN', 'SYS_ADMIN'], drop: ['ALL'] } },
                terminationMessagePolicy: FALLBACK_TO_LOGS,
                volumeMounts: [
                  { name: 'envoy-sockets', mountPath: '/var/run/cilium/envoy/sockets', readOnly: false },
                  { name: 'envoy-artifacts', mountPath: '/var/run/cilium/envoy/artifacts', readOnly: true },
                  { name: 'envoy-config', mountPath: '/var/run/cilium/envoy/', readOnly: true },
                  { name: 'bpf-maps', mountPath: '/sys/fs/bpf', mountPropagation: 'HostToContainer' },
                ],
              },
            ],
            restartPolicy: 'Always',
            automountServiceAccountToken: true,
            terminationGracePeriodSeconds: 1,
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'k8s-app': 'cilium-envoy' } } }],
              },
              podAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'k8s-app': 'cilium' } } }],
              },
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: 'cilium.io/no-schedule', operator: 'NotIn', values: ['true'] }] }],
                },
              },
            },
            volumes: [
              hostPathVolume('envoy-sockets', '/var/run/cilium/envoy/sockets', 'DirectoryOrCreate'),
              hostPathVolume('envoy-artifacts', '/var/run/cilium/envoy/artifacts', 'DirectoryOrCreate'),
              { name: 'envoy-config', configMap: { name: 'cilium-envoy-config', defaultMode: 0o400, items: [{ key: 'bootstrap-config.json', path: 'bootstrap-config.json' }] } },
              hostPathVolume('bpf-maps', '/sys/fs/bpf', 'DirectoryOrCreate'),
            ],
          }),
        },
      },
    });
  }
}
