/** Switching CNI: the old CNI's objects deleted in a safe order, and the node cleanup script (shellcheck-clean). */
import { synthObjects } from '../../src/synth';
import { resolveClusterNetwork } from '../../src/spec/validate';
import { deletionOrder, nodeCleanupScript, NODE_CLEANUP, teardownScript } from '../../src/teardown';
import { cli, writeSpec } from '../support/cli';
import { loadExample } from '../support/examples';
import { describeWithShellcheck, shellcheck } from '../support/shellcheck';

const calico = resolveClusterNetwork(loadExample('calico-vxlan.yaml'));
const flannel = resolveClusterNetwork(loadExample('flannel-vxlan.yaml'));

describe('teardown: every object, custom resources first, CRDs last', () => {
  test('calico: deletes exactly the synthesized objects, IPPools before workloads before RBAC before CRDs', () => {
    const objs = synthObjects(calico);
    const ordered = deletionOrder(objs);
    expect(ordered.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(objs.map((o) => `${o.kind}/${o.metadata.name}`).sort());
    const pos = (kind: string, name?: string) => ordered.findIndex((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
    expect(pos('IPPool', 'workloads')).toBeLessThan(pos('DaemonSet', 'calico-node'));
    expect(pos('DaemonSet', 'calico-node')).toBeLessThan(pos('ClusterRole', 'calico-node'));
    expect(pos('ClusterRole', 'calico-node')).toBeLessThan(pos('CustomResourceDefinition'));
    expect(Math.max(...ordered.map((o, i) => (o.kind === 'CustomResourceDefinition' ? -1 : i)))).toBeLessThan(pos('CustomResourceDefinition'));
    const script = teardownScript(calico);
    expect(script).toContain('kubectl delete --ignore-not-found ippool.crd.projectcalico.org/workloads\n');
    expect(script).toContain('kubectl delete --ignore-not-found daemonset.apps/calico-node -n kube-system\n');
    // every object but the shared policy.networking.k8s.io CRD, which is kept
    expect(script.trimEnd().split('\n').filter((l) => l.startsWith('kubectl delete'))).toHaveLength(objs.length - 1);
  });

  test('custom resources are matched by group and kind: a built-in NetworkPolicy is not one of Calico\'s', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'networkpolicies.crd.projectcalico.org' }, spec: { group: 'crd.projectcalico.org', names: { kind: 'NetworkPolicy' } } };
    const builtin = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'k8s', namespace: 'x' } };
    const custom = { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'calico', namespace: 'x' } };
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } };
    expect(deletionOrder([crd, role, custom, builtin]).map((o) => `${o.apiVersion} ${o.metadata.name}`)).toEqual([
      'crd.projectcalico.org/v1 calico',
      'networking.k8s.io/v1 k8s',
      'rbac.authorization.k8s.io/v1 r',
      'apiextensions.k8s.io/v1 networkpolicies.crd.projectcalico.org',
    ]);
  });

  test('flannel: its own namespace goes last; system namespaces are never deleted', () => {
    const script = teardownScript(flannel).trimEnd().split('\n');
    expect(script[script.length - 1]).toBe('kubectl delete --ignore-not-found namespace/kube-flannel');
    const withSystem = deletionOrder([...synthObjects(flannel), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } }]);
    expect(withSystem.some((o) => o.metadata.name === 'kube-system')).toBe(false);
  });

  test('cdk8s-cni teardown / node-cleanup print the scripts; an invalid spec fails with its path', () => {
    const path = writeSpec(loadExample('calico-vxlan.yaml'));
    expect(cli('teardown', path)).toEqual({ code: 0, stdout: teardownScript(calico), stderr: '' });
    expect(cli('node-cleanup', path)).toEqual({ code: 0, stdout: nodeCleanupScript(calico), stderr: '' });
    const bad = cli('teardown', writeSpec({ ...loadExample('calico-vxlan.yaml'), kind: 'Nope' }));
    expect(bad.code).toBe(1);
    expect(bad.stderr.startsWith('kind: ')).toBe(true);
  });
});

describe('node cleanup', () => {
  test('calico: CNI config, binaries, tunnel and workload interfaces, state, cali- chains', () => {
    const s = nodeCleanupScript(calico);
    expect(s).toContain('rm -f /etc/cni/net.d/10-calico.conflist /etc/cni/net.d/calico-kubeconfig\n');
    expect(s).toContain('rm -f /opt/cni/bin/calico /opt/cni/bin/calico-ipam\n');
    expect(s).toContain('if ip link show tunl0 >/dev/null 2>&1; then ip link delete tunl0; fi\nif ip link show vxlan.calico >/dev/null 2>&1; then ip link delete vxlan.calico; fi\n');
    expect(s).toContain("grep -E '^(cali)'");
    expect(s).toContain('rm -rf /var/lib/calico');
    // Chain by chain: jumps into cali- chains deleted, then the cali- chains flushed and deleted; tables never rewritten.
    expect(s).toContain("grep -E '^-A [^ ]+ .*-[jg] (cali-)' | grep -vE '^-A (cali-)' | sed 's/^-A /-D /'");
    expect(s).toContain("awk '$1 == \"-N\" {print $2}' | grep -E '^(cali-)'");
    expect(s).toContain('for chain in $chains; do "$ipt" -t "$table" -F "$chain" || true; done\n    for chain in $chains; do "$ipt" -t "$table" -X "$chain" || true; done');
    expect(s).not.toMatch(/iptables-save|iptables-restore/);
  });

  test('canal: one alternation of both prefixes', () => {
    expect(nodeCleanupScript(resolveClusterNetwork(loadExample('canal.yaml')))).toContain("grep -E '^(cali-|FLANNEL)'");
  });

  test('every CNI with node state names a conflist (the stale-config trap after a swap)', () => {
    for (const [type, c] of Object.entries(NODE_CLEANUP)) expect([type, c.cniConfigFiles.some((f) => /\.conflist$/.test(f))]).toEqual([type, true]);
    expect(NODE_CLEANUP.weave).toMatchObject({ cniConfigFiles: ['10-weave.conflist'], stateDirs: ['/var/lib/weave'], iptablesChainPrefixes: ['WEAVE'] });
  });

  test('CNIs without node state get a script that says so', () => {
    const aws = resolveClusterNetwork(loadExample('eks-prefix-delegation.yaml'));
    expect(nodeCleanupScript(aws)).toBe('#!/bin/sh\n# aws-vpc-cni keeps no known state on the nodes beyond its API objects; nothing to clean.\n');
  });
});

describeWithShellcheck('shellcheck finds nothing in the generated scripts', () => {
  test.each(['calico-vxlan.yaml', 'flannel-vxlan.yaml', 'canal.yaml'])('%s', (example) => {
    const n = resolveClusterNetwork(loadExample(example));
    expect(shellcheck(teardownScript(n))).toBe('');
    expect(shellcheck(nodeCleanupScript(n))).toBe('');
  });
});
