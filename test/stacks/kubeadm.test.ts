/**
 * The kubeadm stack under mocks, for every kubeadm example stack config: kubeadm config and cloud-init from the spec,
 * firewall exactly from the CNI, the CA pin workers use equal to the generated CA's hash, every credential a secret,
 * and the applied objects exactly the chart's objects.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { caCertHash, initDocumentList, kubeadmInitDocuments, renderKubeadmYaml } from '../../src/kubeadm';
import { parseStackConfig, projectConfig } from '../../stacks/config';
import { needsSourceDestCheckOff } from '../../stacks/firewall';
import { controlPlanePrivateIp } from '../../stacks/kubeadm/addresses';
import { CONTROL_PLANE_LIFECYCLE, WORKER_LIFECYCLE } from '../../stacks/components/kubeadm-cluster';
import { synthObjects } from '../../src/synth';
import { MOCK_CA_PEM, ofType, resource, runStack, stackFileConfig, STACK_CONFIG_DIR, type StackRun } from '../support/pulumi-mocks';
import { fileWrittenBy } from '../support/heredoc';
import { describeWithShellcheck, shellcheck } from '../support/shellcheck';
import { appliedObjects, expectedNodeRows, ingressRows, k8sName, k8sType } from '../support/stack-assertions';

/** The token the mocked RandomStrings (6 and 16 characters) make. */
const MOCK_TOKEN = 'abcdef.abcdefghij012345';
const STACKS = readdirSync(STACK_CONFIG_DIR).filter((f) => /^Pulumi\.kubeadm-.*\.yaml$/.test(f)).sort();

test('there are kubeadm stack configs', () => {
  expect(STACKS).toEqual(['Pulumi.kubeadm-calico.yaml', 'Pulumi.kubeadm-cilium.yaml', 'Pulumi.kubeadm-flannel.yaml', 'Pulumi.kubeadm-weave.yaml']);
});


