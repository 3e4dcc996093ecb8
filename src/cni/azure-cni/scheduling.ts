/** Scheduling shared by upstream's Azure node DaemonSets (the CNI installer and ip-masq-agent). */
import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';

/** Linux nodes that are not virtual-kubelet nodes. */
export const AZURE_LINUX_NODE_AFFINITY: k8s.Affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
          ],
        },
      ],
    },
  },
};

/** CriticalAddonsOnly and every NoExecute / NoSchedule taint. */
export const CRITICAL_TOLERATIONS: k8s.Toleration[] = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { effect: 'NoExecute', operator: 'Exists' },
  { effect: 'NoSchedule', operator: 'Exists' },
];
