/**
 * Removing a CNI (the seed lab's Weave → Calico swap): the objects the old spec produced, deleted in the reverse of
 * apply order (custom resources, then workloads and config, then RBAC and namespaces, CRDs last, so no controller
 * recreates what was just removed), and a script that clears what the CNI left on each node. Plain text for
 * `cdk8s-cni teardown` / `cdk8s-cni node-cleanup`.
 */
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { synthObjects, type KubeObject } from '../synth';
import { NODE_CLEANUP } from './node-cleanup';

const CLUSTER_SCOPED_LAST = new Set(['ClusterRoleBinding', 'ClusterRole', 'PriorityClass', 'Namespace']);
/** Namespaces a CNI may put objects in but never owns. */
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** Deletion order: custom resources, namespaced objects, cluster-scoped RBAC / namespaces, CRDs (system namespaces never). */
export function deletionOrder(objects: readonly KubeObject[]): KubeObject[] {
  const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
  const crdKinds = new Set(crds.map((c) => (c.spec as { names: { kind: string } }).names.kind));
  const rank = (o: KubeObject) => (o.kind === 'CustomResourceDefinition' ? 3 : crdKinds.has(o.kind) ? 0 : CLUSTER_SCOPED_LAST.has(o.kind) ? 2 : 1);
  // Stable: within a rank, the reverse of apply order.
  return [...objects]
    .filter((o) => !(o.kind === 'Namespace' && SYSTEM_NAMESPACES.has(o.metadata.name)))
    .reverse()
    .sort((a, b) => rank(a) - rank(b));
}

function quote(s: string): string {
  return /^[A-Za-z0-9._\/:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `kubectl delete` lines for every object of the network, in {@link deletionOrder}. */
export function teardownScript(network: ResolvedClusterNetwork): string {
  const lines = deletionOrder(synthObjects(network)).map((o) => {
    const group = o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : '';
    const ns = o.metadata.namespace ? ` -n ${quote(o.metadata.namespace)}` : '';
    return `kubectl delete --ignore-not-found ${quote(`${o.kind.toLowerCase()}${group}/${o.metadata.name}`)}${ns}`;
  });
  return `#!/bin/sh
# Removes every object of ClusterNetwork ${network.metadata.name} (${network.spec.cni.type}) from the current kubectl context.
# Then run \`cdk8s-cni node-cleanup\` on every node, apply the new CNI, and recreate pods (they keep old addresses).
set -eu
${lines.join('\n')}
`;
}

/** A script to run as root on every node once the CNI's objects are gone (see {@link NODE_CLEANUP}). */
export function nodeCleanupScript(network: ResolvedClusterNetwork): string {
  const type = network.spec.cni.type;
  const c = NODE_CLEANUP[type];
  if (!c) {
    return `#!/bin/sh
# ${type} keeps no known state on the nodes beyond its API objects; nothing to clean.
`;
  }
  const links = c.interfaces.filter((i) => !i.includes('*'));
  const globs = c.interfaces.filter((i) => i.includes('*')).map((g) => g.replace('*', ''));
  const chains = c.iptablesChainPrefixes.join('|');
  return `#!/bin/sh
# Node cleanup after removing ${type} (ClusterNetwork ${network.metadata.name}); run as root on every node.
set -u
rm -f ${c.cniConfigFiles.map((f) => `/etc/cni/net.d/${f}`).join(' ')}
rm -f ${c.cniBinaries.map((f) => `/opt/cni/bin/${f}`).join(' ')}
${links.map((l) => `ip link delete ${l} 2>/dev/null || true`).join('\n')}
${globs.length > 0 ? `ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E '^(${globs.join('|')})' | while read -r link; do
  ip link delete "$link" 2>/dev/null || true
done
` : ''}rm -rf ${c.stateDirs.join(' ')}
for save in iptables-save ip6tables-save; do
  restore=\${save%-save}-restore
  command -v "$save" >/dev/null 2>&1 || continue
  "$save" | grep -vE '(${chains})' | "$restore"
done
`;
}
