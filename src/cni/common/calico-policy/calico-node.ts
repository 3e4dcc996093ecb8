/**
 * Builders for the `calico-node` DaemonSet pieces that Calico and Canal share (calico.yaml / canal.yaml v3.32.1):
 * init containers, the calico-node container, host volumes and the pod template.
 */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { configMapKeyEnv, fieldRefEnv, hostPathVolume, valueEnv } from '../k8s-helpers';
import { NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../node-agent';

/** The optional ConfigMap with KUBERNETES_SERVICE_HOST/PORT that every Calico container reads (needed for eBPF). */
export const KUBERNETES_SERVICES_ENDPOINT = 'kubernetes-services-endpoint';

const SERVICES_ENDPOINT_FROM: k8s.EnvFromSource[] = [{ configMapRef: { name: KUBERNETES_SERVICES_ENDPOINT, optional: true } }];
const PRIVILEGED: k8s.SecurityContext = { privileged: true };

/** `upgrade-ipam`: migrates host-local IPAM data to Calico IPAM (Calico IPAM installs only). */
export function upgradeIpamContainer(cniImage: string, configMap: string): k8s.Container {
  return {
    name: 'upgrade-ipam',
    image: cniImage,
    imagePullPolicy: 'IfNotPresent',
    command: ['/opt/cni/bin/calico-ipam', '-upgrade'],
    envFrom: SERVICES_ENDPOINT_FROM,
    env: [fieldRefEnv('KUBERNETES_NODE_NAME', 'spec.nodeName'), configMapKeyEnv('CALICO_NETWORKING_BACKEND', configMap, 'calico_backend')],
    volumeMounts: [
      { mountPath: '/var/lib/cni/networks', name: 'host-local-net-dir' },
      { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
    ],
    securityContext: PRIVILEGED,
  };
}

export interface InstallCniOptions {
  readonly cniImage: string;
  readonly configMap: string;
  /** File name in /etc/cni/net.d, e.g. `10-calico.conflist`. */
  readonly confName: string;
  /** Pass the pod's ServiceAccount name as CALICO_CNI_SERVICE_ACCOUNT (canal.yaml does). @default false */
  readonly serviceAccountEnv?: boolean;
}

/** `install-cni`: installs the CNI binaries and renders the network config on the node. */
export function installCniContainer(opts: InstallCniOptions): k8s.Container {
  return {
    name: 'install-cni',
    image: opts.cniImage,
    imagePullPolicy: 'IfNotPresent',
    command: ['/opt/cni/bin/install'],
    envFrom: SERVICES_ENDPOINT_FROM,
    env: [
      ...(opts.serviceAccountEnv ? [fieldRefEnv('CALICO_CNI_SERVICE_ACCOUNT', 'spec.serviceAccountName')] : []),
      valueEnv('CNI_CONF_NAME', opts.confName),
      configMapKeyEnv('CNI_NETWORK_CONFIG', opts.configMap, 'cni_network_config'),
      fieldRefEnv('KUBERNETES_NODE_NAME', 'spec.nodeName'),
      configMapKeyEnv('CNI_MTU', opts.configMap, 'veth_mtu'),
      valueEnv('SLEEP', 'false'),
    ],
    volumeMounts: [
      { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
      { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' },
    ],
    securityContext: PRIVILEGED,
  };
}

/** `ebpf-bootstrap`: mounts the BPF filesystem and cgroup2 (best effort) before calico-node starts. */
export function ebpfBootstrapContainer(nodeImage: string): k8s.Container {
  return {
    name: 'ebpf-bootstrap',
    image: nodeImage,
    imagePullPolicy: 'IfNotPresent',
    command: ['calico-node', '-init', '-best-effort'],
    volumeMounts: [
      { mountPath: '/sys/fs', name: 'sys-fs', mountPropagation: 'Bidirectional' },
      { mountPath: '/var/run/calico', name: 'var-run-calico', mountPropagation: 'Bidirectional' },
      { mountPath: '/nodeproc', name: 'nodeproc', readOnly: true },
    ],
    securityContext: PRIVILEGED,
  };
}

/** Env every calico-node container ends with (calico.yaml and canal.yaml). */
export function calicoNodeTrailingEnv(ipv6: boolean): k8s.EnvVar[] {
  return [
    valueEnv('CALICO_DISABLE_FILE_LOGGING', 'true'),
    valueEnv('FELIX_DEFAULTENDPOINTTOHOSTACTION', 'ACCEPT'),
    valueEnv('FELIX_IPV6SUPPORT', ipv6 ? 'true' : 'false'),
    valueEnv('FELIX_HEALTHENABLED', 'true'),
  ];
}

export interface CalicoNodeContainerOptions {
  readonly nodeImage: string;
  readonly env: k8s.EnvVar[];
  /** BIRD runs (BGP backend): liveness and readiness also check it. */
  readonly bird: boolean;
  /** Readiness through Felix's HTTP health endpoint (canal.yaml) instead of `calico-node -felix-ready`. @default false */
  readonly httpReadiness?: boolean;
}

/** The `calico-node` container: Felix (policy, routes), BIRD (BGP) and confd. */
export function calicoNodeContainer(opts: CalicoNodeContainerOptions): k8s.Container {
  const bird = (flag: string) => (opts.bird ? [flag] : []);
  return {
    name: 'calico-node',
    image: opts.nodeImage,
    imagePullPolicy: 'IfNotPresent',
    envFrom: SERVICES_ENDPOINT_FROM,
    env: opts.env,
    securityContext: PRIVILEGED,
    resources: { requests: { cpu: k8s.Quantity.fromString('250m') } },
    lifecycle: { preStop: { exec: { command: ['/bin/calico-node', '-shutdown'] } } },
    livenessProbe: {
      exec: { command: ['/bin/calico-node', '-felix-live', ...bird('-bird-live')] },
      periodSeconds: 10,
      initialDelaySeconds: 10,
      failureThreshold: 6,
      timeoutSeconds: 10,
    },
    readinessProbe: opts.httpReadiness
      ? { httpGet: { path: '/readiness', port: k8s.IntOrString.fromNumber(9099), host: 'localhost' }, periodSeconds: 10, timeoutSeconds: 10 }
      : { exec: { command: ['/bin/calico-node', '-felix-ready', ...bird('-bird-ready')] }, periodSeconds: 10, timeoutSeconds: 10 },
    volumeMounts: [
      { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir', readOnly: false },
      { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
      { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
      { mountPath: '/var/run/calico', name: 'var-run-calico', readOnly: false },
      { mountPath: '/var/lib/calico', name: 'var-lib-calico', readOnly: false },
      { name: 'policysync', mountPath: '/var/run/nodeagent' },
      { name: 'bpffs', mountPath: '/sys/fs/bpf' },
      { name: 'cni-log-dir', mountPath: '/var/log/calico/cni', readOnly: true },
    ],
  };
}

/** Extra volumes a variant adds at the places upstream lists them. */
export interface CalicoNodeVolumeOptions {
  /** After `nodeproc` (canal.yaml: `flannel-cfg`). @default - none */
  readonly afterNodeProc?: k8s.Volume[];
  /** After `cni-log-dir` (calico.yaml: `host-local-net-dir`). @default - none */
  readonly afterCniLogDir?: k8s.Volume[];
}

/** The host volumes of the calico-node pod. */
export function calicoNodeVolumes(opts: CalicoNodeVolumeOptions = {}): k8s.Volume[] {
  return [
    hostPathVolume('lib-modules', '/lib/modules'),
    hostPathVolume('var-run-calico', '/var/run/calico', 'DirectoryOrCreate'),
    hostPathVolume('var-lib-calico', '/var/lib/calico', 'DirectoryOrCreate'),
    hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
    hostPathVolume('sys-fs', '/sys/fs/', 'DirectoryOrCreate'),
    hostPathVolume('bpffs', '/sys/fs/bpf', 'Directory'),
    hostPathVolume('nodeproc', '/proc'),
    ...(opts.afterNodeProc ?? []),
    hostPathVolume('cni-bin-dir', '/opt/cni/bin', 'DirectoryOrCreate'),
    hostPathVolume('cni-net-dir', '/etc/cni/net.d'),
    hostPathVolume('cni-log-dir', '/var/log/calico/cni'),
    ...(opts.afterCniLogDir ?? []),
    hostPathVolume('policysync', '/var/run/nodeagent', 'DirectoryOrCreate'),
  ];
}

export interface CalicoNodeDaemonSetProps {
  /** DaemonSet name and `k8s-app` label (`calico-node`, `canal`). */
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly initContainers: k8s.Container[];
  readonly containers: k8s.Container[];
  readonly volumes: k8s.Volume[];
}

/** The node-agent DaemonSet: host network, every node (tolerates all taints), node-critical priority. */
export class CalicoNodeDaemonSet extends Construct {
  public readonly daemonSet: k8s.KubeDaemonSet;

  public constructor(scope: Construct, id: string, props: CalicoNodeDaemonSetProps) {
    super(scope, id);
    const labels = { 'k8s-app': props.name };
    this.daemonSet = new k8s.KubeDaemonSet(this, 'resource', {
      metadata: { name: props.name, namespace: props.namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) } },
        template: {
          metadata: { labels },
          spec: nodeAgentPodSpec(
            { tolerations: NODE_AGENT_TOLERATIONS.calico, linuxPlacement: 'nodeSelector', serviceAccountName: props.serviceAccountName },
            {
              securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
              terminationGracePeriodSeconds: 0,
              initContainers: props.initContainers,
              containers: props.containers,
              volumes: props.volumes,
            },
          ),
        },
      },
    });
  }
}
