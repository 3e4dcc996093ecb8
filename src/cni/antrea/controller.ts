/**
 * antrea-controller (antrea.yml v2.7.0): the Deployment, the `antrea` Service, the APIServices it serves and the
 * admission webhooks for Antrea's CRDs. No caBundle is written: the controller publishes its CA (ConfigMap
 * `antrea-ca`) and patches the APIServices and webhooks itself, as upstream.
 */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { fieldRefEnv, hostPathVolume, valueEnv } from '../common/k8s-helpers';
import { ANTREA_CONFIG_MAP, ANTREA_PORTS } from './config';
import type { ResolvedAntreaProps } from './defaults';
import { CONFIG_VOLUME, POD_IDENTITY_ENV, antreaArgs, apiPort, apiProbe, configMount } from './pod-parts';
import { ANTREA_LABELS, ANTREA_SERVICE_ACCOUNTS } from './rbac';

export const ANTREA_SERVICE = 'antrea';
const SERVED_BY = { ...ANTREA_LABELS, 'served-by': 'antrea-controller' };

export interface AntreaControllerProps {
  readonly settings: ResolvedAntreaProps;
  /** `checksum/config` of the pod template. */
  readonly configChecksum: string;
}

/** The controller Deployment (one replica, Recreate) on a Linux node, control-plane nodes tolerated. */
export class AntreaController extends Construct {
  public readonly deployment: k8s.KubeDeployment;

  public constructor(scope: Construct, id: string, props: AntreaControllerProps) {
    super(scope, id);
    const s = props.settings;
    const labels = { ...ANTREA_LABELS, component: 'antrea-controller' };
    this.deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: 'antrea-controller', namespace: s.namespace, labels },
      spec: {
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        replicas: 1,
        template: {
          metadata: { annotations: { 'checksum/config': props.configChecksum }, labels },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            hostNetwork: true,
            priorityClassName: 'system-cluster-critical',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
              { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 0 },
            ],
            serviceAccountName: ANTREA_SERVICE_ACCOUNTS.controller,
            containers: [
              {
                name: 'antrea-controller',
                image: s.images.controller,
                imagePullPolicy: 'IfNotPresent',
                resources: { requests: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('100Mi') } },
                command: ['antrea-controller'],
                args: antreaArgs('antrea-controller.conf'),
                env: [...POD_IDENTITY_ENV, fieldRefEnv('SERVICEACCOUNT_NAME', 'spec.serviceAccountName'), valueEnv('ANTREA_CONFIG_MAP_NAME', ANTREA_CONFIG_MAP)],
                ports: [apiPort(ANTREA_PORTS.controllerApi)],
                readinessProbe: apiProbe('/readyz', { initialDelaySeconds: 5, timeoutSeconds: 5, periodSeconds: 10, failureThreshold: 5 }),
                livenessProbe: apiProbe('/livez', { timeoutSeconds: 5, periodSeconds: 10, failureThreshold: 5 }),
                volumeMounts: [
                  configMount('antrea-controller.conf'),
                  { name: 'antrea-controller-tls', mountPath: '/var/run/antrea/antrea-controller-tls' },
                  { name: 'host-var-log-antrea', mountPath: '/var/log/antrea' },
                ],
              },
            ],
            volumes: [
              CONFIG_VOLUME,
              { name: 'antrea-controller-tls', secret: { secretName: 'antrea-controller-tls', defaultMode: 0o400, optional: true } },
              hostPathVolume('host-var-log-antrea', '/var/log/antrea', 'DirectoryOrCreate'),
            ],
          },
        },
      },
    });
  }
}

/** The `antrea` Service: 443 → the controller's `api` port. */
export class AntreaService extends Construct {
  public constructor(scope: Construct, id: string, props: { readonly namespace: string }) {
    super(scope, id);
    new k8s.KubeService(this, 'service', {
      metadata: { name: ANTREA_SERVICE, namespace: props.namespace, labels: { ...ANTREA_LABELS } },
      spec: { ports: [{ port: 443, protocol: 'TCP', targetPort: k8s.IntOrString.fromString('api') }], selector: { ...ANTREA_LABELS, component: 'antrea-controller' } },
    });
  }
}

/** The aggregated APIs antrea-controller serves. */
export const ANTREA_API_SERVICES = [
  { group: 'controlplane.antrea.io', version: 'v1beta2' },
  { group: 'system.antrea.io', version: 'v1beta1' },
  { group: 'stats.antrea.io', version: 'v1alpha1' },
] as const;

/** One admission webhook of antrea-controller: its name prefix, path, operations and the resource it guards. */
interface AntreaWebhook {
  readonly name: string;
  readonly path: string;
  readonly operations: readonly string[];
  readonly group?: string;
  readonly versions: readonly string[];
  readonly resource: string;
  readonly scope: 'Cluster' | 'Namespaced';
}

