import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { valueEnv } from '../k8s-helpers';
import { ClusterRoleForServiceAccount } from '../rbac';
import { KUBE_CONTROLLERS_RULES } from './rbac-rules';

export interface CalicoKubeControllersProps {
  readonly namespace: string;
  /** The `quay.io/calico/kube-controllers` image, rendered. */
  readonly image: string;
  /** Controllers to run (ENABLED_CONTROLLERS). @default 'node,loadbalancer' */
  readonly enabledControllers?: string;
}

/**
 * `calico-kube-controllers` (calico.yaml, canal.yaml): garbage-collects IPAM and node data, assigns LoadBalancer IPs.
 * ServiceAccount, ClusterRole and binding, the Deployment and its PodDisruptionBudget.
 */
export class CalicoKubeControllers extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  public constructor(scope: Construct, id: string, props: CalicoKubeControllersProps) {
    super(scope, id);
    const name = 'calico-kube-controllers';
    const ns = props.namespace;
    const labels = { 'k8s-app': name };
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name, namespace: ns } });
    new ClusterRoleForServiceAccount(this, 'rbac', { name, rules: [...KUBE_CONTROLLERS_RULES], serviceAccount: { name, namespace: ns } });
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name, namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { name, namespace: ns, labels },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            serviceAccountName: name,
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name,
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                env: [valueEnv('ENABLED_CONTROLLERS', props.enabledControllers ?? 'node,loadbalancer'), valueEnv('DATASTORE_TYPE', 'kubernetes')],
                livenessProbe: { exec: { command: ['/usr/bin/check-status', '-l'] }, periodSeconds: 10, initialDelaySeconds: 10, failureThreshold: 6, timeoutSeconds: 10 },
                readinessProbe: { exec: { command: ['/usr/bin/check-status', '-r'] }, periodSeconds: 10 },
                securityContext: { runAsNonRoot: true },
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
