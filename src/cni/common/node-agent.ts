/**
 * The pod spec of a CNI node agent: the DaemonSet pod that runs on every (Linux) node, in the host's network
 * namespace, with node-critical priority. Every CNI's agent (kube-flannel-ds, calico-node, canal, aws-node,
 * azure-cni …) has this shape; what differs between upstreams is which taints are tolerated and how Linux nodes are
 * picked, so those are explicit options and the rest has the common defaults.
 */
import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';

/** The `kubernetes.io/os In [linux]` node selector requirement. */
export const LINUX_NODE_REQUIREMENT: k8s.NodeSelectorRequirement = { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] };

/**
 * Required node affinity for Linux nodes that also meet `extra` (ANDed, after the OS requirement), e.g.
 * `kubernetes.io/arch In [amd64, arm64]`.
 */
export function linuxNodeAffinity(...extra: k8s.NodeSelectorRequirement[]): k8s.Affinity {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [LINUX_NODE_REQUIREMENT, ...extra] }] } } };
}

/** Tolerations upstream node agents use. Lists are in upstream's order (manifests are compared as written). */
export const NODE_AGENT_TOLERATIONS = {
  /** Every taint (`operator: Exists`): aws-node. */
  all: [{ operator: 'Exists' }],
  /** Every NoSchedule taint: kube-flannel-ds. */
  noSchedule: [{ operator: 'Exists', effect: 'NoSchedule' }],
  /** Every NoSchedule and NoExecute taint: weave-net and kube-multus-ds. */
  noScheduleNoExecute: [
    { effect: 'NoSchedule', operator: 'Exists' },
    { effect: 'NoExecute', operator: 'Exists' },
  ],
  /** Every NoSchedule and NoExecute taint plus CriticalAddonsOnly: calico-node and canal. */
  calico: [
    { effect: 'NoSchedule', operator: 'Exists' },
    { key: 'CriticalAddonsOnly', operator: 'Exists' },
    { effect: 'NoExecute', operator: 'Exists' },
  ],
} as const satisfies Record<string, readonly k8s.Toleration[]>;

/** How a node agent is kept on Linux nodes. */
export type LinuxPlacement =
  /** Required node affinity `kubernetes.io/os In [linux]` (kube-flannel.yml). */
  | 'affinity'
  /** `nodeSelector: {kubernetes.io/os: linux}` (calico.yaml, canal.yaml). */
  | 'nodeSelector'
  /** This node affinity (it must keep the pod on Linux; see {@link linuxNodeAffinity}). */
  | k8s.Affinity
  /** Not placed by OS (weave-daemonset-k8s.yaml): any `affinity` or `nodeSelector` in the pod spec stays as given. */
  | 'none';

/** What makes a pod spec a node agent's; everything else of the pod goes in `pod`. */
export interface NodeAgentOptions {
  /** Taints the agent tolerates (it must run on every node, tainted or not). */
  readonly tolerations: readonly k8s.Toleration[];
  /** How Linux nodes are picked. @default 'affinity' */
  readonly linuxPlacement?: LinuxPlacement;
  /** ServiceAccount the agent runs as. @default - the namespace's default ServiceAccount */
  readonly serviceAccountName?: string;
  /** Run in the host's network namespace. @default true */
  readonly hostNetwork?: boolean;
  /** PriorityClass; node agents must not be evicted for ordinary pods. @default 'system-node-critical' */
  readonly priorityClassName?: string;
}

/**
 * A node agent's pod spec: `pod` (containers, volumes, securityContext …) plus host network, node-critical priority,
 * the tolerations, Linux placement and the ServiceAccount. Key order does not matter: the generated k8s classes
 * write fields in schema order.
 */
export function nodeAgentPodSpec(agent: NodeAgentOptions, pod: k8s.PodSpec): k8s.PodSpec {
  const placement = agent.linuxPlacement ?? 'affinity';
  return {
    ...pod,
    hostNetwork: agent.hostNetwork ?? true,
    priorityClassName: agent.priorityClassName ?? 'system-node-critical',
    tolerations: agent.tolerations.map((t) => ({ ...t })),
    ...(placement === 'none'
      ? {}
      : placement === 'nodeSelector'
        ? { nodeSelector: { [LINUX_NODE_REQUIREMENT.key]: 'linux' } }
        : { affinity: placement === 'affinity' ? linuxNodeAffinity() : placement }),
    ...(agent.serviceAccountName !== undefined ? { serviceAccountName: agent.serviceAccountName } : {}),
  };
}
