/**
 * Teardown and node cleanup that lose nothing: scopes (primary CNI, Multus, everything), shared CRDs kept unless asked
 * for (and then what they hold listed first), CRDs of components that stay kept, Multus's and kube-router's node
 * state, shellcheck-clean and idempotent scripts (run twice on a fake host: the second run changes nothing).
 */
import { resolveClusterNetwork } from '../../src/spec/validate';
import { crdRefs, MULTUS_NODE_CLEANUP, nodeCleanupScript, NODE_CLEANUP, scopedObjects, teardownPlan, teardownScript, TEARDOWN_SCOPES } from '../../src/teardown';
import { synthObjects } from '../../src/synth';
import { cli, writeSpec } from '../support/cli';
import { loadExample } from '../support/examples';
import { describeWithShellcheck, shellcheck } from '../support/shellcheck';
import { fakeHost } from './fake-host';
import { specWith } from '../rules/support';

const NAD_CRD = 'customresourcedefinition.apiextensions.k8s.io/network-attachment-definitions.k8s.cni.cncf.io';
const POLICY_CRD = 'customresourcedefinition.apiextensions.k8s.io/clusternetworkpolicies.policy.networking.k8s.io';
const multus = resolveClusterNetwork(loadExample('multus-storage-macvlan.yaml'));
const calico = resolveClusterNetwork(loadExample('calico-vxlan.yaml'));
const kubeRouterProxy = resolveClusterNetwork(loadExample('kube-router-service-proxy.yaml'));
const deletes = (script: string) => script.split('\n').filter((l) => l.startsWith('kubectl delete'));

