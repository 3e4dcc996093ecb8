/**
 * `cdk8s-cni migrate FROM TO`: runbooks for Weave -> Calico, Flannel -> Cilium, Calico -> Cilium and a primary change
 * under Multus. Asserted: the order of the steps and of the per-node commands, what is never deleted (the
 * NetworkAttachmentDefinition CRD, policy.networking.k8s.io, Multus when only the primary changes), the synth output
 * paths, shellcheck on every block, reproducibility, and the refusals (exit 1, path: message).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { migrationRunbook, type MigrationSpec } from '../../src/migrate';
import { resolveClusterNetwork } from '../../src/spec/validate';
import { synthToDirectory } from '../../src/synth';
import { cli, tempDir, writeSpec } from '../support/cli';
import { describeWithShellcheck, shellcheck } from '../support/shellcheck';
import { specWith } from '../rules/support';
import { loadExample } from '../support/examples';

type Json = Record<string, unknown>;
const STORAGE = { name: 'storage', namespace: 'default', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '192.168.10.0/24' } };
const DOCS: Record<string, Json> = {
  weave: specWith({ cni: { type: 'weave' } }),
  calico: specWith({ cni: { type: 'calico' } }),
  flannel: specWith({ cni: { type: 'flannel' } }),
  cilium: specWith({ cni: { type: 'cilium' } }),
  'flannel-multus': specWith({ cni: { type: 'flannel' }, multus: { mode: 'thick', networks: [STORAGE] } }),
  'cilium-multus': specWith({ cni: { type: 'cilium' }, multus: { mode: 'thick', networks: [STORAGE] } }),
  'cilium-kpr': specWith({ cni: { type: 'cilium', kubeProxyReplacement: true, k8sServiceHost: '192.168.0.10', k8sServicePort: 6443 } }),
  'kube-router-proxy': specWith({ cni: { type: 'kube-router', runServiceProxy: true, k8sServiceHost: '192.168.0.10', k8sServicePort: 6443 } }),
  'weave-own-range': specWith({ pods: { cidrs: ['10.32.0.0/12'] }, cni: { type: 'weave' } }),
  eks: specWith({ pods: { cidrs: ['10.0.0.0/16'] }, nodes: { cidrs: ['10.0.0.0/16'] }, cni: { type: 'aws-vpc-cni' } }),
};
const spec = (name: string): MigrationSpec => ({ path: `${name}.yaml`, network: resolveClusterNetwork(DOCS[name]) });
const runbook = (from: string, to: string) => migrationRunbook(spec(from), spec(to));

const PAIRS = [
  ['weave', 'calico'],
  ['flannel', 'cilium'],
  ['calico', 'cilium'],
  ['flannel-multus', 'cilium-multus'],
] as const;

/** The shell blocks of a runbook. */
function blocks(md: string): string[] {
  return [...md.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}
const headings = (md: string) => [...md.matchAll(/^## \d+\. (.*)$/gm)].map((m) => m[1]);

describe('runbooks for the four migrations', () => {
  test.each(PAIRS)('%s -> %s (snapshot; reproducible)', (from, to) => {
    const md = runbook(from, to);
    expect(md).toMatchSnapshot();
    expect(runbook(from, to)).toBe(md);
  });

  test.each(PAIRS)('%s -> %s: steps in order (prepare, CRDs, remove old, apply new, nodes, verify)', (from, to) => {
    const h = headings(runbook(from, to));
    const at = (re: RegExp) => h.findIndex((x) => re.test(x));
    expect(at(/^Prepare/)).toBe(0);
    expect(at(/^Remove .*'s API objects/)).toBeGreaterThan(at(/^Prepare/));
    if (to === 'calico') expect(at(/^Apply calico's CRDs/)).toBeLessThan(at(/^Remove/));
    expect(at(/^Apply (calico|cilium)$/)).toBeGreaterThan(at(/^Remove/));
    expect(at(/^Migrate node by node/)).toBeGreaterThan(at(/^Apply (calico|cilium)$/));
    expect(at(/^Verify/)).toBe(h.length - 1);
  });

  test('per node: cordon, drain, clean, restart the new agent, wait, check the CNI config, recreate pods, uncordon', () => {
    const loop = blocks(runbook('weave', 'calico')).find((b) => b.startsWith('for node in'))!;
    const order = ['kubectl cordon', 'kubectl drain', 'sudo sh -s < cni-migration/node-cleanup-weave.sh', 'delete pod -l k8s-app=calico-node', '--for=condition=Ready', 'test -f /etc/cni/net.d/10-calico.conflist', "awk '$3 != \"true\"", 'kubectl uncordon'];
    const positions = order.map((s) => loop.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  test('the synth output paths in the runbook are the files synth writes', () => {
    for (const to of ['calico', 'cilium', 'cilium-multus']) {
      const files = synthToDirectory(resolveClusterNetwork(DOCS[to]), tempDir()).map((f) => f.split('/').pop());
      const md = runbook(to === 'calico' ? 'weave' : 'flannel', to);
      for (const f of files) expect(md).toContain(`cni-migration/manifests/${f}`);
      expect([...md.matchAll(/cni-migration\/manifests\/([^\s']+\.k8s\.yaml)/g)].map((m) => m[1]).every((f) => files.includes(f))).toBe(true);
    }
  });

  test('pods and checks: agents ready per node, rollout status, pod-to-pod and pod-to-Service probes', () => {
    const md = runbook('flannel', 'cilium');
    expect(md).toContain('kubectl -n kube-system rollout status daemonset/cilium --timeout=10m');
    expect(md).toContain('kubectl -n kube-system wait pod -l k8s-app=cilium --field-selector spec.nodeName="$node" --for=condition=Ready');
    expect(md).toContain('/agnhost connect --timeout=5s "$target"');
    expect(md).toContain('/agnhost connect --timeout=5s echo.cni-migration-check.svc:8080');
    expect(md).toContain('- Pod range: 10.244.0.0/16 (equal in both specs).');
    expect(md).not.toContain('pod range from');
  });
});

describe('what is never deleted', () => {
  /** Runs the teardown command the runbook's prepare step prints, with the spec files written to disk. */
  function runbookTeardown(from: string, to: string): string {
    const md = runbook(from, to);
    const line = blocks(md)[0].split('\n').find((l) => l.startsWith('cdk8s-cni teardown'))!;
    const args = line.replace(/ > .*$/, '').split(' ').slice(1);
    const paths: Record<string, string> = { [`${from}.yaml`]: writeSpec(DOCS[from]), [`${to}.yaml`]: writeSpec(DOCS[to]) };
    const r = cli(...args.map((a) => paths[a] ?? a));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    return r.stdout;
  }
  const deleted = (script: string) => script.split('\n').filter((l) => l.startsWith('kubectl delete'));

  test('calico -> cilium: the policy.networking.k8s.io CRD stays; Calico\'s own CRDs go', () => {
    const s = deleted(runbookTeardown('calico', 'cilium'));
    expect(s.filter((l) => l.includes('policy.networking.k8s.io'))).toEqual([]);
    expect(s).toContain('kubectl delete --ignore-not-found customresourcedefinition.apiextensions.k8s.io/ippools.crd.projectcalico.org');
    expect(runbook('calico', 'cilium')).toContain('- `customresourcedefinition/clusternetworkpolicies.policy.networking.k8s.io`: shared:');
  });

  test('primary change under Multus: no Multus object and no NetworkAttachmentDefinition CRD is deleted', () => {
    const s = deleted(runbookTeardown('flannel-multus', 'cilium-multus'));
    expect(s.length).toBeGreaterThan(0);
    expect(s.filter((l) => /multus|network-attachment|networkattachmentdefinition|k8s\.cni\.cncf\.io/.test(l))).toEqual([]);
    const md = runbook('flannel-multus', 'cilium-multus');
    expect(md).toContain('--scope primary');
    expect(md).toContain('- Multus: DaemonSet `kube-system/kube-multus-ds`, its NetworkAttachmentDefinitions and the NetworkAttachmentDefinition CRD');
    // the runbook checks the Multus DaemonSet and the NAD CRD are still there after the old CNI is removed
    expect(md).toContain('kubectl -n kube-system get daemonset kube-multus-ds\nkubectl get crd network-attachment-definitions.k8s.cni.cncf.io\n');
    expect(md).toContain('kubectl -n kube-system delete pod -l name=multus --field-selector spec.nodeName="$node"');
  });

  test('weave -> calico deletes Weave only: nothing of the new spec, nothing outside the old one', () => {
    const s = deleted(runbookTeardown('weave', 'calico'));
    expect(s.every((l) => /weave/.test(l))).toBe(true);
  });
});

describe('what changes besides the CNI', () => {
  test('a changed pod range adds the kubeadm range step; a node-cidr CNI re-registers each Node', () => {
    const md = runbook('weave-own-range', 'flannel');
    const h = headings(md);
    expect(h[1]).toBe("Move the cluster's pod range from 10.32.0.0/12 to 10.244.0.0/16 (kubeadm)");
    expect(md).toContain("sudo sed -i 's#--cluster-cidr=10.32.0.0/12#--cluster-cidr=10.244.0.0/16#' /etc/kubernetes/manifests/kube-controller-manager.yaml");
    expect(md).toContain('  kubectl delete node "$node"\n  ssh "$node" sudo systemctl restart kubelet\n');
    expect(runbook('weave-own-range', 'calico')).not.toContain('kubectl delete node');
  });

  test('kube-proxy: removed (and cleaned per node) when the new CNI replaces it, reinstalled when the old one did', () => {
    const out = runbook('flannel', 'cilium-kpr');
    const h = headings(out);
    expect(h.indexOf('Remove kube-proxy (cilium serves Services in its place)')).toBeLessThan(h.indexOf('Apply cilium'));
    expect(out).toContain('kube-proxy-cleanup kube-proxy --cleanup');
    const back = headings(runbook('kube-router-proxy', 'calico'));
    expect(back.indexOf('Reinstall kube-proxy (kube-router served Services, calico does not)')).toBeGreaterThan(back.findIndex((x) => x.startsWith('Remove kube-router')));
    expect(back.indexOf('Reinstall kube-proxy (kube-router served Services, calico does not)')).toBeLessThan(back.indexOf('Apply calico'));
  });
});

describe('refusals: exit 1 with path: message', () => {
  test.each([
    ['eks', 'calico', 'from.spec.cni.type: aws-vpc-cni is a cloud-managed CNI (the old spec): it cannot be swapped in place'],
    ['calico', 'eks', 'to.spec.cni.type: aws-vpc-cni is a cloud-managed CNI (the new spec)'],
    ['flannel', 'flannel', 'to.spec.cni.type: both specs use flannel: this is an update of the same CNI, not a migration'],
  ])('%s -> %s', (from, to, message) => {
    const r = cli('migrate', writeSpec(DOCS[from]), writeSpec(DOCS[to]));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  test('a changed Service range or IP family is refused, each named', () => {
    const r = cli('migrate', writeSpec(loadExample('flannel-dual-stack.yaml')), writeSpec(specWith({ services: { cidrs: ['10.100.0.0/16'] }, cni: { type: 'calico' } })));
    expect(r.code).toBe(1);
    const paths = r.stderr.split('\n').filter(Boolean).map((l) => l.split(': ')[0]);
    expect(paths).toEqual(['to.spec.services.cidrs', 'to.spec.ipFamilies']);
    expect(r.stderr).toContain('to.spec.ipFamilies: the IP families change (IPv4,IPv6 -> IPv4)');
  });

  test('an invalid spec fails with its own path; the CLI prints the same runbook as the library', () => {
    const bad = cli('migrate', writeSpec({ ...DOCS.weave, kind: 'Nope' }), writeSpec(DOCS.calico));
    expect(bad.code).toBe(1);
    expect(bad.stderr.startsWith('kind: ')).toBe(true);
    const [from, to] = [writeSpec(DOCS.weave), writeSpec(DOCS.calico)];
    expect(cli('migrate', from, to)).toEqual({ code: 0, stdout: migrationRunbook({ path: from, network: resolveClusterNetwork(DOCS.weave) }, { path: to, network: resolveClusterNetwork(DOCS.calico) }), stderr: '' });
  });
});

describeWithShellcheck('shellcheck finds nothing in any block', () => {
  const pairs: (readonly [string, string])[] = [...PAIRS, ['weave-own-range', 'flannel'], ['flannel', 'cilium-kpr'], ['kube-router-proxy', 'calico']];
  test.each(pairs)('%s -> %s', (from, to) => {
    for (const b of blocks(runbook(from, to))) expect(shellcheck(`#!/bin/sh\n${b}`)).toBe('');
  });
});

describe('docs/migration.md worked example', () => {
  test('every line it shows is in the runbook the tool prints for its specs', () => {
    const doc = readFileSync(join(__dirname, '../../docs/migration.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
    const weave = parse(yaml) as Json;
    const calico = parse(yaml.replace('type: weave', 'type: calico')) as Json;
    const md = migrationRunbook({ path: 'weave-lab.yaml', network: resolveClusterNetwork(weave) }, { path: 'calico-lab.yaml', network: resolveClusterNetwork(calico) });
    const shown = /````markdown\n([\s\S]*?)````/.exec(doc)![1].split('\n').filter((l) => l.trim() !== '' && !l.startsWith('```') && !l.includes('…') && l !== 'Check:');
    expect(shown.length).toBeGreaterThan(20);
    for (const line of shown) expect([line, md.includes(line)]).toEqual([line, true]);
  });
});
