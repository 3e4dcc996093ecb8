import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderImage } from '../common/images';
import { fieldRefEnv, hostPathVolume, secretKeyEnv, valueEnv } from '../common/k8s-helpers';
import { NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../common/node-agent';
import { ClusterRoleForServiceAccount, RoleForServiceAccount } from '../common/rbac';
import { VERSIONS } from '../common/versions';
import type { WeaveProps } from './props';

/** ClusterRole `weave-net` of the 2.8.1 manifest. */
export const WEAVE_CLUSTER_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'namespaces', 'nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['extensions'], resources: ['networkpolicies'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
];

/** Role `weave-net` (kube-system): its own IPAM ConfigMap only. */
export const WEAVE_ROLE_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['configmaps'], resourceNames: ['weave-net'], verbs: ['get', 'update'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
];

/** Weave's status/readiness port (also the fastdp/sleeve data port, UDP). */
export const WEAVE_STATUS_PORT = 6784;

/**
 * Weave Net 2.8.1: the objects of weave-daemonset-k8s-1.11.yaml (ServiceAccount, ClusterRole/Role and bindings, the
 * `weave-net` DaemonSet with weave-init, weave and weave-npc), with the settings as the documented environment
 * variables. The password only ever arrives as a `secretKeyRef`.
 */
export class Weave extends Construct {
  public readonly daemonSet: k8s.KubeDaemonSet;

  public constructor(scope: Construct, id: string, props: WeaveProps = {}) {
    super(scope, id);
    const ns = props.namespace ?? 'kube-system';
    const labels = { name: 'weave-net' };
    const images = VERSIONS.weave.images;
    const kube = renderImage(images.weave, { imageRegistry: props.imageRegistry, tag: props.version });
    const npc = renderImage(images.npc, { imageRegistry: props.imageRegistry, tag: props.version });
    const sa = { name: 'weave-net', namespace: ns };

    new k8s.KubeServiceAccount(this, 'sa', { metadata: { name: 'weave-net', labels, namespace: ns } });
    new ClusterRoleForServiceAccount(this, 'cluster-rbac', { name: 'weave-net', labels, rules: WEAVE_CLUSTER_RULES, serviceAccount: sa });
    new RoleForServiceAccount(this, 'rbac', { name: 'weave-net', namespace: ns, labels, rules: WEAVE_ROLE_RULES, serviceAccount: sa });

    const hostname = fieldRefEnv('HOSTNAME', 'spec.nodeName', 'v1');
    const xtables: k8s.VolumeMount = { name: 'xtables-lock', mountPath: '/run/xtables.lock', readOnly: false };
    const cpu = { requests: { cpu: k8s.Quantity.fromString('50m') } };
    const weaveEnv: k8s.EnvVar[] = [
      valueEnv('INIT_CONTAINER', 'true'),
      hostname,
      ...(props.ipallocRange ? [valueEnv('IPALLOC_RANGE', props.ipallocRange)] : []),
      ...(props.mtu !== undefined ? [valueEnv('WEAVE_MTU', String(props.mtu))] : []),
      ...(props.noMasqLocal !== undefined ? [valueEnv('NO_MASQ_LOCAL', props.noMasqLocal ? '1' : '0')] : []),
      ...(props.connLimit !== undefined ? [valueEnv('CONN_LIMIT', String(props.connLimit))] : []),
      ...(props.passwordSecret ? [secretKeyEnv('WEAVE_PASSWORD', props.passwordSecret.name, props.passwordSecret.key)] : []),
    ];

    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'weave-net', labels, namespace: ns },
      spec: {
        selector: { matchLabels: labels },
        minReadySeconds: 5,
        template: {
          metadata: { labels },
          spec: nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.noScheduleNoExecute, linuxPlacement: 'none', serviceAccountName: 'weave-net' }, {
            initContainers: [
              {
                name: 'weave-init',
                image: kube,
                command: ['/home/weave/init.sh'],
                securityContext: { privileged: true },
                volumeMounts: [
                  { name: 'cni-bin', mountPath: '/host/opt' },
                  { name: 'cni-bin2', mountPath: '/host/home' },
                  { name: 'cni-conf', mountPath: '/host/etc' },
                  { name: 'lib-modules', mountPath: '/lib/modules' },
                  xtables,
                ],
              },
            ],
            containers: [
              {
                name: 'weave',
                command: ['/home/weave/launch.sh'],
                env: weaveEnv,
                image: kube,
                readinessProbe: { httpGet: { host: '127.0.0.1', path: '/status', port: k8s.IntOrString.fromNumber(WEAVE_STATUS_PORT) } },
                resources: cpu,
                securityContext: { privileged: true },
                volumeMounts: [
                  { name: 'weavedb', mountPath: '/weavedb' },
                  { name: 'dbus', mountPath: '/host/var/lib/dbus', readOnly: true },
                  { mountPath: '/host/etc/machine-id', name: 'cni-machine-id', readOnly: true },
                  xtables,
                ],
              },
              {
                name: 'weave-npc',
                env: [hostname],
                image: npc,
                resources: cpu,
                securityContext: { privileged: true },
                volumeMounts: [xtables],
              },
            ],
            dnsPolicy: 'ClusterFirstWithHostNet',
            hostPid: false,
            restartPolicy: 'Always',
            securityContext: { seLinuxOptions: {} },
            volumes: [
              hostPathVolume('weavedb', '/var/lib/weave'),
              hostPathVolume('cni-bin', '/opt'),
              hostPathVolume('cni-bin2', '/home'),
              hostPathVolume('cni-conf', '/etc'),
              hostPathVolume('cni-machine-id', '/etc/machine-id'),
              hostPathVolume('dbus', '/var/lib/dbus'),
              hostPathVolume('lib-modules', '/lib/modules'),
              hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
            ],
          }),
        },
        updateStrategy: { type: 'RollingUpdate' },
      },
    });
  }
}