describe('teardown keeps what it does not own', () => {
  test('the NetworkAttachmentDefinition CRD is kept in every scope, with the reason', () => {
    for (const scope of TEARDOWN_SCOPES) {
      const s = teardownScript(multus, { scope });
      expect(s).not.toContain(NAD_CRD);
      if (scope !== 'primary') expect(s).toContain('# kept: customresourcedefinition/network-attachment-definitions.k8s.cni.cncf.io (shared: the Network Plumbing Working Group API');
    }
  });

  test("calico keeps the shared policy.networking.k8s.io CRD and deletes its own crd.projectcalico.org CRDs", () => {
    const s = teardownScript(calico);
    expect(s).not.toContain(POLICY_CRD);
    expect(s).toContain('# kept: customresourcedefinition/clusternetworkpolicies.policy.networking.k8s.io (shared: the SIG Network policy API');
    expect(s).toContain('kubectl delete --ignore-not-found customresourcedefinition.apiextensions.k8s.io/ippools.crd.projectcalico.org\n');
  });

  test('--delete-shared-crds deletes them, after listing every object of their kinds', () => {
    const s = teardownScript(multus, { scope: 'multus', deleteSharedCrds: true });
    const list = s.indexOf('kubectl get network-attachment-definitions.k8s.cni.cncf.io -A --ignore-not-found 2>/dev/null || true\n');
    expect(list).toBeGreaterThan(0);
    expect(list).toBeLessThan(s.indexOf('kubectl delete'));
    expect(deletes(s)[deletes(s).length - 1]).toBe(`kubectl delete --ignore-not-found ${NAD_CRD}`);
    expect(teardownScript(calico, { deleteSharedCrds: true })).toContain(`kubectl delete --ignore-not-found ${POLICY_CRD}\n`);
  });

  test('scopes split the spec: primary and Multus objects are disjoint and together are everything', () => {
    const key = (o: { kind: string; metadata: { name: string; namespace?: string } }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const primary = scopedObjects(multus, 'primary').map(key);
    const m = scopedObjects(multus, 'multus').map(key);
    expect(primary.filter((k) => m.includes(k))).toEqual([]);
    expect([...primary, ...m].sort()).toEqual(synthObjects(multus).map(key).sort());
    expect(m).toEqual(expect.arrayContaining(['DaemonSet/kube-system/kube-multus-ds', 'NetworkAttachmentDefinition/telco/mgmt']));
    expect(primary).toContain('DaemonSet/kube-flannel/kube-flannel-ds');
    const p = teardownScript(multus, { scope: 'primary' });
    expect(deletes(p).filter((l) => /multus|networkattachmentdefinition/.test(l))).toEqual([]);
    expect(p).toContain('kubectl delete --ignore-not-found daemonset.apps/kube-flannel-ds -n kube-flannel\n');
    expect(deletes(teardownScript(multus, { scope: 'multus' })).filter((l) => /flannel/.test(l))).toEqual([]);
  });

  test('CRDs a component that stays installed ships are kept (Calico -> Canal share crd.projectcalico.org)', () => {
    const canal = resolveClusterNetwork(loadExample('canal.yaml'));
    const { deleted, kept } = teardownPlan(calico, { installed: [{ label: 'ClusterNetwork canal (canal)', crds: crdRefs(synthObjects(canal)) }] });
    expect(deleted.filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    expect(kept.find((k) => k.name === 'ippools.crd.projectcalico.org')?.reason).toBe('used by ClusterNetwork canal (canal), which stays installed');
    // even --delete-shared-crds never deletes what the next CNI uses
    expect(teardownPlan(calico, { deleteSharedCrds: true, installed: [{ label: 'canal', crds: crdRefs(synthObjects(canal)) }] }).deleted.some((o) => o.metadata.name === 'ippools.crd.projectcalico.org')).toBe(false);
  });

  test('cdk8s-cni teardown --scope / --delete-shared-crds / --keep-crds-of; a bad scope is a usage error', () => {
    const path = writeSpec(loadExample('multus-storage-macvlan.yaml'));
    expect(cli('teardown', path, '--scope', 'primary').stdout).toBe(teardownScript(multus, { scope: 'primary' }));
    expect(cli('teardown', path, '--scope', 'multus', '--delete-shared-crds').stdout).toBe(teardownScript(multus, { scope: 'multus', deleteSharedCrds: true }));
    const calicoPath = writeSpec(loadExample('calico-vxlan.yaml'));
    const canalPath = writeSpec(loadExample('canal.yaml'));
    expect(cli('teardown', calicoPath, '--keep-crds-of', canalPath).stdout).not.toContain('customresourcedefinition.apiextensions.k8s.io/');
    const bad = cli('teardown', path, '--scope', 'everything');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'everything' is invalid. Allowed choices are primary, multus, all.");
  });
});

describe('node cleanup knows Multus and kube-router', () => {
  test("Multus's generated config, kubeconfig dir, binaries and daemon state, first (its config sorts first)", () => {
    const all = nodeCleanupScript(multus);
    expect(all).toContain('rm -f /etc/cni/net.d/00-multus.conf /etc/cni/net.d/00-multus.conflist\nrm -f /opt/cni/bin/multus /opt/cni/bin/multus-shim\n');
    expect(all).toContain('rm -rf /etc/cni/net.d/multus.d /etc/cni/multus/net.d /var/lib/cni/multus /run/multus\n');
    expect(all.indexOf('# Multus')).toBeLessThan(all.indexOf('# flannel'));
    expect(nodeCleanupScript(multus, { scope: 'multus' })).not.toMatch(/10-flannel|flannel\.1|FLANNEL/);
    const primary = nodeCleanupScript(multus, { scope: 'primary' });
    expect(primary).not.toContain('/etc/cni/net.d/00-multus');
    expect(primary).toContain('# restart Multus here so it regenerates it: kubectl -n kube-system delete pod -l app=multus --field-selector spec.nodeName=<node>');
    expect(MULTUS_NODE_CLEANUP.stateDirs).not.toContain('/run/k8s.cni.cncf.io');
    const wa = nodeCleanupScript(resolveClusterNetwork(loadExample('multus-whereabouts.yaml')), { scope: 'multus' });
    expect(wa).toContain('# whereabouts\nrm -f /opt/cni/bin/whereabouts\nrm -rf /etc/cni/net.d/whereabouts.d\n');
    const hostLocalOnly = specWith({ multus: { mode: 'thick', networks: [{ name: 'storage', namespace: 'default', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '192.168.10.0/24' } }] } });
    expect(nodeCleanupScript(resolveClusterNetwork(hostLocalOnly), { scope: 'multus' })).not.toContain('whereabouts');
    expect(nodeCleanupScript(calico, { scope: 'multus' })).toBe('#!/bin/sh\n# Multus is not part of this spec; nothing to clean.\n');
  });

  test("kube-router: conflist, kube-bridge / kube-dummy-if / tun-*, state, chains; IPVS and kube-proxy guidance with the service proxy", () => {
    expect(NODE_CLEANUP['kube-router']).toMatchObject({ cniConfigFiles: ['10-kuberouter.conflist', '10-kuberouter.conf'], cniBinaries: [], iptablesChainPrefixes: ['KUBE-ROUTER-', 'KUBE-POD-FW-', 'KUBE-NWPLCY-'] });
    const s = nodeCleanupScript(kubeRouterProxy);
    expect(s).toContain('if ip link show kube-bridge >/dev/null 2>&1; then ip link delete kube-bridge; fi\nif ip link show kube-dummy-if >/dev/null 2>&1; then ip link delete kube-dummy-if; fi\n');
    expect(s).toContain("grep -E '^(tun-)'");
    expect(s).toContain('rm -rf /var/lib/kube-router /var/lib/cni/networks/mynet\n');
    expect(s).toContain('if command -v ipvsadm >/dev/null 2>&1; then ipvsadm -C; fi\n');
    expect(s).toContain('`kube-proxy --cleanup`');
    const noProxy = nodeCleanupScript(resolveClusterNetwork(loadExample('kube-router.yaml')));
    expect(noProxy).not.toContain('ipvsadm');
    expect(noProxy).not.toContain('kube-proxy --cleanup');
  });
});

describeWithShellcheck('shellcheck finds nothing in any scope', () => {
  test.each(['multus-storage-macvlan.yaml', 'multus-whereabouts.yaml', 'kube-router-service-proxy.yaml', 'kube-router.yaml', 'weave.yaml', 'cilium-overlay.yaml', 'antrea.yaml'])('%s', (example) => {
    const n = resolveClusterNetwork(loadExample(example));
    for (const scope of TEARDOWN_SCOPES) {
      expect(shellcheck(teardownScript(n, { scope }))).toBe('');
      expect(shellcheck(teardownScript(n, { scope, deleteSharedCrds: true }))).toBe('');
      expect(shellcheck(nodeCleanupScript(n, { scope }))).toBe('');
    }
  });
});

describe('idempotent: run twice on a fake host, the second run changes nothing', () => {
  test('calico node cleanup removes exactly its state and leaves the rest', () => {
    const host = fakeHost({
      files: ['/etc/cni/net.d/10-calico.conflist', '/etc/cni/net.d/calico-kubeconfig', '/etc/cni/net.d/99-other.conf', '/opt/cni/bin/calico', '/opt/cni/bin/bridge', '/var/lib/calico', '/var/lib/calico/nodename'],
      links: ['lo', 'eth0', 'tunl0', 'vxlan.calico', 'cali1234', 'cali5678'],
      iptables: { filter: ['-N cali-FORWARD', '-N KUBE-FORWARD', '-A FORWARD -j cali-FORWARD', '-A FORWARD -j KUBE-FORWARD', '-A cali-FORWARD -j ACCEPT'], nat: ['-N cali-nat', '-A POSTROUTING -j cali-nat'] },
    });
    const script = nodeCleanupScript(calico);
    const first = host.run(script);
    expect(first.code).toBe(0);
    expect(first.changes).toEqual(expect.arrayContaining(['rm /etc/cni/net.d/10-calico.conflist', 'ip link delete tunl0', 'ip link delete cali1234', 'iptables -t filter -D FORWARD -j cali-FORWARD', 'iptables -t filter -X cali-FORWARD', 'iptables -t nat -X cali-nat']));
    expect(host.state('files')).toEqual(['/etc/cni/net.d/99-other.conf', '/opt/cni/bin/bridge']);
    expect(host.state('links')).toEqual(['lo', 'eth0']);
    expect(host.state('iptables')).toEqual(['filter\t-N KUBE-FORWARD', 'filter\t-A FORWARD -j KUBE-FORWARD']);
    const second = host.run(script);
    expect(second).toMatchObject({ code: 0, changes: [] });
  });

  test('Multus + flannel, kube-router with the service proxy', () => {
    for (const [n, state] of [
      [multus, { files: ['/etc/cni/net.d/00-multus.conf', '/etc/cni/net.d/multus.d', '/etc/cni/net.d/multus.d/multus.kubeconfig', '/etc/cni/net.d/10-flannel.conflist', '/opt/cni/bin/multus-shim', '/run/k8s.cni.cncf.io'], links: ['eth0', 'flannel.1', 'cni0'], iptables: { nat: ['-N FLANNEL-POSTRTG', '-A POSTROUTING -j FLANNEL-POSTRTG'] } }],
      [kubeRouterProxy, { files: ['/etc/cni/net.d/10-kuberouter.conflist', '/var/lib/kube-router/kubeconfig'], links: ['eth0', 'kube-bridge', 'kube-dummy-if', 'tun-abc123'], iptables: { filter: ['-N KUBE-ROUTER-INPUT', '-N KUBE-POD-FW-XYZ', '-A INPUT -j KUBE-ROUTER-INPUT'] }, ipvs: ['TCP 10.96.0.1:443 rr'] }],
    ] as const) {
      const host = fakeHost(state);
      const script = nodeCleanupScript(n);
      const first = host.run(script);
      expect(first.code).toBe(0);
      expect(first.changes.length).toBeGreaterThan(0);
      expect(host.state('links')).toEqual(['eth0']);
      expect(host.state('iptables')).toEqual([]);
      expect(host.state('ipvs')).toEqual([]);
      expect(host.run(script)).toMatchObject({ code: 0, changes: [] });
    }
  });

  test('teardown deletes each object once; the second run (set -eu) succeeds and changes nothing', () => {
    const objects = teardownPlan(multus).deleted.map((o) => {
      const group = o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : '';
      return `${o.kind.toLowerCase()}${group}/${o.metadata.name} ${o.metadata.namespace ?? ''}`;
    });
    const nad = `${NAD_CRD} `;
    const host = fakeHost({ objects: [...objects, nad, 'daemonset.apps/user-app default'] });
    const script = teardownScript(multus);
    const first = host.run(script);
    expect(first.code).toBe(0);
    expect(first.changes).toHaveLength(objects.length);
    expect(host.state('objects')).toEqual([nad, 'daemonset.apps/user-app default']);
    expect(host.run(script)).toMatchObject({ code: 0, changes: [] });
  });
});