describe.each(STACKS)('%s', (file) => {
  const cfg = parseStackConfig(projectConfig(stackFileConfig(file)));
  if (cfg.cluster !== 'kubeadm') throw new Error(`${file} is not a kubeadm stack`);
  const { network, kubeadm } = cfg;
  const name = network.metadata.name;
  const cpIp = controlPlanePrivateIp(network.spec.nodes.cidrs![0]);
  const waits: Array<{ server: string; ca: string }> = [];
  let run: StackRun;
  beforeAll(async () => {
    run = await runStack(file, { waits });
  }, 60_000);

  const instances = () => ofType(run, 'aws:ec2/instance:Instance');
  const cp = () => resource(run, 'aws:ec2/instance:Instance', `${name}-control-plane`);
  const workers = () => instances().filter((i) => i.name !== `${name}-control-plane`);

  test('VPC and subnet are spec.nodes.cidrs[0]; one control plane at a fixed address and the configured workers', () => {
    expect(resource(run, 'aws:ec2/vpc:Vpc', name).inputs.cidrBlock).toBe(network.spec.nodes.cidrs![0]);
    expect(resource(run, 'aws:ec2/subnet:Subnet', name).inputs).toMatchObject({ cidrBlock: network.spec.nodes.cidrs![0], availabilityZone: kubeadm.availabilityZone });
    expect(cp().inputs).toMatchObject({ privateIp: cpIp, instanceType: kubeadm.controlPlaneInstanceType });
    expect(workers()).toHaveLength(kubeadm.workers ?? network.spec.nodes.count - 1);
    for (const w of workers()) expect(w.inputs.instanceType).toBe(kubeadm.workerInstanceType);
    for (const i of instances()) expect(i.inputs.metadataOptions).toMatchObject({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
  });

  test('control-plane kubeadm config is exactly the one generated from the spec', () => {
    const yaml = fileWrittenBy(cp().inputs.userData, '/etc/kubernetes/kubeadm-init.yaml');
    const expected = renderKubeadmYaml(
      initDocumentList(
        kubeadmInitDocuments(network, { kubernetesVersion: kubeadm.kubernetesVersion, bootstrapToken: MOCK_TOKEN, bootstrapTokenTtl: kubeadm.bootstrapTokenTtl, advertiseAddress: cpIp, controlPlaneEndpoint: `${cpIp}:6443`, apiServerCertSANs: ['203.0.113.10', cpIp] }),
      ),
    );
    expect(`${yaml}`).toBe(expected.endsWith('\n') ? expected : `${expected}\n`);
    const docs = parseAllDocuments(yaml).map((d) => d.toJS());
    expect(docs[1].networking.podSubnet).toBe(network.spec.pods.cidrs.join(','));
    expect(docs[1].networking.serviceSubnet).toBe(network.spec.services.cidrs.join(','));
    expect(docs[2].maxPods).toBe(network.spec.pods.maxPerNode);
    expect(docs[0].bootstrapTokens[0].ttl).toBe(kubeadm.bootstrapTokenTtl);
  });

  test('the CA pin in every join equals the hash of the generated CA (and the openssl pipeline), and the output', () => {
    const opensslHex = /([0-9a-f]{64})/.exec(execFileSync('sh', ['-c', 'openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -hex'], { input: MOCK_CA_PEM }).toString())![1];
    expect(run.outputs.caCertHash).toBe(`sha256:${opensslHex}`);
    expect(caCertHash(MOCK_CA_PEM)).toBe(run.outputs.caCertHash);
    expect(workers().length).toBeGreaterThan(0);
    for (const w of workers()) {
      const join = parseAllDocuments(fileWrittenBy(w.inputs.userData, '/etc/kubernetes/kubeadm-join.yaml')).map((d) => d.toJS())[0];
      expect(join.discovery.bootstrapToken).toEqual({ apiServerEndpoint: `${cpIp}:6443`, token: MOCK_TOKEN, caCertHashes: [run.outputs.caCertHash] });
      expect(w.inputs.userData).not.toMatch(/unsafe|PRIVATE KEY/);
    }
    const ca = resource(run, 'tls:index/selfSignedCert:SelfSignedCert', `${name}-ca`).inputs;
    expect(ca).toMatchObject({ isCaCertificate: true, subject: { commonName: 'kubernetes' } });
    expect(fileWrittenBy(cp().inputs.userData, '/etc/kubernetes/pki/ca.crt')).toBe(MOCK_CA_PEM);
  });

  test('the bootstrap token comes from @pulumi/random: [a-z0-9]{6}.[a-z0-9]{16}', () => {
    const parts = ofType(run, 'random:index/randomString:RandomString').map((r) => r.inputs);
    expect(parts).toEqual([
      expect.objectContaining({ length: 6, upper: false, special: false, lower: true, numeric: true }),
      expect.objectContaining({ length: 16, upper: false, special: false, lower: true, numeric: true }),
    ]);
  });

  test('credentials in Pulumi state are secrets: user data, provider kubeconfig, kubeconfig output, the SSM value; plain outputs hold none', () => {
    for (const i of instances()) expect(i.secretPaths).toContain('userData');
    expect(resource(run, 'pulumi:providers:kubernetes', `${name}-k8s`).secretPaths).toContain('kubeconfig');
    expect(resource(run, 'aws:ssm/parameter:Parameter', `${name}-ca-key`).secretPaths).toContain('value');
    expect(run.secretOutputs).toEqual(new Set(['kubeconfig']));
    const plain = JSON.stringify(Object.fromEntries(Object.entries(run.outputs).filter(([k]) => !run.secretOutputs.has(k))));
    expect(plain).not.toMatch(/PRIVATE KEY|client-key-data|abcdef\.abcdefghij012345/);
    expect(run.outputs.kubeconfig).toContain('server: https://203.0.113.10:6443');
    expect(run.outputs.kubeconfig).toContain('client-key-data:');
  });

  test('no user data holds key material: the CA key is an SSM SecureString the control plane alone may read', () => {
    // User data is readable through ec2:DescribeInstanceAttribute and IMDS, whatever Pulumi marks secret.
    for (const i of instances()) expect(i.inputs.userData).not.toMatch(/PRIVATE KEY/);
    const param = resource(run, 'aws:ssm/parameter:Parameter', `${name}-ca-key`).inputs;
    // The physical name carries the stack: two stacks of one spec in one account do not collide.
    expect(param).toMatchObject({ name: `/cdk8s-cni/${name}-test/ca-key`, type: 'SecureString' });
    expect(param.value).toContain('PRIVATE KEY');
    expect(cp().inputs.userData).toContain(`--region eu-west-1 --name /cdk8s-cni/${name}-test/ca-key --with-decryption`);
    // The control plane's profile: one role whose only permission is ssm:GetParameter on that one parameter.
    expect(cp().inputs.iamInstanceProfile).toBe(`${name}-control-plane`);
    expect(resource(run, 'aws:iam/instanceProfile:InstanceProfile', `${name}-control-plane`).inputs.role).toBe(`${name}-control-plane`);
    const policies = ofType(run, 'aws:iam/rolePolicy:RolePolicy').filter((p) => p.inputs.role === `${name}-control-plane`);
    expect(policies.map((p) => JSON.parse(p.inputs.policy))).toEqual([
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: `arn:mock:aws:ssm/parameter:Parameter:${name}-ca-key` }] },
    ]);
    expect(ofType(run, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment')).toEqual([]);
    // Workers get no profile; the control plane boots only once the key is readable.
    for (const w of workers()) expect(w.inputs.iamInstanceProfile).toBeUndefined();
    expect(run.dependsOn.get(`${name}-control-plane`)).toEqual([`${name}-ca-key`, `${name}-control-plane-ca-key`]);
  });

  test('admin certificate: group kubeadm:cluster-admins (RBAC applies, revocable), 72 h, re-issued with a day left', () => {
    const csr = resource(run, 'tls:index/certRequest:CertRequest', `${name}-admin`).inputs;
    expect(csr.subject).toEqual({ commonName: 'cdk8s-cni-admin', organization: 'kubeadm:cluster-admins' });
    expect(resource(run, 'tls:index/locallySignedCert:LocallySignedCert', `${name}-admin`).inputs).toMatchObject({ validityPeriodHours: 72, earlyRenewalHours: 24, allowedUses: ['client_auth', 'digital_signature', 'key_encipherment'] });
  });

  test('security group: API server and SSH from the allowed ranges; between nodes the API, kubelet and exactly the CNI rules', () => {
    const sg = `${name}-nodes-id`;
    const cniRows = expectedNodeRows(network, sg);
    const admin = kubeadm.apiAllowedCidrs.flatMap((c) => [{ protocol: 'tcp', from: 6443, to: 6443, source: c }, ...(kubeadm.sshKeyName ? [{ protocol: 'tcp', from: 22, to: 22, source: c }] : [])]);
    const expected = [...cniRows, { protocol: 'tcp', from: 6443, to: 6443, source: sg }, ...admin].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(ingressRows(run, `${name}-`)).toEqual(expected);
  });

  test('source/destination check is off exactly when the CNI routes pods natively', () => {
    for (const i of instances()) expect(i.inputs.sourceDestCheck).toBe(!needsSourceDestCheckOff(network));
  });

  test('applied objects are exactly the chart objects, on the cluster provider, after the API server is ready', () => {
    const objs = synthObjects(network);
    const applied = appliedObjects(run);
    expect(applied.map((r) => `${r.type} ${r.name}`).sort()).toEqual(objs.map((o) => `${k8sType(o)} ${k8sName(o)}`).sort());
    for (const o of objs) expect(applied.find((r) => r.type === k8sType(o) && r.name === k8sName(o))!.inputs).toEqual(o);
    for (const r of applied) expect(r.provider).toMatch(new RegExp(`::${name}-k8s::`));
    expect(waits).toEqual([{ server: 'https://203.0.113.10:6443', ca: MOCK_CA_PEM }]);
    expect(run.dependsOn.get(`${name}-k8s`)).toEqual([`${name}-control-plane`, `${name}-api`]);
  });

  test('teardown: the objects are deletedWith the control plane, so destroy needs no API (the admin certificate lasts 72 h)', () => {
    const objects = [...ofType(run, 'kubernetes:yaml:ConfigGroup'), ...appliedObjects(run)];
    expect(objects.length).toBeGreaterThan(0);
    for (const r of objects) expect([r.name, run.options.get(`${r.type} ${r.name}`)?.deletedWith]).toEqual([r.name, `${name}-control-plane`]);
  });

  test('component: every resource is a child of the KubeadmCluster (or of its children)', () => {
    const top = [...run.options.entries()].filter(([, o]) => o.parent === undefined || o.parent.startsWith('pulumi:pulumi:Stack'));
    expect(top.map(([k]) => k)).toEqual([`cdk8s-cni:index:KubeadmCluster ${name}`]);
  });

  describeWithShellcheck('cloud-init', () => {
    test('the user data the stack sends passes shellcheck', () => {
      for (const i of instances()) expect(shellcheck(i.inputs.userData)).toBe('');
    });
  });
});

test('a routine pulumi up never replaces the control plane: a newer default image or changed user data is ignored on it; workers keep their image', () => {
  // The mocks cannot observe resource options, so the constants the stack passes are pinned here.
  expect(CONTROL_PLANE_LIFECYCLE).toEqual({ ignoreChanges: ['ami', 'userData'] });
  expect(WORKER_LIFECYCLE).toEqual({ ignoreChanges: ['ami'] });
});

test('a configured AMI is used for every instance; otherwise one lookup of Canonical\'s Ubuntu 24.04 image', async () => {
  const cfg = stackFileConfig('Pulumi.kubeadm-flannel.yaml');
  const kubeadm = { ...JSON.parse(cfg['cdk8s-cni:kubeadm']), ami: 'ami-0fedcba987654321f' };
  const pinned = await runStack({ ...cfg, 'cdk8s-cni:kubeadm': JSON.stringify(kubeadm) });
  for (const i of ofType(pinned, 'aws:ec2/instance:Instance')) expect(i.inputs.ami).toBe('ami-0fedcba987654321f');
  expect(pinned.calls.filter((c) => c.token === 'aws:ec2/getAmi:getAmi')).toEqual([]);
  const looked = await runStack('Pulumi.kubeadm-flannel.yaml');
  expect(looked.calls.filter((c) => c.token === 'aws:ec2/getAmi:getAmi').map((c) => c.inputs.owners)).toEqual([['099720109477']]);
  for (const i of ofType(looked, 'aws:ec2/instance:Instance')) expect(i.inputs.ami).toBe('ami-0123456789abcdef0');
}, 60_000);

describe('scenario specifics', () => {
  test('kubeadm-flannel: VXLAN 8472/udp between nodes, source/destination check on, no CRDs', async () => {
    const run = await runStack('Pulumi.kubeadm-flannel.yaml');
    expect(ingressRows(run, 'flannel-vxlan-nodes-')).toEqual([
      { protocol: 'tcp', from: 10250, to: 10250, source: 'flannel-vxlan-nodes-id' },
      { protocol: 'udp', from: 8472, to: 8472, source: 'flannel-vxlan-nodes-id' },
    ]);
    for (const i of ofType(run, 'aws:ec2/instance:Instance')) expect(i.inputs.sourceDestCheck).toBe(true);
    expect(ofType(run, 'kubernetes:yaml:ConfigGroup').map((g) => g.name)).toEqual(['flannel-vxlan-cni-objects']);
  }, 60_000);

  test('kubeadm-calico: VXLAN 4789/udp, natively routed pod range allowed, source/destination check off, CRDs before CRs', async () => {
    const run = await runStack('Pulumi.kubeadm-calico.yaml');
    expect(ingressRows(run, 'calico-vxlan-nodes-')).toEqual([
      { protocol: '-1', source: '10.244.0.0/16' },
      { protocol: 'tcp', from: 10250, to: 10250, source: 'calico-vxlan-nodes-id' },
      { protocol: 'udp', from: 4789, to: 4789, source: 'calico-vxlan-nodes-id' },
    ]);
    for (const i of ofType(run, 'aws:ec2/instance:Instance')) expect(i.inputs.sourceDestCheck).toBe(false);
    expect(run.dependsOn.get('calico-vxlan-cni-objects')).toEqual(['calico-vxlan-cni-crds']);
    expect(run.dependsOn.get('calico-vxlan-cni-custom-resources')).toEqual(['calico-vxlan-cni-crds', 'calico-vxlan-cni-objects']);
    const crs = appliedObjects(run).filter((r) => r.type.startsWith('kubernetes:crd.projectcalico.org/'));
    expect(crs.map((r) => r.name).sort()).toEqual(expect.arrayContaining(['gpu', 'workloads']));
  }, 60_000);

  test('kubeadm-cilium: kube-proxy phase skipped, no KubeProxyConfiguration, Cilium health, Hubble, WireGuard (51871) + ICMP, natively routed pods, source/destination check off', async () => {
    const run = await runStack('Pulumi.kubeadm-cilium.yaml');
    const cp = resource(run, 'aws:ec2/instance:Instance', 'cilium-native-kpr-control-plane');
    expect(cp.inputs.privateIp).toBe('10.0.0.10');
    const docs = parseAllDocuments(fileWrittenBy(cp.inputs.userData, '/etc/kubernetes/kubeadm-init.yaml')).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration']);
    expect(docs[0].skipPhases).toEqual(['addon/kube-proxy']);
    expect(docs[1].controllerManager.extraArgs).toEqual([{ name: 'allocate-node-cidrs', value: 'false' }]);
    expect(ingressRows(run, 'cilium-native-kpr-nodes-')).toEqual([
      { protocol: '-1', source: '10.244.0.0/16' },
      { protocol: '1', from: -1, to: -1, source: 'cilium-native-kpr-nodes-id' },
      { protocol: 'tcp', from: 10250, to: 10250, source: 'cilium-native-kpr-nodes-id' },
      { protocol: 'tcp', from: 4240, to: 4240, source: 'cilium-native-kpr-nodes-id' },
      { protocol: 'tcp', from: 4244, to: 4244, source: 'cilium-native-kpr-nodes-id' },
      { protocol: 'udp', from: 51871, to: 51871, source: 'cilium-native-kpr-nodes-id' },
    ]);
    for (const i of ofType(run, 'aws:ec2/instance:Instance')) expect(i.inputs.sourceDestCheck).toBe(false);
  }, 60_000);

  test('kubeadm-weave: Weave control 6783/tcp and data 6783-6784/udp, Weave owns IPAM (no node CIDRs), check stays on', async () => {
    const run = await runStack('Pulumi.kubeadm-weave.yaml');
    expect(ingressRows(run, 'seed-lab-nodes-')).toEqual([
      { protocol: 'tcp', from: 10250, to: 10250, source: 'seed-lab-nodes-id' },
      { protocol: 'tcp', from: 6783, to: 6783, source: 'seed-lab-nodes-id' },
      { protocol: 'udp', from: 6783, to: 6784, source: 'seed-lab-nodes-id' },
    ]);
    const cp = resource(run, 'aws:ec2/instance:Instance', 'seed-lab-control-plane');
    const docs = parseAllDocuments(fileWrittenBy(cp.inputs.userData, '/etc/kubernetes/kubeadm-init.yaml')).map((d) => d.toJS());
    expect(docs[1].networking.podSubnet).toBe('10.32.0.0/12');
    expect(docs[1].controllerManager.extraArgs).toEqual([{ name: 'allocate-node-cidrs', value: 'false' }]);
    const weave = appliedObjects(run).find((r) => r.type === 'kubernetes:apps/v1:DaemonSet')!.inputs;
    const env = weave.spec.template.spec.containers.find((c: { name: string }) => c.name === 'weave').env;
    expect(env).toContainEqual({ name: 'IPALLOC_RANGE', value: '10.32.0.0/12' });
    for (const i of ofType(run, 'aws:ec2/instance:Instance')) expect(i.inputs.sourceDestCheck).toBe(true);
  }, 60_000);
});
