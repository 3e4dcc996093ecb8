/**
 * `cdk8s-cni migrate FROM TO`: runbooks for Weave -> Calico, Flannel -> Cilium, Calico -> Cilium and a primary change
 * under Multus. Asserted: the order of the steps and of the per-node commands, what is never deleted (the
 * NetworkAttachmentDefinition CRD, policy.networking.k8s.io, Multus when only the primary changes), the synth output
 * paths, shellcheck on every block, reproducibility, and the refusals (exit 1, path: message).
 */
import { spawnSync } from 'node:child_process';
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
  // tunnelPort 8473: Flannel's VXLAN already uses 8472 during the migration (migrate/tunnel-port-clash)
  cilium: specWith({ cni: { type: 'cilium', tunnelPort: 8473 } }),
  'cilium-8472': specWith({ cni: { type: 'cilium' } }),
  'flannel-multus': specWith({ cni: { type: 'flannel' }, multus: { mode: 'thick', networks: [STORAGE] } }),
  'cilium-multus': specWith({ cni: { type: 'cilium', tunnelPort: 8473 }, multus: { mode: 'thick', networks: [STORAGE] } }),
  'cilium-kpr': specWith({ cni: { type: 'cilium', tunnelPort: 8473, kubeProxyReplacement: true, k8sServiceHost: '192.168.0.10', k8sServicePort: 6443 } }),
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

  test('the node loop stops on the first failure with break, never exit (the blocks are pasted into a shell), and its check sees the cordoned node', () => {
    const md = runbook('weave', 'calico');
    const loop = blocks(md).find((b) => b.startsWith('for node in'))!;
    expect(loop).not.toMatch(/\bexit\b/);
    expect(loop).toContain('  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=10m || { echo "$node: drain failed; stopping (the node stays cordoned)" >&2; break; }\n');
    expect(loop).toContain('  ssh "$node" sudo sh -s < cni-migration/node-cleanup-weave.sh || { echo "$node: node cleanup failed; stopping');
    expect(loop).toContain('*) echo "$node: first CNI config is $first; stopping (the node stays cordoned)" >&2; break ;; esac');
    expect(md).toContain('test -z "$(kubectl get nodes --field-selector spec.unschedulable=true -o name)"');
    // no block of any runbook exits the user's shell
    for (const [from, to] of PAIRS) for (const b of blocks(runbook(from, to))) expect(b).not.toMatch(/\bexit\b/);
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

describe("to Cilium: its operator leaves the old CNI's pods alone until every node is migrated", () => {
  test('the manifest is applied with unmanaged-pod-watcher-interval "0" (the sed works on the real synth output) and the last step restores it', () => {
    const md = runbook('flannel', 'cilium');
    const sed = blocks(md)[0].split('\n').find((l) => l.startsWith('sed -i'))!;
    expect(sed).toBe(`sed -i 's/^  unmanaged-pod-watcher-interval: 15s$/  unmanaged-pod-watcher-interval: "0"/' cni-migration/manifests/flannel-to-cilium.k8s.yaml`.replace('flannel-to-cilium', sed.split('/').pop()!.replace('.k8s.yaml', '')));
    expect(md).toContain('operator.unmanagedPodWatcher.restart=false');
    expect(md).toContain('https://docs.cilium.io/en/stable/installation/k8s-install-migration/');
    // run the runbook's sed on what synth writes: the applied ConfigMap has the watcher off
    const dir = tempDir();
    synthToDirectory(resolveClusterNetwork(DOCS.cilium), join(dir, 'cni-migration/manifests'));
    expect(spawnSync('sh', ['-c', sed], { cwd: dir }).status).toBe(0);
    const docs = readFileSync(join(dir, sed.split(' ').pop()!), 'utf8').split(/^---$/m).map((d) => parse(d) as Json | null);
    const cm = docs.find((d) => d?.kind === 'ConfigMap' && (d.metadata as Json).name === 'cilium-config')!;
    expect((cm.data as Json)['unmanaged-pod-watcher-interval']).toBe('0');
    // restored after the node loop, before verification
    const h = headings(md);
    expect(h.indexOf("Turn cilium's unmanaged-pod watcher back on")).toBe(h.findIndex((x) => x.startsWith('Migrate node by node')) + 1);
    expect(md).toContain(`kubectl -n kube-system patch configmap cilium-config --type merge -p '{"data":{"unmanaged-pod-watcher-interval":"15s"}}'\nkubectl -n kube-system rollout restart deployment/cilium-operator\n`);
    expect(runbook('weave', 'calico')).not.toContain('unmanaged-pod-watcher');
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
  test('a changed pod range with a new CNI that has its own IPAM: kube-proxy follows, the controller manager and Nodes do not', () => {
    const md = runbook('weave-own-range', 'calico');
    const h = headings(md);
    expect(h[1]).toBe('Move the pod range from 10.32.0.0/12 to 10.244.0.0/16 (calico allocates it)');
    // never touched: changing --cluster-cidr under Nodes with old podCIDRs crash-loops it (kubernetes/kubernetes#75461)
    expect(md).not.toMatch(/cluster-cidr=|kube-controller-manager\.yaml|podSubnet: 10\.244|kubectl delete node/);
    expect(md).toContain('kubernetes/kubernetes#75461');
    expect(md).toContain("sed 's#clusterCIDR: 10.32.0.0/12#clusterCIDR: 10.244.0.0/16#' | kubectl apply -f -");
    expect(md).toContain('kubectl -n kube-system rollout restart daemonset/kube-proxy');
  });

  test('a changed pod range with a new CNI that reads Node podCIDRs is refused (exit 1, to.spec.pods.cidrs)', () => {
    expect(() => runbook('weave-own-range', 'flannel')).toThrow(/to\.spec\.pods\.cidrs: the pod range changes \(10\.32\.0\.0\/12 -> 10\.244\.0\.0\/16\) and flannel takes each node's pod range from Node\.spec\.podCIDRs/);
    const r = cli('migrate', writeSpec(DOCS['weave-own-range']), writeSpec(DOCS.flannel));
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toContain('to.spec.pods.cidrs: the pod range changes (10.32.0.0/12 -> 10.244.0.0/16)');
    expect(r.stderr).toContain('kubernetes/kubernetes#75461');
    expect(r.stderr).toContain('allowed: the old spec\'s pods.cidrs 10.32.0.0/12');
  });

  test('kube-proxy: removed (and cleaned per node) when the new CNI replaces it, reinstalled when the old one did', () => {
    const out = runbook('flannel', 'cilium-kpr');
    const h = headings(out);
    expect(h.indexOf('Remove kube-proxy (cilium serves Services in its place)')).toBeLessThan(h.indexOf('Apply cilium'));
    expect(out).toContain('  ssh "$node" sudo ctr run --rm --privileged --net-host --mount type=bind,src=/lib/modules,dst=/lib/modules,options=rbind:ro "$image" kube-proxy-cleanup kube-proxy --cleanup || { echo "$node: kube-proxy --cleanup failed; stopping (the node stays cordoned)" >&2; break; }\n');
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
    ['flannel', 'cilium-8472', "to.spec.cni.tunnelPort: cilium's overlay uses UDP port 8472, as flannel's does"],
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
  const pairs: (readonly [string, string])[] = [...PAIRS, ['weave-own-range', 'calico'], ['flannel', 'cilium-kpr'], ['kube-router-proxy', 'calico']];
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
