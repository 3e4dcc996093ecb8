/**
 * kubeadm configuration from the spec: every emitted field exists in the v1beta4 / kubelet / kube-proxy references,
 * the ranges equal the spec's and the CNI's own view of the pod range, and joins are always CA-pinned.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  caCertHash,
  controllerManagerArgs,
  KUBE_PROXY_PHASE,
  kubeadmInitDocuments,
  kubeadmNetworkIssues,
  usesNodeCidrs,
  kubeadmJoinConfiguration,
  renderKubeadmYaml,
  initDocumentList,
} from '../../src/kubeadm';
import { flannelModule } from '../../src/cni/flannel/module';
import { resolveClusterNetwork } from '../../src/spec/validate';
import { cli, filesIn, tempDir, writeSpec } from '../support/cli';
import { find, loadExample, synthExample } from '../support/examples';
import { componentConfigFields, kubeadmV1beta4Fields, unknownKubeadmFields } from '../support/kubeadm-reference';
import { describeWithReference, referencePath } from '../support/shared';

const TOKEN = 'abcdef.0123456789abcdef';
const HASH = `sha256:${'a'.repeat(64)}`;
const CA_PEM = readFileSync(join(__dirname, '../fixtures/mock-cluster-ca.crt'), 'utf8');

function docs(example: string, opts = {}) {
  return kubeadmInitDocuments(resolveClusterNetwork(loadExample(example)), { bootstrapToken: TOKEN, advertiseAddress: '192.168.0.10', controlPlaneEndpoint: '192.168.0.10:6443', apiServerCertSANs: ['203.0.113.10'], ...opts });
}

describeWithReference('every emitted field is in the upstream reference', () => {
  test.each(['flannel-vxlan.yaml', 'flannel-dual-stack.yaml'])('%s: InitConfiguration, ClusterConfiguration, JoinConfiguration (kubeadm v1beta4)', (example) => {
    const d = docs(example);
    const fields = kubeadmV1beta4Fields();
    expect(unknownKubeadmFields(d.init as never, 'InitConfiguration', fields)).toEqual([]);
    expect(unknownKubeadmFields(d.cluster as never, 'ClusterConfiguration', fields)).toEqual([]);
    expect(unknownKubeadmFields(kubeadmJoinConfiguration({ apiServerEndpoint: '192.168.0.10:6443', token: TOKEN, caCertHashes: [HASH] }) as never, 'JoinConfiguration', fields)).toEqual([]);
  });

  test.each(['flannel-vxlan.yaml', 'flannel-dual-stack.yaml'])('%s: KubeletConfiguration and KubeProxyConfiguration', (example) => {
    const d = docs(example);
    const kubelet = componentConfigFields('kubelet-config.v1beta1.md', 'KubeletConfiguration');
    const proxy = componentConfigFields('kube-proxy-config.v1alpha1.md', 'KubeProxyConfiguration');
    expect(Object.keys(d.kubelet).filter((k) => !kubelet.has(k))).toEqual([]);
    expect(Object.keys(d.kubeProxy!).filter((k) => !proxy.has(k))).toEqual([]);
  });

  test('the walker catches a field that does not exist', () => {
    expect(unknownKubeadmFields({ networking: { podCIDR: 'x' } }, 'ClusterConfiguration')).toEqual(['ClusterConfiguration.networking.podCIDR']);
  });
});

describe('ranges come from the spec and match the CNI', () => {
  test('flannel-vxlan: podSubnet = Flannel Network, service range, node CIDRs of nodeMaskSize, kubelet max pods, DNS', () => {
    const d = docs('flannel-vxlan.yaml');
    const netConf = JSON.parse(find(synthExample('flannel-vxlan.yaml'), 'ConfigMap', 'kube-flannel-cfg').data['net-conf.json']);
    expect(d.cluster.networking).toEqual({ podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local' });
    expect(d.cluster.networking.podSubnet).toBe(netConf.Network);
    expect(d.cluster.controllerManager.extraArgs).toEqual([
      { name: 'allocate-node-cidrs', value: 'true' },
      { name: 'node-cidr-mask-size-ipv4', value: String(netConf.SubnetLen ?? 24) },
    ]);
    expect(d.kubelet).toMatchObject({ maxPods: 110, clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local', cgroupDriver: 'systemd' });
    expect(d.kubeProxy).toEqual({ apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', clusterCIDR: '10.244.0.0/16' });
    expect(d.init.skipPhases).toBeUndefined();
    expect(d.init.bootstrapTokens).toEqual([
      { token: TOKEN, description: 'cdk8s-cni join token for flannel-vxlan', ttl: '24h0m0s', usages: ['signing', 'authentication'], groups: ['system:bootstrappers:kubeadm:default-node-token'] },
    ]);
    expect(d.init.localAPIEndpoint).toEqual({ advertiseAddress: '192.168.0.10', bindPort: 6443 });
    expect(d.cluster.apiServer).toEqual({ certSANs: ['203.0.113.10'] });
  });

  test('flannel-dual-stack: both families in podSubnet/serviceSubnet, per-family node mask sizes, = Flannel Network/IPv6Network', () => {
    const d = docs('flannel-dual-stack.yaml');
    const netConf = JSON.parse(find(synthExample('flannel-dual-stack.yaml'), 'ConfigMap', 'kube-flannel-cfg').data['net-conf.json']);
    expect(d.cluster.networking.podSubnet).toBe(`${netConf.Network},${netConf.IPv6Network}`);
    expect(d.cluster.networking.serviceSubnet).toBe('10.96.0.0/16,fd00:10:96::/112');
    expect(d.cluster.controllerManager.extraArgs).toEqual([
      { name: 'allocate-node-cidrs', value: 'true' },
      { name: 'node-cidr-mask-size-ipv4', value: '24' },
      { name: 'node-cidr-mask-size-ipv6', value: '64' },
    ]);
    expect(d.kubeProxy?.clusterCIDR).toBe('10.244.0.0/16,fd00:10:244::/56');
  });

  test('nodeMaskSize and maxPerNode from the spec reach kubeadm', () => {
    const spec = loadExample('flannel-vxlan.yaml');
    const n = resolveClusterNetwork({ ...spec, spec: { ...spec.spec, pods: { cidrs: ['10.32.0.0/12'], nodeMaskSize: 23, maxPerNode: 250 } } });
    const d = kubeadmInitDocuments(n);
    expect(d.cluster.networking.podSubnet).toBe('10.32.0.0/12');
    expect(controllerManagerArgs(n)).toContainEqual({ name: 'node-cidr-mask-size-ipv4', value: '23' });
    expect(d.kubelet.maxPods).toBe(250);
  });
});

/**
 * kubeadm's ValidatePodSubnetNodeMask (getClusterNodeMask) reads only node-cidr-mask-size-ipv4 / -ipv6 and otherwise
 * assumes /24 and /64: with the generic flag, `kubeadm init` refused these valid single-stack plans.
 */
