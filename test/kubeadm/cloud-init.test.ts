/** Node bootstrap scripts: content, secrets only where needed, the EC2 user-data limit, and shellcheck. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { caCertHash, controlPlaneUserData, kubernetesPackageVersion, USER_DATA_LIMIT_BYTES, userDataBytes, workerUserData, WORKER_CA_PATH } from '../../src/kubeadm';
import { resolveClusterNetwork } from '../../src/spec/validate';
import { SOURCE_DEST_CHECK_OFF_SCRIPT, eksNodeUserData } from '../../stacks/eks/node-user-data';
import { loadExample } from '../support/examples';
import { fileWrittenBy } from '../support/heredoc';
import { describeWithShellcheck, shellcheck } from '../support/shellcheck';

const CA = readFileSync(join(__dirname, '../fixtures/mock-cluster-ca.crt'), 'utf8');
const KEY = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWNhLWtleQ==\n-----END PRIVATE KEY-----\n';
const TOKEN = 'abcdef.0123456789abcdef';
const network = resolveClusterNetwork(loadExample('flannel-vxlan.yaml'));
const cp = controlPlaneUserData({ network, caCertPem: CA, caKeyPem: KEY, init: { kubernetesVersion: 'v1.33.4', bootstrapToken: TOKEN, advertiseAddress: '192.168.0.10', controlPlaneEndpoint: '192.168.0.10:6443' } });
const worker = workerUserData({ network, kubernetesVersion: 'v1.33.4', caCertPem: CA, join: { apiServerEndpoint: '192.168.0.10:6443', token: TOKEN, caCertHashes: [caCertHash(CA)] } });


describe('control plane', () => {
  test('installs containerd and kubelet/kubeadm/kubectl of the configured version from pkgs.k8s.io, held', () => {
    expect(cp).toContain('apt-get install -y -q apt-transport-https ca-certificates curl gpg containerd\n');
    expect(cp).toContain("sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml");
    expect(cp).toContain('https://pkgs.k8s.io/core:/stable:/v1.33/deb/');
    expect(cp).toContain("apt-get install -y -q 'kubelet=1.33.4-*' 'kubeadm=1.33.4-*' 'kubectl=1.33.4-*'");
    expect(cp).toContain('apt-mark hold kubelet kubeadm kubectl');
  });

  test('installs the stack CA (key 0600) and runs kubeadm init with the generated config, token not printed', () => {
    expect(fileWrittenBy(cp, '/etc/kubernetes/pki/ca.crt')).toBe(CA);
    expect(fileWrittenBy(cp, '/etc/kubernetes/pki/ca.key')).toBe(KEY);
    expect(cp).toContain('install -m 0600 /dev/null /etc/kubernetes/pki/ca.key');
    expect(cp).toContain('install -m 0600 /dev/null /etc/kubernetes/kubeadm-init.yaml');
    const docs = parseAllDocuments(fileWrittenBy(cp, '/etc/kubernetes/kubeadm-init.yaml')).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['InitConfiguration', 'ClusterConfiguration', 'KubeletConfiguration', 'KubeProxyConfiguration']);
    expect(docs[1].networking.podSubnet).toBe('10.244.0.0/16');
    expect(cp.trimEnd().endsWith('kubeadm init --config /etc/kubernetes/kubeadm-init.yaml --skip-token-print')).toBe(true);
    expect(cp).not.toMatch(/set -x|echo .*TOKEN|--token /);
  });

  test('fits in EC2 user data with room to spare', () => {
    expect(userDataBytes(cp)).toBeLessThan(USER_DATA_LIMIT_BYTES / 2);
  });
});

describe('worker', () => {
  test('joins with the CA pin, never with the unsafe skip, and gets no CA key', () => {
    const join = parseAllDocuments(fileWrittenBy(worker, '/etc/kubernetes/kubeadm-join.yaml')).map((d) => d.toJS());
    expect(join).toEqual([
      {
        apiVersion: 'kubeadm.k8s.io/v1beta4',
        kind: 'JoinConfiguration',
        nodeRegistration: { criSocket: 'unix:///var/run/containerd/containerd.sock' },
        discovery: { bootstrapToken: { apiServerEndpoint: '192.168.0.10:6443', token: TOKEN, caCertHashes: [caCertHash(CA)] } },
      },
    ]);
    expect(worker).not.toMatch(/unsafe-skip-ca-verification|unsafeSkipCAVerification|PRIVATE KEY/);
    expect(worker).toContain('kubeadm join --config /etc/kubernetes/kubeadm-join.yaml');
  });

  test('waits for the API server, verified against the cluster CA (not -k)', () => {
    expect(fileWrittenBy(worker, WORKER_CA_PATH)).toBe(CA);
    expect(worker).toContain(`curl -fsS --max-time 5 --cacert ${WORKER_CA_PATH} https://192.168.0.10:6443/readyz`);
    expect(worker).not.toMatch(/curl[^\n]* (-k|--insecure)\b/);
  });

  test('fits in EC2 user data', () => {
    expect(userDataBytes(worker)).toBeLessThan(USER_DATA_LIMIT_BYTES / 2);
  });
});

test('IPv6 forwarding only for networks with IPv6', () => {
  expect(cp).not.toContain('net.ipv6.conf.all.forwarding');
  const dual = resolveClusterNetwork(loadExample('flannel-dual-stack.yaml'));
  expect(workerUserData({ network: dual, kubernetesVersion: 'v1.33.4', caCertPem: CA, join: { apiServerEndpoint: 'x:6443', token: TOKEN, caCertHashes: [caCertHash(CA)] } })).toContain('net.ipv6.conf.all.forwarding = 1');
});

test('versions: vMAJOR.MINOR.PATCH only', () => {
  expect(kubernetesPackageVersion('v1.33.4')).toEqual({ repo: 'v1.33', pkg: '1.33.4' });
  expect(() => kubernetesPackageVersion('1.33')).toThrow('kubernetesVersion: 1.33 is not a release version');
});

describeWithShellcheck('shellcheck (Debian package) finds nothing', () => {
  test('control plane script', () => expect(shellcheck(cp)).toBe(''));
  test('worker script', () => expect(shellcheck(worker)).toBe(''));
  test('EKS source/destination-check script', () => expect(shellcheck(SOURCE_DEST_CHECK_OFF_SCRIPT)).toBe(''));
  test('shellcheck really runs: it flags an unquoted variable', () => expect(shellcheck('#!/bin/bash\nrm $1\n')).toMatch(/SC2086/));
});

test('EKS node user data: nodeadm NodeConfig with maxPods; the source/dest script only when asked', () => {
  const plain = eksNodeUserData({ maxPods: 29, disableSourceDestCheck: false });
  expect(plain).toContain('Content-Type: application/node.eks.aws');
  expect(plain).toContain('kind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: 29\n');
  expect(plain).not.toContain('modify-instance-attribute');
  expect(eksNodeUserData({ maxPods: 110, disableSourceDestCheck: true })).toContain('--no-source-dest-check');
});
