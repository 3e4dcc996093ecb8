/** Switching CNI: the old CNI's objects deleted in a safe order, and the node cleanup script (shellcheck-clean). */
import { VERSIONS } from '../../src/cni/common/versions';
import { synthObjects } from '../../src/synth';
import { resolveClusterNetwork } from '../../src/spec/validate';
import { deletionOrder, nodeCleanupScript, NODE_CLEANUP, teardownScript } from '../../src/teardown';
import { cli, writeSpec } from '../support/cli';
import { loadExample } from '../support/examples';
import { describeWithShellcheck, shellcheck } from '../support/shellcheck';

const calico = resolveClusterNetwork(loadExample('calico-vxlan.yaml'));
const flannel = resolveClusterNetwork(loadExample('flannel-vxlan.yaml'));

describe('teardown: every object, workloads first, CRDs last', () => {
  test('calico: deletes exactly the synthesized objects, workloads before IPPools before RBAC before CRDs', () => {
    const objs = synthObjects(calico);
    const ordered = deletionOrder(objs);
    expect(ordered.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(objs.map((o) => `${o.kind}/${o.metadata.name}`).sort());
    const pos = (kind: string, name?: string) => ordered.findIndex((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
    // Felix must be gone before its IPPools / FelixConfiguration are (projectcalico/calico#3672).
    expect(pos('DaemonSet', 'calico-node')).toBeLessThan(pos('IPPool', 'workloads'));
    expect(pos('Deployment', 'calico-kube-controllers')).toBeLessThan(pos('IPPool', 'workloads'));
    expect(pos('IPPool', 'workloads')).toBeLessThan(pos('ClusterRole', 'calico-node'));
    expect(pos('ClusterRole', 'calico-node')).toBeLessThan(pos('CustomResourceDefinition'));
    expect(Math.max(...ordered.map((o, i) => (o.kind === 'CustomResourceDefinition' ? -1 : i)))).toBeLessThan(pos('CustomResourceDefinition'));
    const script = teardownScript(calico);
    const ippool = 'if kubectl get crd ippools.crd.projectcalico.org >/dev/null 2>&1; then kubectl delete --ignore-not-found ippool.crd.projectcalico.org/workloads; fi\n';
    expect(script).toContain(ippool);
    expect(script).toContain('kubectl delete --ignore-not-found daemonset.apps/calico-node -n kube-system\n');
    // the script waits for calico-node's pods to go before the first custom resource is deleted
    const wait = 'for _ in $(seq 150); do [ -z "$(kubectl get pods -n kube-system -l k8s-app=calico-node -o name)" ] && break; sleep 2; done\n';
    expect(script).toContain(wait);
    expect(script.indexOf('daemonset.apps/calico-node')).toBeLessThan(script.indexOf(wait));
    expect(script.indexOf(wait)).toBeLessThan(script.indexOf(ippool));
    expect(script).toContain('if [ -n "$(kubectl get pods -n kube-system -l k8s-app=calico-node -o name)" ]; then echo');
    // every object but the shared policy.networking.k8s.io CRD, which is kept
    expect(script.trimEnd().split('\n').filter((l) => /^(if kubectl get crd [^ ]+ >\/dev\/null 2>&1; then )?kubectl delete/.test(l))).toHaveLength(objs.length - 1);
  });

  test('custom resources are matched by group and kind: a built-in NetworkPolicy is not one of Calico\'s', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'networkpolicies.crd.projectcalico.org' }, spec: { group: 'crd.projectcalico.org', names: { kind: 'NetworkPolicy' } } };
    const builtin = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'k8s', namespace: 'x' } };
    const custom = { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'calico', namespace: 'x' } };
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } };
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'x' } };
    const hook = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' } };
    // webhooks (served by the agent's pods) first, then the workloads, then what they read
    expect(deletionOrder([crd, role, custom, builtin, ds, hook]).map((o) => `${o.apiVersion} ${o.metadata.name}`)).toEqual([
      'admissionregistration.k8s.io/v1 v',
      'apps/v1 agent',
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

  test('the header names what goes: "and Multus" only when the spec has Multus', () => {
    expect(teardownScript(flannel).split('\n')[1]).toBe('# Removes the CNI of ClusterNetwork flannel-vxlan (flannel) from the current kubectl context.');
    const multus = resolveClusterNetwork(loadExample('multus-storage-macvlan.yaml'));
    expect(teardownScript(multus).split('\n')[1]).toMatch(/^# Removes the primary CNI and Multus of ClusterNetwork .* \+ Multus\)/);
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

  test("cilium: upstream's post-uninstall-cleanup from the spec's agent image via ctr; /var/run/cilium (holding the cgroup2 mount) never rm'd", () => {
    const cilium = resolveClusterNetwork(loadExample('cilium-overlay.yaml'));
    const s = nodeCleanupScript(cilium);
    const agent = VERSIONS.cilium.images.agent;
    expect(s).toContain(`image=${agent.image}@${agent.digest}\nif command -v ctr >/dev/null 2>&1 && ctr images pull "$image" >/dev/null; then\n`);
    expect(s).toContain(
      '  ctr run --rm --privileged --net-host --mount type=bind,src=/sys/fs/bpf,dst=/sys/fs/bpf,options=rbind:rw --mount type=bind,src=/run/cilium/cgroupv2,dst=/run/cilium/cgroupv2,options=rbind:rw',
    );
    expect(s).toContain('"$image" cilium-cleanup cilium-dbg post-uninstall-cleanup -f --all-state || echo');
    expect(s).toMatch(/else\n  echo 'ctr is not available[^\n]*reboot the node[^\n]*' >&2\nfi\n/);
    expect(s).not.toMatch(/rm -rf[^\n]*(\/var\/run\/cilium|\/sys\/fs\/bpf)/);
    // upstream's cleanup runs first; the generic steps follow in case it could not
    expect(s.indexOf('post-uninstall-cleanup')).toBeLessThan(s.indexOf('rm -f /etc/cni/net.d/05-cilium.conflist'));
    // the image is the synthesized one: a registry override reaches the cleanup too
    const mirrored = resolveClusterNetwork({ ...loadExample('cilium-overlay.yaml'), spec: { ...(loadExample('cilium-overlay.yaml').spec as object), cni: { ...((loadExample('cilium-overlay.yaml').spec as { cni: object }).cni), imageRegistry: 'mirror.example.com' } } });
    expect(nodeCleanupScript(mirrored)).toContain('image=mirror.example.com/cilium/cilium:');
  });

  test("weave: the plugin glob is left unquoted so the shell expands it (a quoted '/opt/cni/bin/weave-plugin-*' never matches)", () => {
    const weave = resolveClusterNetwork(loadExample('weave.yaml'));
    const s = nodeCleanupScript(weave);
    expect(s).toContain('rm -f /opt/cni/bin/weave-net /opt/cni/bin/weave-ipam /opt/cni/bin/weave-plugin-*\n');
    expect(s).not.toContain("'/opt/cni/bin/weave-plugin-*'");
    expect(s).toContain('# `/home/weave/weave --local reset`)');
    expect(nodeCleanupScript(resolveClusterNetwork(loadExample('antrea.yaml')))).toContain('`ovs-dpctl del-dp ovs-system` from the antrea-ovs image');
    expect(shellcheck(s)).toBe('');
  });

  test('CNIs without node state get a script that says so', () => {
    const aws = resolveClusterNetwork(loadExample('eks-prefix-delegation.yaml'));
    expect(nodeCleanupScript(aws)).toBe('#!/bin/sh\n# aws-vpc-cni keeps no known state on the nodes beyond its API objects; nothing to clean.\n');
  });
});

describeWithShellcheck('shellcheck finds nothing in the generated scripts', () => {
  test.each(['calico-vxlan.yaml', 'flannel-vxlan.yaml', 'canal.yaml', 'cilium-overlay.yaml'])('%s', (example) => {
    const n = resolveClusterNetwork(loadExample(example));
    expect(shellcheck(teardownScript(n))).toBe('');
    expect(shellcheck(nodeCleanupScript(n))).toBe('');
  });
});
