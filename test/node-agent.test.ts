import { linuxNodeAffinity, NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../src/cni/common/node-agent';
import { fieldRefEnv, LINUX_NODE_AFFINITY } from '../src/cni/common/k8s-helpers';

describe('nodeAgentPodSpec', () => {
  const containers = [{ name: 'agent', image: 'example/agent:1' }];

  test('defaults: host network, system-node-critical, Linux node affinity, the given tolerations', () => {
    const pod = nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.all }, { containers });
    expect(pod).toEqual({
      containers,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      tolerations: [{ operator: 'Exists' }],
      affinity: LINUX_NODE_AFFINITY,
    });
    expect(pod.serviceAccountName).toBeUndefined();
  });

  test("'none' placement keeps the pod's own affinity/nodeSelector (weave-net; Cilium's pod anti-affinity with nodeSelector)", () => {
    const pod = nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.noScheduleNoExecute, linuxPlacement: 'none', serviceAccountName: 'weave-net' }, { containers });
    expect(pod).toEqual({
      containers,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      tolerations: [
        { effect: 'NoSchedule', operator: 'Exists' },
        { effect: 'NoExecute', operator: 'Exists' },
      ],
      serviceAccountName: 'weave-net',
    });
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] } };
    const cilium = nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.all, linuxPlacement: 'nodeSelector' }, { containers, affinity: anti });
    expect(cilium.affinity).toEqual(anti);
    expect(cilium.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  });

  test('nodeSelector placement and a ServiceAccount (calico-node)', () => {
    const pod = nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.calico, linuxPlacement: 'nodeSelector', serviceAccountName: 'calico-node' }, { containers });
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(pod.affinity).toBeUndefined();
    expect(pod.serviceAccountName).toBe('calico-node');
    expect(pod.tolerations).toEqual([
      { effect: 'NoSchedule', operator: 'Exists' },
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { effect: 'NoExecute', operator: 'Exists' },
    ]);
  });

  test('a custom affinity with extra requirements after the OS one (aws-node)', () => {
    const affinity = linuxNodeAffinity({ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] });
    const pod = nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.all, linuxPlacement: affinity, hostNetwork: false, priorityClassName: 'x' }, { containers });
    expect(pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
    ]);
    expect(pod.hostNetwork).toBe(false);
    expect(pod.priorityClassName).toBe('x');
  });

  test('the agent options win over the same fields in the pod', () => {
    const pod = nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.noSchedule }, { containers, hostNetwork: false, tolerations: [] });
    expect(pod.hostNetwork).toBe(true);
    expect(pod.tolerations).toEqual([{ operator: 'Exists', effect: 'NoSchedule' }]);
  });
});

describe('fieldRefEnv', () => {
  test('writes apiVersion only when given', () => {
    expect(fieldRefEnv('A', 'spec.nodeName')).toEqual({ name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
    expect(fieldRefEnv('A', 'spec.nodeName', 'v1')).toEqual({ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } });
  });
});
