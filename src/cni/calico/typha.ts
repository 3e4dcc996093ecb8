import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { valueEnv } from '../common/k8s-helpers';
import { KUBERNETES_SERVICES_ENDPOINT } from '../common/calico-policy/calico-node';

/** Typha's port (Felix connects to it; firewalls between nodes must allow it). */
export const TYPHA_PORT = 5473;
/** The Service Felix discovers Typha through (`typha_service_name`). */
export const TYPHA_SERVICE_NAME = 'calico-typha';

export interface CalicoTyphaProps {
  readonly namespace: string;
  /** The `quay.io/calico/typha` image, rendered. */
  readonly image: string;
  /** Replicas; upstream recommends one per 100-200 nodes and at least 3 in production. @default 1 (calico-typha.yaml) */
  readonly replicas?: number;
  /** ServiceAccount Typha runs as (it shares calico-node's). @default 'calico-node' */
  readonly serviceAccountName?: string;
}

/**
 * Typha (calico-typha.yaml): a fan-out cache between the API server and every Felix, for clusters over ~50 nodes.
 * Service, Deployment and PodDisruptionBudget.
 */
export class CalicoTypha extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  public constructor(scope: Construct, id: string, props: CalicoTyphaProps) {
    super(scope, id);
    const name = TYPHA_SERVICE_NAME;
    const ns = props.namespace;
    const labels = { 'k8s-app': name };
    new k8s.KubeService(this, 'service', {
      metadata: { name, namespace: ns, labels },
      spec: { ports: [{ port: TYPHA_PORT, protocol: 'TCP', targetPort: k8s.IntOrString.fromString(name), name }], selector: labels },
    });
    const health = (path: string) => ({ path, port: k8s.IntOrString.fromNumber(9098), host: 'localhost' });
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: props.replicas ?? 1,
        revisionHistoryLimit: 2,
        selector: { matchLabels: labels },
        strategy: { rollingUpdate: { maxSurge: k8s.IntOrString.fromString('100%'), maxUnavailable: k8s.IntOrString.fromNumber(1) }, type: 'RollingUpdate' },
        template: {
          metadata: { labels, annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' } },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            hostNetwork: true,
            terminationGracePeriodSeconds: 300,
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { effect: 'NoSchedule', operator: 'Exists' },
              { effect: 'NoExecute', operator: 'Exists' },
            ],
            serviceAccountName: props.serviceAccountName ?? 'calico-node',
            priorityClassName: 'system-cluster-critical',
            securityContext: { fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                name,
                ports: [{ containerPort: TYPHA_PORT, name, protocol: 'TCP' }],
                envFrom: [{ configMapRef: { name: KUBERNETES_SERVICES_ENDPOINT, optional: true } }],
                env: [
                  valueEnv('TYPHA_LOGSEVERITYSCREEN', 'info'),
                  valueEnv('TYPHA_LOGFILEPATH', 'none'),
                  valueEnv('TYPHA_LOGSEVERITYSYS', 'none'),
                  valueEnv('TYPHA_CONNECTIONREBALANCINGMODE', 'kubernetes'),
                  valueEnv('TYPHA_DATASTORETYPE', 'kubernetes'),
                  valueEnv('TYPHA_HEALTHENABLED', 'true'),
                  valueEnv('TYPHA_SHUTDOWNTIMEOUTSECS', '300'),
                ],
                livenessProbe: { httpGet: health('/liveness'), periodSeconds: 30, initialDelaySeconds: 30, timeoutSeconds: 10 },
                securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
                readinessProbe: { httpGet: health('/readiness'), periodSeconds: 10, timeoutSeconds: 10 },
              },
            ],
          },
        },
      },
    });
    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name, namespace: ns, labels },
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: labels } },
    });
  }
}