const CREATE_UPDATE = ['CREATE', 'UPDATE'];
const CREATE_UPDATE_DELETE = ['CREATE', 'UPDATE', 'DELETE'];

/** The mutating webhooks (crdmutator.antrea.io), in manifest order. */
export const ANTREA_MUTATING_WEBHOOKS: readonly AntreaWebhook[] = [
  { name: 'acnpmutator', path: '/mutate/acnp', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'clusternetworkpolicies', scope: 'Cluster' },
  { name: 'annpmutator', path: '/mutate/annp', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'networkpolicies', scope: 'Namespaced' },
];

/** The validating webhooks (crdvalidator.antrea.io), in manifest order. */
export const ANTREA_VALIDATING_WEBHOOKS: readonly AntreaWebhook[] = [
  { name: 'tiervalidator', path: '/validate/tier', operations: CREATE_UPDATE_DELETE, versions: ['v1beta1'], resource: 'tiers', scope: 'Cluster' },
  { name: 'acnpvalidator', path: '/validate/acnp', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'clusternetworkpolicies', scope: 'Cluster' },
  { name: 'annpvalidator', path: '/validate/annp', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'networkpolicies', scope: 'Namespaced' },
  { name: 'clustergroupvalidator', path: '/validate/clustergroup', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'clustergroups', scope: 'Cluster' },
  { name: 'groupvalidator', path: '/validate/group', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'groups', scope: 'Namespaced' },
  { name: 'externalippoolvalidator', path: '/validate/externalippool', operations: CREATE_UPDATE, versions: ['v1alpha2', 'v1beta1'], resource: 'externalippools', scope: 'Cluster' },
  { name: 'egressvalidator', path: '/validate/egress', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'egresses', scope: 'Cluster' },
  { name: 'ippoolvalidator', path: '/validate/ippool', operations: CREATE_UPDATE_DELETE, versions: ['v1beta1'], resource: 'ippools', scope: 'Cluster' },
  { name: 'supportbundlecollectionvalidator', path: '/validate/supportbundlecollection', operations: CREATE_UPDATE_DELETE, versions: ['v1alpha1'], resource: 'supportbundlecollections', scope: 'Cluster' },
  { name: 'packetcapturevalidator', path: '/validate/packetcapture', operations: CREATE_UPDATE, versions: ['v1alpha1'], resource: 'packetcaptures', scope: 'Cluster' },
  { name: 'traceflowvalidator', path: '/validate/traceflow', operations: CREATE_UPDATE, versions: ['v1beta1'], resource: 'traceflows', scope: 'Cluster' },
  { name: 'cnpvalidator', path: '/validate/cnp', operations: ['CREATE'], group: 'policy.networking.k8s.io', versions: ['v1alpha2'], resource: 'clusternetworkpolicies', scope: 'Cluster' },
  { name: 'antreanodeconfigvalidator', path: '/validate/antreanodeconfig', operations: CREATE_UPDATE, versions: ['v1alpha1'], resource: 'antreanodeconfigs', scope: 'Cluster' },
];

/** APIServices and admission webhooks, all pointing at the `antrea` Service. */
export class AntreaControllerApis extends Construct {
  public constructor(scope: Construct, id: string, props: { readonly namespace: string }) {
    super(scope, id);
    const ns = props.namespace;
    for (const api of ANTREA_API_SERVICES) {
      const name = `${api.version}.${api.group}`;
      new k8s.KubeApiService(this, name, {
        metadata: { name, labels: SERVED_BY },
        spec: { group: api.group, groupPriorityMinimum: 100, version: api.version, versionPriority: 100, service: { name: ANTREA_SERVICE, namespace: ns } },
      });
    }
    const webhook = (w: AntreaWebhook) => ({
      name: `${w.name}.antrea.io`,
      clientConfig: { service: { name: ANTREA_SERVICE, namespace: ns, path: w.path } },
      rules: [{ operations: [...w.operations], apiGroups: [w.group ?? 'crd.antrea.io'], apiVersions: [...w.versions], resources: [w.resource], scope: w.scope }],
      admissionReviewVersions: ['v1', 'v1beta1'],
      sideEffects: 'None',
      timeoutSeconds: 5,
    });
    new k8s.KubeMutatingWebhookConfiguration(this, 'mutating', { metadata: { name: 'crdmutator.antrea.io', labels: SERVED_BY }, webhooks: ANTREA_MUTATING_WEBHOOKS.map(webhook) });
    new k8s.KubeValidatingWebhookConfiguration(this, 'validating', { metadata: { name: 'crdvalidator.antrea.io', labels: SERVED_BY }, webhooks: ANTREA_VALIDATING_WEBHOOKS.map(webhook) });
  }
}
