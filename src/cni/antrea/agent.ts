/** The `antrea-agent` DaemonSet: install-cni, antrea-agent, antrea-ovs and, with IPsec, antrea-ipsec (antrea.yml v2.7.0). */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { hostPathVolume, secretKeyEnv, valueEnv } from '../common/k8s-helpers';
import { ANTREA_PORTS } from './config';
import type { ResolvedAntreaProps } from './defaults';
import { CONFIG_VOLUME, LOG_FILE_ARGS, POD_IDENTITY_ENV, antreaArgs, apiPort, apiProbe, configMount } from './pod-parts';
import { ANTREA_LABELS, ANTREA_SERVICE_ACCOUNTS } from './rbac';

export interface AntreaAgentProps {
  readonly settings: ResolvedAntreaProps;
  /** `checksum/config` of the pod template. */
  readonly configChecksum: string;
}

const RUN = 'host-var-run-antrea';
const LOG = 'host-var-log-antrea';
const IPSEC_CA = 'antrea-ipsec-ca';

/** The agent DaemonSet on every Linux node. */
export class AntreaAgent extends Construct {
  public readonly daemonSet: k8s.KubeDaemonSet;

  public constructor(scope: Construct, id: string, props: AntreaAgentProps) {
    super(scope, id);
    const s = props.settings;
    const ipsec = s.trafficEncryptionMode === 'ipsec';
    const image = s.images.agent;
    const labels = { ...ANTREA_LABELS, component: 'antrea-agent' };
    const pull = { image, imagePullPolicy: 'IfNotPresent' };

    const installCni: k8s.Container = {
      name: 'install-cni',
      ...pull,
      resources: { requests: { cpu: k8s.Quantity.fromString('100m') } },
      command: ['install_cni'],
      securityContext: { capabilities: { add: ['SYS_MODULE'] } },
      env: [valueEnv('SKIP_CNI_BINARIES', ''), valueEnv('CONFIG_FILE_MODE', '644')],
      volumeMounts: [
        configMount('antrea-cni.conflist'),
        { name: 'host-cni-conf', mountPath: '/host/etc/cni/net.d' },
        { name: 'host-cni-bin', mountPath: '/host/opt/cni/bin' },
        { name: 'host-lib-modules', mountPath: '/lib/modules', readOnly: true },
        { name: RUN, mountPath: '/var/run/antrea' },
      ],
    };
    const ovsRun: k8s.VolumeMount = { name: RUN, mountPath: '/var/run/openvswitch', subPath: 'openvswitch' };
    const ovsLog: k8s.VolumeMount = { name: LOG, mountPath: '/var/log/openvswitch', subPath: 'openvswitch' };
    const agent: k8s.Container = {
      name: 'antrea-agent',
      ...pull,
      command: ['antrea-agent'],
      args: antreaArgs('antrea-agent.conf'),
      env: [...POD_IDENTITY_ENV, ...(ipsec && s.ipsecPskSecret ? [secretKeyEnv('ANTREA_IPSEC_PSK', s.ipsecPskSecret.name, s.ipsecPskSecret.key)] : [])],
      resources: { requests: { cpu: k8s.Quantity.fromString('200m') } },
      ports: [apiPort(ANTREA_PORTS.agentApi)],
      livenessProbe: apiProbe('/livez', { initialDelaySeconds: 10, timeoutSeconds: 5, periodSeconds: 10, failureThreshold: 5 }),
      readinessProbe: apiProbe('/readyz', { initialDelaySeconds: 5, timeoutSeconds: 5, periodSeconds: 10, failureThreshold: 8 }),
      securityContext: { privileged: true },
      volumeMounts: [
        configMount('antrea-agent.conf'),
        { name: RUN, mountPath: '/var/run/antrea' },
        ovsRun,
        ...(ipsec ? [{ name: IPSEC_CA, mountPath: '/var/run/openvswitch/ca', readOnly: true }] : []),
        { name: RUN, mountPath: '/var/lib/cni', subPath: 'cni' },
        { name: LOG, mountPath: '/var/log/antrea' },
        { name: 'host-proc', mountPath: '/host/proc', readOnly: true },
        { name: 'host-var-run-netns', mountPath: '/host/var/run/netns', readOnly: true, mountPropagation: 'HostToContainer' },
        { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
        { name: 'host-pod-resources', mountPath: '/var/lib/kubelet/pod-resources' },
      ],
    };
    const ovs: k8s.Container = {
      name: 'antrea-ovs',
      ...pull,
      resources: { requests: { cpu: k8s.Quantity.fromString('200m') } },
      command: ['start_ovs'],
      args: LOG_FILE_ARGS,
      securityContext: { capabilities: { add: ['SYS_NICE', 'NET_ADMIN', 'SYS_ADMIN', 'IPC_LOCK'] } },
      livenessProbe: {
        exec: { command: ['/bin/sh', '-c', 'timeout 10 container_liveness_probe ovs'] },
        initialDelaySeconds: 5,
        timeoutSeconds: 10,
        periodSeconds: 10,
        failureThreshold: 5,
      },
      volumeMounts: [ovsRun, ovsLog],
    };
    const ipsecContainer: k8s.Container = {
      name: 'antrea-ipsec',
      ...pull,
      resources: { requests: { cpu: k8s.Quantity.fromString('50m') } },
      command: ['start_ovs_ipsec'],
      livenessProbe: { exec: { command: ['/bin/sh', '-c', 'timeout 5 container_liveness_probe ovs-ipsec'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      securityContext: { capabilities: { add: ['NET_ADMIN'] } },
      volumeMounts: [ovsRun, ovsLog, { name: LOG, mountPath: '/var/log/strongswan', subPath: 'strongswan' }, { mountPath: '/etc/ipsec.d/cacerts', name: IPSEC_CA, readOnly: true }],
    };

    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'antrea-agent', namespace: s.namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: 'RollingUpdate' },
        template: {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/default-container': 'antrea-agent', 'checksum/config': props.configChecksum },
            labels,
          },
          spec: {
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { effect: 'NoSchedule', operator: 'Exists' },
              { effect: 'NoExecute', operator: 'Exists' },
            ],
            serviceAccountName: ANTREA_SERVICE_ACCOUNTS.agent,
            initContainers: [installCni],
            containers: [agent, ovs, ...(ipsec ? [ipsecContainer] : [])],
            volumes: [
              CONFIG_VOLUME,
              hostPathVolume('host-cni-conf', '/etc/cni/net.d'),
              hostPathVolume('host-cni-bin', '/opt/cni/bin'),
              hostPathVolume('host-proc', '/proc'),
              hostPathVolume('host-var-run-netns', '/var/run/netns'),
              ...(ipsec ? [{ name: IPSEC_CA, configMap: { name: IPSEC_CA, optional: true } }] : []),
              hostPathVolume(RUN, '/var/run/antrea', 'DirectoryOrCreate'),
              hostPathVolume(LOG, '/var/log/antrea', 'DirectoryOrCreate'),
              hostPathVolume('host-lib-modules', '/lib/modules'),
              hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
              hostPathVolume('host-pod-resources', '/var/lib/kubelet/pod-resources', 'Directory'),
            ],
          },
        },
      },
    });
  }
}
