/** The `cilium` agent DaemonSet (templates/cilium-agent/daemonset.yaml of chart 1.19.5 with default values). */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { hostPathVolume, valueEnv } from '../common/k8s-helpers';
import { NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../common/node-agent';
import { IPSEC_MOUNT_PATH, type ResolvedCiliumProps } from './defaults';
import { AppArmorUnconfinedDaemonSet, ciliumImage, FALLBACK_TO_LOGS, healthGet, k8sServiceEnv, NODE_AND_NAMESPACE_ENV, optionalSecretSource, PART_OF, projectedVolume, SELINUX_SPC } from './pod-parts';

/** `securityContext.capabilities.*` of values.yaml. */
export const AGENT_CAPABILITIES = {
  ciliumAgent: ['CHOWN', 'KILL', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'SYS_MODULE', 'SYS_ADMIN', 'SYS_RESOURCE', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'SYSLOG'],
  mountCgroup: ['SYS_ADMIN', 'SYS_CHROOT', 'SYS_PTRACE'],
  applySysctlOverwrites: ['SYS_ADMIN', 'SYS_CHROOT', 'SYS_PTRACE'],
  cleanCiliumState: ['NET_ADMIN', 'SYS_MODULE', 'SYS_ADMIN', 'SYS_RESOURCE'],
};

/** `healthPort`: the agent's health API (also the cilium-health port 4240 is separate, see node traffic). */
export const AGENT_HEALTH_PORT = 9879;
/** `hubble.peerService.targetPort`: Hubble's gRPC server on every node. */
export const HUBBLE_PEER_PORT = 4244;

const CGROUP_ROOT = '/run/cilium/cgroupv2';
const CNI_BIN = '/opt/cni/bin';

function unprivileged(add: string[]): k8s.SecurityContext {
  return { seLinuxOptions: SELINUX_SPC, capabilities: { add, drop: ['ALL'] } };
}

/**
 * The agent's `lifecycle.postStart` script (files/agent/poststart-eni.bash of chart 1.19.5, rendered whenever the
 * agent runs): removes SNAT rules an earlier aws-node may have left; a no-op on nodes that never ran it.
 */
const POST_START_ENI = [
  'set -o errexit',
  'set -o pipefail',
  'set -o nounset',
  '',
  "# When running in AWS ENI mode, it's likely that 'aws-node' has",
  '# had a chance to install SNAT iptables rules. These can result',
  '# in dropped traffic, so we should attempt to remove them.',
  "# We do it using a 'postStart' hook since this may need to run",
  "# for nodes which might have already been init'ed but may still",
  '# have dangling rules. This is safe because there are no',
  '# dependencies on anything that is part of the startup script',
  '# itself, and can be safely run multiple times per node (e.g. in',
  '# case of a restart).',
  `if [[ "$(iptables-save | grep -E -c 'AWS-SNAT-CHAIN|AWS-CONNMARK-CHAIN')" != "0" ]];`,
  'then',
  "    echo 'Deleting iptables rules created by the AWS CNI VPC plugin'",
  "    iptables-save | grep -E -v 'AWS-SNAT-CHAIN|AWS-CONNMARK-CHAIN' | iptables-restore",
  'fi',
  "echo 'Done!'",
  '',
].join('\n');

const mount = (name: string, mountPath: string, extra: Partial<k8s.VolumeMount> = {}): k8s.VolumeMount => ({ name, mountPath, ...extra });

export interface CiliumAgentProps {
  readonly settings: ResolvedCiliumProps;
}

/** The Cilium agent on every node: the eBPF data path, CNI plugin install, policy enforcement, Hubble server. */
export class CiliumAgent extends Construct {
  public readonly daemonSet: k8s.KubeDaemonSet;

  public constructor(scope: Construct, id: string, props: CiliumAgentProps) {
    super(scope, id);
    const p = props.settings;
    const image = ciliumImage(p, 'agent', true);
    const pull = 'IfNotPresent';
    const ksh = k8sServiceEnv(p);
    const ipsec = p.encryption?.type === 'ipsec';
    const hubble = p.hubble.enabled;

    const agent: k8s.Container = {
      name: 'cilium-agent',
      image,
      imagePullPolicy: pull,
      command: ['cilium-agent'],
      args: ['--config-dir=/tmp/cilium/config-map'],
      startupProbe: { httpGet: healthGet(p, 'health', [{ name: 'brief', value: 'true' }]), failureThreshold: 300, periodSeconds: 2, successThreshold: 1, initialDelaySeconds: 5 },
      livenessProbe: {
        httpGet: healthGet(p, 'health', [
          { name: 'brief', value: 'true' },
          { name: 'require-k8s-connectivity', value: 'false' },
        ]),
        periodSeconds: 30,
        successThreshold: 1,
        failureThreshold: 10,
        timeoutSeconds: 5,
      },
      readinessProbe: { httpGet: healthGet(p, 'health', [{ name: 'brief', value: 'true' }]), periodSeconds: 30, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 5 },
      env: [
        ...NODE_AND_NAMESPACE_ENV,
        valueEnv('CILIUM_CLUSTERMESH_CONFIG', '/var/lib/cilium/clustermesh/'),
        { name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: k8s.Quantity.fromString('1') } } },
        ...ksh,
        valueEnv('KUBE_CLIENT_BACKOFF_BASE', '1'),
        valueEnv('KUBE_CLIENT_BACKOFF_DURATION', '120'),
      ],
      lifecycle: { postStart: { exec: { command: ['bash', '-c', POST_START_ENI] } }, preStop: { exec: { command: ['/cni-uninstall.sh'] } } },
      ports: [
        { name: 'health', containerPort: AGENT_HEALTH_PORT, hostPort: AGENT_HEALTH_PORT, protocol: 'TCP' },
        ...(hubble ? [{ name: 'peer-service', containerPort: HUBBLE_PEER_PORT, hostPort: HUBBLE_PEER_PORT, protocol: 'TCP' }] : []),
      ],
      securityContext: unprivileged(AGENT_CAPABILITIES.ciliumAgent),
      terminationMessagePolicy: FALLBACK_TO_LOGS,
      volumeMounts: [
        mount('envoy-sockets', '/var/run/cilium/envoy/sockets', { readOnly: false }),
        mount('host-proc-sys-net', '/host/proc/sys/net'),
        mount('host-proc-sys-kernel', '/host/proc/sys/kernel'),
        mount('bpf-maps', '/sys/fs/bpf', { mountPropagation: 'HostToContainer' }),
        mount('cilium-run', '/var/run/cilium'),
        mount('cilium-netns', '/var/run/cilium/netns', { mountPropagation: 'HostToContainer' }),
        mount('etc-cni-netd', '/host/etc/cni/net.d'),
        mount('clustermesh-secrets', '/var/lib/cilium/clustermesh', { readOnly: true }),
        mount('lib-modules', '/lib/modules', { readOnly: true }),
        mount('xtables-lock', '/run/xtables.lock'),
        ...(ipsec ? [mount('cilium-ipsec-secrets', IPSEC_MOUNT_PATH)] : []),
        ...(hubble ? [mount('hubble-tls', '/var/lib/cilium/tls/hubble', { readOnly: true })] : []),
        mount('tmp', '/tmp'),
      ],
    };

    const initContainers: k8s.Container[] = [
      {
        name: 'config',
        image,
        imagePullPolicy: pull,
        command: ['cilium-dbg', 'build-config'],
        env: [...NODE_AND_NAMESPACE_ENV, ...ksh],
        volumeMounts: [mount('tmp', '/tmp')],
        terminationMessagePolicy: FALLBACK_TO_LOGS,
        securityContext: { capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] } },
      },
      {
        name: 'mount-cgroup',
        image,
        imagePullPolicy: pull,
        env: [valueEnv('CGROUP_ROOT', CGROUP_ROOT), valueEnv('BIN_PATH', CNI_BIN)],
        command: [
          'bash',
          '-ec',
          'cp /usr/bin/cilium-mount /hostbin/cilium-mount;\nnsenter --cgroup=/hostproc/1/ns/cgroup --mount=/hostproc/1/ns/mnt "${BIN_PATH}/cilium-mount" $CGROUP_ROOT;\nrm /hostbin/cilium-mount\n',
        ],
        volumeMounts: [mount('hostproc', '/hostproc'), mount('cni-path', '/hostbin')],
        terminationMessagePolicy: FALLBACK_TO_LOGS,
        securityContext: unprivileged(AGENT_CAPABILITIES.mountCgroup),
      },
      {
        name: 'apply-sysctl-overwrites',
        image,
        imagePullPolicy: pull,
        env: [valueEnv('BIN_PATH', CNI_BIN)],
        command: [
          'bash',
          '-ec',
          'cp /usr/bin/cilium-sysctlfix /hostbin/cilium-sysctlfix;\nnsenter --mount=/hostproc/1/ns/mnt "${BIN_PATH}/cilium-sysctlfix";\nrm /hostbin/cilium-sysctlfix\n',
        ],
        volumeMounts: [mount('hostproc', '/hostproc'), mount('cni-path', '/hostbin')],
        terminationMessagePolicy: FALLBACK_TO_LOGS,
        securityContext: unprivileged(AGENT_CAPABILITIES.applySysctlOverwrites),
      },
      {
        name: 'mount-bpf-fs',
        image,
        imagePullPolicy: pull,
        args: ['mount | grep "/sys/fs/bpf type bpf" || mount -t bpf bpf /sys/fs/bpf'],
        command: ['/bin/bash', '-c', '--'],
        terminationMessagePolicy: FALLBACK_TO_LOGS,
        securityContext: { privileged: true },
        volumeMounts: [mount('bpf-maps', '/sys/fs/bpf', { mountPropagation: 'Bidirectional' })],
      },
      {
        name: 'clean-cilium-state',
        image,
        imagePullPolicy: pull,
        command: ['/init-container.sh'],
        env: [
          { name: 'CILIUM_ALL_STATE', valueFrom: { configMapKeyRef: { name: 'cilium-config', key: 'clean-cilium-state', optional: true } } },
          { name: 'CILIUM_BPF_STATE', valueFrom: { configMapKeyRef: { name: 'cilium-config', key: 'clean-cilium-bpf-state', optional: true } } },
          { name: 'WRITE_CNI_CONF_WHEN_READY', valueFrom: { configMapKeyRef: { name: 'cilium-config', key: 'write-cni-conf-when-ready', optional: true } } },
          ...ksh,
        ],
        terminationMessagePolicy: FALLBACK_TO_LOGS,
        securityContext: unprivileged(AGENT_CAPABILITIES.cleanCiliumState),
        volumeMounts: [mount('bpf-maps', '/sys/fs/bpf'), mount('cilium-cgroup', CGROUP_ROOT, { mountPropagation: 'HostToContainer' }), mount('cilium-run', '/var/run/cilium')],
      },
      {
        name: 'install-cni-binaries',
        image,
        imagePullPolicy: pull,
        command: ['/install-plugin.sh'],
        resources: {
          requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('10Mi') },
          limits: { cpu: k8s.Quantity.fromNumber(1), memory: k8s.Quantity.fromString('1Gi') },
        },
        securityContext: { seLinuxOptions: SELINUX_SPC, capabilities: { drop: ['ALL'] } },
        terminationMessagePolicy: FALLBACK_TO_LOGS,
        volumeMounts: [mount('cni-path', '/host/opt/cni/bin')],
      },
    ];

    const volumes: k8s.Volume[] = [
      { name: 'tmp', emptyDir: {} },
      hostPathVolume('cilium-run', '/var/run/cilium', 'DirectoryOrCreate'),
      hostPathVolume('cilium-netns', '/var/run/netns', 'DirectoryOrCreate'),
      hostPathVolume('bpf-maps', '/sys/fs/bpf', 'DirectoryOrCreate'),
      hostPathVolume('hostproc', '/proc', 'Directory'),
      hostPathVolume('cilium-cgroup', CGROUP_ROOT, 'DirectoryOrCreate'),
      hostPathVolume('cni-path', CNI_BIN, 'DirectoryOrCreate'),
      hostPathVolume('etc-cni-netd', '/etc/cni/net.d', 'DirectoryOrCreate'),
      hostPathVolume('lib-modules', '/lib/modules'),
      hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
      hostPathVolume('envoy-sockets', '/var/run/cilium/envoy/sockets', 'DirectoryOrCreate'),
      projectedVolume('clustermesh-secrets', [
        optionalSecretSource('cilium-clustermesh'),
        optionalSecretSource('clustermesh-apiserver-remote-cert', { 'tls.key': 'common-etcd-client.key', 'tls.crt': 'common-etcd-client.crt', 'ca.crt': 'common-etcd-client-ca.crt' }),
        optionalSecretSource('clustermesh-apiserver-local-cert', { 'tls.key': 'local-etcd-client.key', 'tls.crt': 'local-etcd-client.crt', 'ca.crt': 'local-etcd-client-ca.crt' }),
      ]),
      ...(ipsec ? [{ name: 'cilium-ipsec-secrets', secret: { secretName: p.encryption!.ipsecSecretName } }] : []),
      hostPathVolume('host-proc-sys-net', '/proc/sys/net', 'Directory'),
      hostPathVolume('host-proc-sys-kernel', '/proc/sys/kernel', 'Directory'),
      ...(hubble ? [projectedVolume('hubble-tls', [optionalSecretSource('hubble-server-certs', { 'tls.crt': 'server.crt', 'tls.key': 'server.key', 'ca.crt': 'client-ca.crt' })])] : []),
    ];

    const labels = { 'k8s-app': 'cilium', ...PART_OF, 'app.kubernetes.io/name': 'cilium-agent' };
    this.daemonSet = new AppArmorUnconfinedDaemonSet(this, 'daemonset', {
      metadata: { name: 'cilium', namespace: p.namespace, labels },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'cilium' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(2) } },
        template: {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/default-container': 'cilium-agent' },
            labels: { 'k8s-app': 'cilium', 'app.kubernetes.io/name': 'cilium-agent', ...PART_OF },
          },
          spec: nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.all, linuxPlacement: 'nodeSelector', serviceAccountName: 'cilium' }, {
            securityContext: { seccompProfile: { type: 'Unconfined' } },
            containers: [agent],
            initContainers,
            restartPolicy: 'Always',
            automountServiceAccountToken: true,
            terminationGracePeriodSeconds: 1,
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'k8s-app': 'cilium' } } }],
              },
            },
            volumes,
          }),
        },
      },
    });
  }
}
