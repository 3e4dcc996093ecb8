/** Pod specs of whereabouts v0.9.4's workloads, as doc/crds ships them (one image holds every binary). */
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { fieldRefEnv, hostPathVolume } from '../../common/k8s-helpers';
import { NODE_AGENT_TOLERATIONS } from '../../common/node-agent';

/** The ServiceAccount every whereabouts workload runs as. */
export const WHEREABOUTS_SERVICE_ACCOUNT = 'whereabouts';
/** The ConfigMap holding the reconciler schedule, and its key. */
export const WHEREABOUTS_CONFIG_MAP = 'whereabouts-config';
export const CRON_EXPRESSION_KEY = 'cron-expression';

const q = (s: string) => k8s.Quantity.fromString(s);
const resources = (cpu: string, request: string, limit: string): k8s.ResourceRequirements => ({
  requests: { cpu: q(cpu), memory: q(request) },
  limits: { cpu: q(cpu), memory: q(limit) },
});

/** `WHEREABOUTS_NAMESPACE` from the pod's namespace: where whereabouts keeps IPPools and NodeSlicePools. */
const namespaceEnv = (apiVersion?: string) => fieldRefEnv('WHEREABOUTS_NAMESPACE', 'metadata.namespace', apiVersion);
const nodeNameEnv = () => fieldRefEnv('NODENAME', 'spec.nodeName', 'v1');

/** The host's CNI directories, where install-cni.sh copies the binary and writes whereabouts.d/ (flatfile, kubeconfig). */
const CNI_HOST_MOUNTS: k8s.VolumeMount[] = [
  { name: 'cnibin', mountPath: '/host/opt/cni/bin' },
  { name: 'cni-net-dir', mountPath: '/host/etc/cni/net.d' },
];
const CNI_HOST_VOLUMES: k8s.Volume[] = [hostPathVolume('cnibin', '/opt/cni/bin'), hostPathVolume('cni-net-dir', '/etc/cni/net.d')];

/** The schedule file `/cron-schedule/config` that the reconciler watches. */
const CRON_MOUNT: k8s.VolumeMount = { name: 'cron-scheduler-configmap', mountPath: '/cron-schedule' };
const CRON_VOLUME: k8s.Volume = {
  name: 'cron-scheduler-configmap',
  configMap: { name: WHEREABOUTS_CONFIG_MAP, defaultMode: 0o744, items: [{ key: CRON_EXPRESSION_KEY, path: 'config' }] },
};

/**
 * The `whereabouts` DaemonSet pod: installs the CNI binary and its flatfile config on the node, keeps the kubeconfig's
 * token fresh, and runs ip-control-loop (frees addresses of deleted pods).
 */
export function daemonSetPodSpec(image: string): k8s.PodSpec {
  return {
    hostNetwork: true,
    serviceAccountName: WHEREABOUTS_SERVICE_ACCOUNT,
    tolerations: NODE_AGENT_TOLERATIONS.noSchedule.map((t) => ({ ...t })),
    containers: [
      {
        name: 'whereabouts',
        command: ['/bin/sh'],
        args: ['-c', 'SLEEP=false source /install-cni.sh\n/token-watcher.sh &\n/ip-control-loop -log-level debug\n'],
        image,
        env: [nodeNameEnv(), namespaceEnv()],
        resources: resources('100m', '100Mi', '200Mi'),
        securityContext: { privileged: true },
        volumeMounts: CNI_HOST_MOUNTS,
      },
    ],
    volumes: CNI_HOST_VOLUMES,
  };
}

/** The `whereabouts-reconciler` pod: runs the IP reconciler on the ConfigMap's schedule. */
export function reconcilerPodSpec(image: string): k8s.PodSpec {
  return {
    serviceAccountName: WHEREABOUTS_SERVICE_ACCOUNT,
    containers: [
      {
        name: 'whereabouts-reconciler',
        command: ['/ip-reconciler'],
        args: ['-log-level', 'debug'],
        image,
        env: [namespaceEnv()],
        resources: resources('100m', '50Mi', '50Mi'),
        volumeMounts: [CRON_MOUNT],
      },
    ],
    volumes: [CRON_VOLUME],
  };
}

/** The `whereabouts-controller` pod (node slices): keeps a NodeSlicePool per sliced network and assigns nodes to slices. */
export function nodeSliceControllerPodSpec(image: string): k8s.PodSpec {
  return {
    serviceAccountName: WHEREABOUTS_SERVICE_ACCOUNT,
    containers: [
      {
        name: 'whereabouts',
        command: ['/node-slice-controller'],
        image,
        env: [nodeNameEnv(), namespaceEnv('v1')],
        resources: resources('100m', '100Mi', '200Mi'),
        volumeMounts: [...CNI_HOST_MOUNTS, CRON_MOUNT],
      },
    ],
    volumes: [...CNI_HOST_VOLUMES, CRON_VOLUME],
  };
}
