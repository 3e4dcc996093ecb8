/** The `cilium-operator` Deployment (templates/cilium-operator/deployment.yaml of chart 1.19.5, default values). */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import type { ResolvedCiliumProps } from './defaults';
import { ciliumImage, FALLBACK_TO_LOGS, k8sServiceEnv, NODE_AND_NAMESPACE_ENV, PART_OF } from './pod-parts';

/** Operator health API port (fixed in the template) and `operator.prometheus.port`. */
export const OPERATOR_HEALTH_PORT = 9234;
export const OPERATOR_PROMETHEUS_PORT = 9963;

export interface CiliumOperatorProps {
  readonly settings: ResolvedCiliumProps;
}

/** The Cilium operator: cluster-pool IPAM, identity and CiliumNode garbage collection, CRD registration. */
export class CiliumOperator extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  public constructor(scope: Construct, id: string, props: CiliumOperatorProps) {
    super(scope, id);
    const p = props.settings;
    const selector = { 'io.cilium/app': 'operator', name: 'cilium-operator' };
    const labels = { ...selector, ...PART_OF, 'app.kubernetes.io/name': 'cilium-operator' };
    const host = p.ipv4 ? '127.0.0.1' : '::1';
    const healthGet = { host, path: '/healthz', port: k8s.IntOrString.fromString('health'), scheme: 'HTTP' };
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: 'cilium-operator', namespace: p.namespace, labels },
      spec: {
        replicas: p.operatorReplicas,
        selector: { matchLabels: selector },
        // One replica: maxUnavailable 100%, or the rollout is stuck behind the anti-affinity on a single node (as the chart does).
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromString(p.operatorReplicas === 1 ? '100%' : '50%') } },
        template: {
          metadata: {
            annotations: { 'prometheus.io/port': String(OPERATOR_PROMETHEUS_PORT), 'prometheus.io/scrape': 'true' },
            labels,
          },
          spec: {
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'cilium-operator',
                image: ciliumImage(p, 'operator', true),
                imagePullPolicy: 'IfNotPresent',
                command: ['cilium-operator-generic'],
                args: ['--config-dir=/tmp/cilium/config-map', '--debug=$(CILIUM_DEBUG)'],
                env: [
                  ...NODE_AND_NAMESPACE_ENV,
                  { name: 'CILIUM_DEBUG', valueFrom: { configMapKeyRef: { key: 'debug', name: 'cilium-config', optional: true } } },
                  ...k8sServiceEnv(p),
                ],
                ports: [
                  { name: 'health', containerPort: OPERATOR_HEALTH_PORT, hostPort: OPERATOR_HEALTH_PORT },
                  { name: 'prometheus', containerPort: OPERATOR_PROMETHEUS_PORT, hostPort: OPERATOR_PROMETHEUS_PORT, protocol: 'TCP' },
                ],
                livenessProbe: { httpGet: healthGet, initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 3 },
                readinessProbe: { httpGet: healthGet, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 5 },
                volumeMounts: [{ name: 'cilium-config-path', mountPath: '/tmp/cilium/config-map', readOnly: true }],
                securityContext: { capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false },
                terminationMessagePolicy: FALLBACK_TO_LOGS,
              },
            ],
            hostNetwork: true,
            restartPolicy: 'Always',
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'cilium-operator',
            automountServiceAccountToken: true,
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'io.cilium/app': 'operator' } } }],
              },
            },
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [
              { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/master', operator: 'Exists' },
              { key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
              { key: 'node.cloudprovider.kubernetes.io/uninitialized', operator: 'Exists' },
              { key: 'node.cilium.io/agent-not-ready', operator: 'Exists' },
            ],
            volumes: [{ name: 'cilium-config-path', configMap: { name: 'cilium-config' } }],
          },
        },
      },
    });
  }
}
