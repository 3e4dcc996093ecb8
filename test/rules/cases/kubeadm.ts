/** Cases of the kubeadm rules (src/kubeadm/rules.ts): checks that run where a kubeadm config or bootstrap is produced. */
import { assertUserDataFits, controlPlaneUserData, kubeadmInitConfiguration, kubeadmJoinConfiguration, kubeadmNetworkIssues, kubernetesPackageVersion, usesNodeCidrs, workerUserData } from '../../../src/kubeadm';
import { SpecValidationError, type SpecIssue } from '../../../src/spec/issues';
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { specWith, type RuleCase } from '../support';

/** The issues `kubeadm init` would refuse for a spec (the spec itself is valid). */
function kubeadmIssues(spec: Record<string, unknown>): () => readonly SpecIssue[] {
  return () => {
    const n = resolveClusterNetwork(specWith(spec));
    return kubeadmNetworkIssues(n, usesNodeCidrs(n));
  };
}

/** The issues a kubeadm function throws (none when it returns). */
function thrown(run: () => unknown): () => readonly SpecIssue[] {
  return () => {
    try {
      run();
      return [];
    } catch (e) {
      if (e instanceof SpecValidationError) return e.issues;
      throw e;
    }
  };
}

const network = () => resolveClusterNetwork(specWith({}));
const TOKEN = 'abcdef.0123456789abcdef';
const HASH = `sha256:${'a'.repeat(64)}`;
const join = (over: Record<string, unknown>) => () => kubeadmJoinConfiguration({ apiServerEndpoint: '10.0.0.1:6443', token: TOKEN, caCertHashes: [HASH], ...over });
const controlPlane = (caKey: { ssmParameter: string; region: string }) => () =>
  controlPlaneUserData({ network: network(), init: { bootstrapToken: TOKEN, kubernetesVersion: 'v1.33.4' }, caCertPem: 'PEM', caKey });
const worker = (caCertPem: string) => () =>
  workerUserData({ network: network(), kubernetesVersion: 'v1.33.4', join: { apiServerEndpoint: '10.0.0.1:6443', token: TOKEN, caCertHashes: [HASH] }, caCertPem });

export const KUBEADM_CASES: readonly RuleCase[] = [
  {
    rule: 'kubeadm/pod-subnet-too-small',
    name: 'a /29 pod subnet',
    refuses: kubeadmIssues({ pods: { cidrs: ['10.244.0.0/29'], nodeMaskSize: 29, maxPerNode: 5 }, nodes: { count: 1 } }),
    accepts: kubeadmIssues({ pods: { cidrs: ['10.244.0.0/28'], nodeMaskSize: 28, maxPerNode: 13 }, nodes: { count: 1 } }),
  },
  {
    rule: 'kubeadm/service-subnet-too-small',
    name: 'a /29 Service subnet',
    refuses: kubeadmIssues({ services: { cidrs: ['10.96.0.0/29'], dnsIP: '10.96.0.5' } }),
    accepts: kubeadmIssues({ services: { cidrs: ['10.96.0.0/28'], dnsIP: '10.96.0.10' } }),
  },
  {
    rule: 'kubeadm/node-mask-too-long',
    name: 'an IPv4 node mask 18 bits longer than the pod range (kubeadm checks both families)',
    refuses: kubeadmIssues({ pods: { cidrs: ['100.64.0.0/10'], nodeMaskSize: 28, maxPerNode: 13 } }),
    accepts: kubeadmIssues({ pods: { cidrs: ['100.64.0.0/12'], nodeMaskSize: 28, maxPerNode: 13 } }),
  },
  { rule: 'kubeadm/bootstrap-token', name: 'an init token of the wrong form', refuses: thrown(() => kubeadmInitConfiguration(network(), { bootstrapToken: 'abc.def' })), accepts: thrown(() => kubeadmInitConfiguration(network(), { bootstrapToken: TOKEN })) },
  { rule: 'kubeadm/ca-cert-hash-required', name: 'join without a CA pin', refuses: thrown(join({ caCertHashes: [] })), accepts: thrown(join({})) },
  { rule: 'kubeadm/ca-cert-hash-format', name: 'a CA pin without sha256:', refuses: thrown(join({ caCertHashes: ['a'.repeat(64)] })), accepts: thrown(join({})) },
  { rule: 'kubeadm/kubernetes-version', name: 'a version without the patch level', refuses: thrown(() => kubernetesPackageVersion('v1.33')), accepts: thrown(() => kubernetesPackageVersion('v1.33.4')) },
  {
    rule: 'kubeadm/ssm-parameter-name',
    name: 'an SSM parameter without a leading slash',
    refuses: thrown(controlPlane({ ssmParameter: 'cluster/ca-key', region: 'eu-west-1' })),
    accepts: thrown(controlPlane({ ssmParameter: '/cluster/ca-key', region: 'eu-west-1' })),
  },
  {
    rule: 'kubeadm/aws-region',
    name: 'a region name instead of a region code',
    refuses: thrown(controlPlane({ ssmParameter: '/cluster/ca-key', region: 'Ireland' })),
    accepts: thrown(controlPlane({ ssmParameter: '/cluster/ca-key', region: 'eu-west-1' })),
  },
  {
    rule: 'kubeadm/heredoc-in-content',
    name: 'a CA certificate containing the heredoc delimiter',
    refuses: thrown(worker('x\nCDK8S_CNI_EOF\ny')),
    accepts: thrown(worker('PEM')),
  },
  { rule: 'kubeadm/user-data-too-large', name: '17 KB of user data', refuses: thrown(() => assertUserDataFits('worker', 'x'.repeat(17 * 1024))), accepts: thrown(() => assertUserDataFits('worker', 'x'.repeat(16 * 1024))) },
];