describe('single stack: the per-family node mask flag kubeadm reads', () => {
  const network = (spec: Record<string, unknown>) => resolveClusterNetwork({ apiVersion: 'cdk8s-cni.dev/v1alpha1', kind: 'ClusterNetwork', metadata: { name: 'k' }, spec: { cni: { type: 'flannel' }, ...spec } });
  const maskArgs = (n: ReturnType<typeof network>) => controllerManagerArgs(n).filter((a) => a.name.startsWith('node-cidr-mask-size'));

  test('IPv6-only fd00:10:244::/104 with nodeMaskSizeIPv6 120 writes node-cidr-mask-size-ipv6: 120', () => {
    const n = network({ ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/104'], nodeMaskSizeIPv6: 120, maxPerNode: 100 }, services: { cidrs: ['fd00:10:96::/112'] }, nodes: { count: 3 } });
    expect(maskArgs(n)).toEqual([{ name: 'node-cidr-mask-size-ipv6', value: '120' }]);
    expect(() => kubeadmInitDocuments(n)).not.toThrow();
  });

  test('IPv4 10.244.0.0/25 with nodeMaskSize 28 writes node-cidr-mask-size-ipv4: 28', () => {
    const n = network({ pods: { cidrs: ['10.244.0.0/25'], nodeMaskSize: 28, maxPerNode: 13 }, nodes: { count: 3 } });
    expect(maskArgs(n)).toEqual([{ name: 'node-cidr-mask-size-ipv4', value: '28' }]);
    expect(() => kubeadmInitDocuments(n)).not.toThrow();
  });
});

describe("kubeadm's own range limits, where a kubeadm config is produced", () => {
  const network = (spec: Record<string, unknown>) => resolveClusterNetwork({ apiVersion: 'cdk8s-cni.dev/v1alpha1', kind: 'ClusterNetwork', metadata: { name: 'k' }, spec: { cni: { type: 'flannel' }, ...spec } });
  const issuesOf = (n: ReturnType<typeof network>) => kubeadmNetworkIssues(n, usesNodeCidrs(n)).map((i) => [i.rule, i.path]);

  test('an IPv4 node mask 18 bits longer than the pod range: the cluster plan accepts it (cidrset limits IPv6 only), kubeadm refuses it', () => {
    const n = network({ pods: { cidrs: ['100.64.0.0/10'], nodeMaskSize: 28, maxPerNode: 13 } });
    expect(issuesOf(n)).toEqual([['kubeadm/node-mask-too-long', 'spec.pods.nodeMaskSize']]);
    expect(() => kubeadmInitDocuments(n)).toThrow('spec.pods.nodeMaskSize: /28 is more than 16 bits longer than spec.pods.cidrs[0] 100.64.0.0/10: kubeadm init refuses it');
  });

  test('no node mask check when kube-controller-manager does not allocate node CIDRs', () => {
    const n = network({ pods: { cidrs: ['100.64.0.0/10'], nodeMaskSize: 28, maxPerNode: 13 } });
    expect(kubeadmNetworkIssues(n, false)).toEqual([]);
  });

  test('pod subnet below 14 addresses and service subnet below 10 addresses', () => {
    const n = network({ pods: { cidrs: ['10.244.0.0/29'], nodeMaskSize: 29, maxPerNode: 5 }, services: { cidrs: ['10.96.0.0/29'], dnsIP: '10.96.0.5' }, nodes: { count: 1 } });
    expect(issuesOf(n)).toEqual([
      ['kubeadm/pod-subnet-too-small', 'spec.pods.cidrs[0]'],
      ['kubeadm/service-subnet-too-small', 'spec.services.cidrs[0]'],
    ]);
  });

  test('/28 ranges are the smallest kubeadm accepts', () => {
    const n = network({ pods: { cidrs: ['10.244.0.0/28'], nodeMaskSize: 28, maxPerNode: 13 }, services: { cidrs: ['10.96.0.0/28'], dnsIP: '10.96.0.10' }, nodes: { count: 1 } });
    expect(issuesOf(n)).toEqual([]);
  });

});

describeWithReference('the kube-proxy phase', () => {
  test('is named as in the kubeadm reference example (skipPhases: - addon/kube-proxy)', () => {
    const page = readFileSync(referencePath('kubeadm', 'kubeadm-config.v1beta3.md'), 'utf8');
    expect(page).toContain(`- ${KUBE_PROXY_PHASE}<`);
  });
});

describe('a CNI that replaces kube-proxy (CniModule.replacesKubeProxy)', () => {
  // Stand-in until a kube-proxy-replacing CNI (Cilium) is registered: the contract hook switched on for Flannel.
  afterEach(() => {
    delete (flannelModule as { replacesKubeProxy?: unknown }).replacesKubeProxy;
  });

  test('kubeadm skips the kube-proxy phase and emits no KubeProxyConfiguration', () => {
    (flannelModule as { replacesKubeProxy?: () => boolean }).replacesKubeProxy = () => true;
    const d = docs('flannel-vxlan.yaml');
    expect(d.init.skipPhases).toEqual([KUBE_PROXY_PHASE]);
    expect(d.kubeProxy).toBeUndefined();
    expect(initDocumentList(d).map((x) => x.kind)).toEqual(['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration']);
  });

  test('without the hook kube-proxy stays', () => {
    expect(docs('flannel-vxlan.yaml').init.skipPhases).toBeUndefined();
  });
});

describe('joins are CA-pinned', () => {
  test('JoinConfiguration carries the token, endpoint and CA hash; there is no unsafe skip', () => {
    const j = kubeadmJoinConfiguration({ apiServerEndpoint: '192.168.0.10:6443', token: TOKEN, caCertHashes: [HASH] });
    expect(j.discovery.bootstrapToken).toEqual({ apiServerEndpoint: '192.168.0.10:6443', token: TOKEN, caCertHashes: [HASH] });
    expect(JSON.stringify(j)).not.toMatch(/unsafeSkipCAVerification/);
  });

  test.each([
    [{ caCertHashes: [] }, 'caCertHashes: at least one CA pin is required'],
    [{ caCertHashes: ['sha256:xyz'] }, 'caCertHashes: sha256:xyz is not a CA pin'],
    [{ token: 'not-a-token' }, 'token: not a kubeadm token'],
  ])('rejects %j', (bad, message) => {
    expect(() => kubeadmJoinConfiguration({ apiServerEndpoint: 'x:6443', token: TOKEN, caCertHashes: [HASH], ...bad })).toThrow(message);
  });

  test('caCertHash equals kubeadm documented openssl pipeline (sha256 of the DER public key)', () => {
    const der = execFileSync('sh', ['-c', 'openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -hex'], { input: CA_PEM });
    const hex = /([0-9a-f]{64})/.exec(der.toString())![1];
    expect(caCertHash(CA_PEM)).toBe(`sha256:${hex}`);
  });
});

describe('cdk8s-cni kubeadm-config', () => {
  test('prints the init documents for a spec', () => {
    const r = cli('kubeadm-config', writeSpec(loadExample('flannel-vxlan.yaml')), '--kubernetes-version', 'v1.33.1', '--control-plane-endpoint', 'k8s.example:6443');
    expect(r.code).toBe(0);
    const out = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(out.map((d) => d.kind)).toEqual(['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration', 'KubeProxyConfiguration']);
    expect(out[1]).toMatchObject({ kubernetesVersion: 'v1.33.1', controlPlaneEndpoint: 'k8s.example:6443', networking: { podSubnet: '10.244.0.0/16' } });
    expect(r.stdout).toBe(renderKubeadmYaml(initDocumentList(kubeadmInitDocuments(resolveClusterNetwork(loadExample('flannel-vxlan.yaml')), { kubernetesVersion: 'v1.33.1', controlPlaneEndpoint: 'k8s.example:6443' }))));
  });

  test('--join prints a CA-pinned JoinConfiguration', () => {
    const r = cli('kubeadm-config', writeSpec(loadExample('flannel-vxlan.yaml')), '--join', '--api-server-endpoint', '10.0.0.10:6443', '--token', TOKEN, '--ca-cert-hash', HASH);
    expect(r.code).toBe(0);
    expect(parseAllDocuments(r.stdout).map((d) => d.toJS())[0].discovery.bootstrapToken).toEqual({ apiServerEndpoint: '10.0.0.10:6443', token: TOKEN, caCertHashes: [HASH] });
  });

  test('--join without its inputs is a usage error naming them', () => {
    const r = cli('kubeadm-config', writeSpec(loadExample('flannel-vxlan.yaml')), '--join', '--token', TOKEN);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --join needs --api-server-endpoint, --ca-cert-hash\n');
  });

  test('an invalid spec fails with the field path and prints nothing', () => {
    const dir = tempDir();
    const spec = loadExample('flannel-vxlan.yaml');
    const r = cli('kubeadm-config', writeSpec({ ...spec, spec: { ...spec.spec, services: { cidrs: ['10.244.0.0/16'] } } }, dir));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').some((l) => l.startsWith('spec.services.cidrs[0]: '))).toBe(true);
    expect(filesIn(dir)).toEqual(['network.yaml']);
  });
});
