/**
 * Removing a CNI (the seed lab's Weave → Calico swap): the objects the spec installed, deleted so that nothing runs on
 * half-removed state: the agents and controllers first (and their pods awaited), then custom resources, then config,
 * RBAC and namespaces, CRDs last. Deleting Calico's IPPools or FelixConfiguration while Felix still runs makes it
 * withdraw routes cluster-wide (projectcalico/calico#3672), so the workloads go before their configuration. Only what
 * the spec owns goes: shared CRDs and CRDs a component that stays installed uses are kept (see ./ownership). Plain text
 * for `cdk8s-cni teardown` / `cdk8s-cni node-cleanup`.
 */
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { synthObjects, type KubeObject } from '../synth';
import { cniModuleFor } from '../cni/registry';
import { installsWhereabouts } from '../cni/multus/whereabouts/module';
import { MULTUS_NODE_CLEANUP, NODE_CLEANUP, WHEREABOUTS_NODE_CLEANUP, type NodeCleanup } from './node-cleanup';
import { crdRefs, keptCrdReason, scopedObjects, SHARED_CRD_GROUPS, type CrdRef, type KeptCrd, type TeardownScope } from './ownership';
import { ctrRun, kubectlResource, shellQuote } from './shell';

const CLUSTER_SCOPED_LAST = new Set(['ClusterRoleBinding', 'ClusterRole', 'PriorityClass', 'Namespace']);
/**
 * Kinds that send API requests to the CNI's pods (admission webhooks, aggregated APIServices): deleted before those pods
 * go, or the API server would call a backend that no longer exists (failing admission of the deletes that follow).
 */
const API_HOOK_KINDS = new Set(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService']);
/** Kinds that run the CNI's pods: deleted first, and their pods awaited, before anything they read goes. */
const WORKLOAD_KINDS = new Set(['DaemonSet', 'Deployment', 'StatefulSet']);
/** Namespaces a CNI may put objects in but never owns. */
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
/** How long the teardown waits for the CNI's pods to go, in 2-second polls (5 minutes). */
const POD_WAIT_POLLS = 150;

/** The CRD (by group and kind, as the API keys them) whose objects `o` is, if it is a custom resource of `objects`. */
function crdOf(objects: readonly KubeObject[]): (o: KubeObject) => CrdRef | undefined {
  const byKind = new Map(crdRefs(objects).map((c) => [`${c.group}/${c.kind}`, c]));
  return (o) => byKind.get(`${o.apiVersion.split('/')[0]}/${o.kind}`);
}

/**
 * Deletion order: admission webhooks and APIServices served by the CNI's pods, workloads (DaemonSets, Deployments,
 * StatefulSets), custom resources, other objects, cluster-scoped RBAC / namespaces, CRDs (system namespaces never).
 */
export function deletionOrder(objects: readonly KubeObject[]): KubeObject[] {
  // Keyed by group and kind, as the API does: a built-in kind of the same name is not a custom resource.
  const isCustom = crdOf(objects);
  const rank = (o: KubeObject) => {
    if (o.kind === 'CustomResourceDefinition') return 5;
    if (isCustom(o)) return 2;
    if (API_HOOK_KINDS.has(o.kind)) return 0;
    if (WORKLOAD_KINDS.has(o.kind)) return 1;
    return CLUSTER_SCOPED_LAST.has(o.kind) ? 4 : 3;
  };
  // Stable: within a rank, the reverse of apply order.
  return [...objects]
    .filter((o) => !(o.kind === 'Namespace' && SYSTEM_NAMESPACES.has(o.metadata.name)))
    .reverse()
    .sort((a, b) => rank(a) - rank(b));
}

/** Shell lines that wait (up to 5 minutes) until no pod of workload `o` is left, and fail the script if one is. */
function waitForPodsGone(o: KubeObject): string[] {
  const labels = (o.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
  if (!labels || Object.keys(labels).length === 0) return [];
  const selector = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const get = `kubectl get pods -n ${shellQuote(o.metadata.namespace ?? 'default')} -l ${shellQuote(selector)} -o name`;
  return [
    `for _ in $(seq ${POD_WAIT_POLLS}); do [ -z "$(${get})" ] && break; sleep 2; done`,
    `if [ -n "$(${get})" ]; then echo ${shellQuote(`pods of ${kubectlResource(o)} are still running after 5 minutes; not deleting its configuration`)} >&2; exit 1; fi`,
  ];
}

/** A component that stays installed while this teardown runs (e.g. the next CNI); the CRDs it ships are kept. */
export interface InstalledComponent {
  /** How the script names it, e.g. `ClusterNetwork calico (calico)`. */
  readonly label: string;
  readonly crds: readonly CrdRef[];
}

/** What `teardown` removes: its scope and the shared CRDs it may delete. */
export interface TeardownOptions {
  /** What to remove: the primary CNI, Multus, or both. @default 'all' */
  readonly scope?: TeardownScope;
  /**
   * Also delete CRDs of shared APIs ({@link SHARED_CRD_GROUPS}: the NetworkAttachmentDefinition CRD,
   * `policy.networking.k8s.io`); the script lists every object they hold first. CRDs a component in `installed` uses
   * are kept even then. @default false
   */
  readonly deleteSharedCrds?: boolean;
  /** Components that stay installed; CRDs they ship are kept. @default - none */
  readonly installed?: readonly InstalledComponent[];
}

/** What a teardown deletes and keeps, in deletion order. */
export interface TeardownPlan {
  readonly deleted: readonly KubeObject[];
  readonly kept: readonly KeptCrd[];
}

/** The objects of `network` a teardown deletes (in {@link deletionOrder}) and the CRDs it keeps. */
export function teardownPlan(network: ResolvedClusterNetwork, opts: TeardownOptions = {}): TeardownPlan {
  const objects = deletionOrder(scopedObjects(network, opts.scope ?? 'all'));
  const kept: KeptCrd[] = [];
  const deleted = objects.filter((o) => {
    if (o.kind !== 'CustomResourceDefinition') return true;
    const [crd] = crdRefs([o]);
    const reason = keptCrdReason(crd, opts.installed ?? []);
    const keep = reason !== undefined && !(opts.deleteSharedCrds && SHARED_CRD_GROUPS[crd.group] && reason.startsWith('shared'));
    if (keep) kept.push({ ...crd, reason });
    return !keep;
  });
  return { deleted, kept };
}

/** The label a script uses for a network. */
export function networkLabel(network: ResolvedClusterNetwork): string {
  return `ClusterNetwork ${network.metadata.name} (${network.spec.cni.type}${network.spec.multus ? ' + Multus' : ''})`;
}

const SCOPE_TEXT: Record<TeardownScope, string> = { primary: 'the primary CNI only (Multus stays)', multus: 'Multus only (the primary CNI stays)', all: 'the primary CNI and Multus' };

/** What a teardown of `scope` removes, in words (a spec without Multus has only its primary CNI to remove). */
function scopeText(network: ResolvedClusterNetwork, scope: TeardownScope): string {
  if (network.spec.multus) return SCOPE_TEXT[scope];
  return scope === 'multus' ? 'nothing (the spec has no Multus)' : 'the CNI';
}

/**
 * `kubectl delete` lines for every object the teardown deletes, in {@link deletionOrder}, waiting for the workloads'
 * pods to go before the rest. Before a CRD goes, the script lists every object of its kind in the cluster (the deletion
 * cascades to all of them, not only the spec's). Every delete is `--ignore-not-found` and custom resources are deleted
 * only while their CRD exists, so a second run changes nothing.
 */
export function teardownScript(network: ResolvedClusterNetwork, opts: TeardownOptions = {}): string {
  const { deleted, kept } = teardownPlan(network, opts);
  const deletedCrds = crdRefs(deleted);
  const crdOfObject = crdOf(synthObjects(network));
  const deletes = deleted.map((o) => {
    const ns = o.metadata.namespace ? ` -n ${shellQuote(o.metadata.namespace)}` : '';
    const del = `kubectl delete --ignore-not-found ${shellQuote(kubectlResource(o))}${ns}`;
    // Once its CRD is gone (a second run), kubectl knows no such resource type and fails even with --ignore-not-found.
    const crd = crdOfObject(o);
    return crd ? `if kubectl get crd ${shellQuote(crd.name)} >/dev/null 2>&1; then ${del}; fi` : del;
  });
  const lastWorkload = deleted.reduce((last, o, i) => (WORKLOAD_KINDS.has(o.kind) && !crdOfObject(o) ? i : last), -1);
  const waits = deleted.slice(0, lastWorkload + 1).filter((o) => WORKLOAD_KINDS.has(o.kind)).flatMap(waitForPodsGone);
  const lines = [...deletes.slice(0, lastWorkload + 1), ...(waits.length > 0 ? ["# The CNI's pods are gone before its configuration goes (projectcalico/calico#3672).", ...waits] : []), ...deletes.slice(lastWorkload + 1)];
  const keptLines = kept.map((k) => `# kept: customresourcedefinition/${k.name} (${k.reason})`);
  const cascade =
    deletedCrds.length === 0
      ? []
      : [
          "echo 'Deleting these CRDs deletes every object of their kinds in the cluster, not only this spec'\\''s:'",
          ...deletedCrds.map((c) => `kubectl get ${shellQuote(c.name)} -A --ignore-not-found 2>/dev/null || true`),
        ];
  return `#!/bin/sh
# Removes ${scopeText(network, opts.scope ?? 'all')} of ${networkLabel(network)} from the current kubectl context.
# Then run \`cdk8s-cni node-cleanup\` on every node, apply the new CNI, and recreate pods (they keep old addresses).
${[...keptLines, ...(kept.some((k) => k.reason.startsWith('shared')) ? ['# (--delete-shared-crds deletes the shared ones, after listing what they hold)'] : [])].map((l) => `${l}\n`).join('')}set -eu
${[...cascade, ...lines].map((l) => `${l}\n`).join('')}`;
}

/** What `node-cleanup` clears on a node: its scope. */
export interface NodeCleanupOptions {
  /** What to clear: the primary CNI's state, Multus's, or both (Multus first: its config sorts first). @default 'all' */
  readonly scope?: TeardownScope;
}

/** The node state cleared for `scope`, Multus first. */
function cleanupsFor(network: ResolvedClusterNetwork, scope: TeardownScope): { what: string; c: NodeCleanup }[] {
  const primary = NODE_CLEANUP[network.spec.cni.type];
  const multus = scope !== 'primary' ? network.spec.multus : undefined;
  return [
    ...(multus ? [{ what: 'Multus', c: MULTUS_NODE_CLEANUP }] : []),
    ...(multus && installsWhereabouts(multus) ? [{ what: 'whereabouts', c: WHEREABOUTS_NODE_CLEANUP }] : []),
    ...(scope !== 'multus' && primary ? [{ what: network.spec.cni.type, c: primary }] : []),
  ];
}

/** Whether the spec's CNI serves Services in place of kube-proxy. */
export function replacesKubeProxy(network: ResolvedClusterNetwork): boolean {
  return cniModuleFor(network.spec.cni.type).replacesKubeProxy?.(network as never) ?? false;
}

/** What is left to do by hand after a node cleanup (comments). */
function cleanupNotes(network: ResolvedClusterNetwork, scope: TeardownScope, servesServices: boolean): string[] {
  const notes: string[] = [];
  if (scope === 'primary' && network.spec.multus) {
    notes.push(
      'Multus stays: its 00-multus.conf still delegates to the removed CNI. Once the new CNI wrote its config on this node,',
      'restart Multus here so it regenerates it: kubectl -n kube-system delete pod -l app=multus --field-selector spec.nodeName=<node>',
    );
  }
  if (servesServices) {
    notes.push(
      `${network.spec.cni.type} served Services in place of kube-proxy: Services need a proxy again unless the next CNI replaces`,
      'kube-proxy too (kubeadm: kubeadm init phase addon kube-proxy). When the next CNI replaces kube-proxy instead, run',
      '`kube-proxy --cleanup` on every node where kube-proxy ran (../shared/reference/kube-router docs/kubeadm.md).',
    );
  }
  return notes;
}

function linkLines(interfaces: readonly string[]): string {
  const links = interfaces.filter((i) => !i.includes('*'));
  const globs = interfaces.filter((i) => i.includes('*')).map((g) => g.replace('*', ''));
  const named = links.map((l) => `if ip link show ${shellQuote(l)} >/dev/null 2>&1; then ip link delete ${shellQuote(l)}; fi\n`).join('');
  const globbed =
    globs.length === 0
      ? ''
      : `ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -E '^(${globs.join('|')})' | while read -r link; do
  ip link delete "$link" || true
done
`;
  return named + globbed;
}

/** Deletes every route of the given protocols (blackhole and unicast alike), both families; xargs keeps ip's words. */
function routeLines(protocols: readonly string[]): string {
  return protocols
    .map(
      (p) => `for family in -4 -6; do
  ip "$family" route show proto ${shellQuote(p)} | while IFS= read -r route; do
    printf '%s\\n' "$route" | xargs ip "$family" route delete || true
  done
done
`,
    )
    .join('');
}

function iptablesLines(prefixes: readonly string[]): string {
  if (prefixes.length === 0) return '';
  const chains = prefixes.join('|');
  return `# iptables: chain by chain, never rewriting whole tables (kube-proxy and other agents keep writing to them). First the
# rules of other chains that jump into the CNI's chains (xargs keeps iptables' quoting, nothing is evaluated), then the
# CNI's chains: flushed, then deleted.
for ipt in iptables ip6tables; do
  command -v "$ipt" >/dev/null 2>&1 || continue
  for table in raw mangle nat filter; do
    "$ipt" -t "$table" -S 2>/dev/null | grep -E '^-A [^ ]+ .*-[jg] (${chains})' | grep -vE '^-A (${chains})' | sed 's/^-A /-D /' | while IFS= read -r rule; do
      printf '%s\\n' "$rule" | xargs "$ipt" -t "$table" || true
    done
    chains=$("$ipt" -t "$table" -S 2>/dev/null | awk '$1 == "-N" {print $2}' | grep -E '^(${chains})' || true)
    for chain in $chains; do "$ipt" -t "$table" -F "$chain" || true; done
    for chain in $chains; do "$ipt" -t "$table" -X "$chain" || true; done
  done
done
`;
}

function cleanupLines(c: NodeCleanup): string {
  // A glob (weave-plugin-*) stays unquoted so the shell expands it; with no match rm -f gets the pattern and does nothing.
  const word = (p: string) => (p.endsWith('*') && !p.slice(0, -1).includes('*') ? `${shellQuote(p.slice(0, -1))}*` : shellQuote(p));
  const rm = (flag: string, paths: readonly string[]) => (paths.length > 0 ? `rm ${flag} ${paths.map(word).join(' ')}\n` : '');
  return (
    rm('-f', c.cniConfigFiles.map((f) => `/etc/cni/net.d/${f}`)) +
    rm('-f', c.cniBinaries.map((f) => `/opt/cni/bin/${f}`)) +
    linkLines(c.interfaces) +
    rm('-rf', c.stateDirs) +
    routeLines(c.routeProtocols ?? []) +
    iptablesLines(c.iptablesChainPrefixes) +
    (c.notes ?? []).map((n) => `# ${n}\n`).join('')
  );
}

/** The image of the agent container `name` in the spec's DaemonSets (the synthesized image: overrides applied). */
function agentImage(network: ResolvedClusterNetwork, name: string): string | undefined {
  for (const o of synthObjects(network).filter((x) => x.kind === 'DaemonSet')) {
    const containers = (o.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
    const c = containers.find((x) => x.name === name);
    if (c) return c.image;
  }
  return undefined;
}

/** Upstream's own cleanup command of the primary CNI, run from its agent image with containerd's `ctr`. */
function uninstallLines(network: ResolvedClusterNetwork): string {
  const u = NODE_CLEANUP[network.spec.cni.type]?.uninstall;
  const image = u && agentImage(network, u.container);
  if (!u || !image) return '';
  const name = `${network.spec.cni.type}-cleanup`;
  return `# ${network.spec.cni.type}'s own cleanup, from its agent image: ${u.command}
# (${u.fallback})
image=${shellQuote(image)}
if command -v ctr >/dev/null 2>&1 && ctr images pull "$image" >/dev/null; then
  ${ctrRun('"$image"', name, u.command, u.mounts)} || echo ${shellQuote(`${u.command} failed; the steps below still remove the config, binary, links and chains`)} >&2
else
  echo ${shellQuote(`ctr is not available or the image cannot be pulled: ${u.fallback}`)} >&2
fi
`;
}

/**
 * A script to run as root on every node once the objects are gone (see {@link NODE_CLEANUP} and
 * {@link MULTUS_NODE_CLEANUP}): only files, links, directories and chains the CNI (or Multus) creates. Every step
 * checks before it removes, so a second run changes nothing.
 */
export function nodeCleanupScript(network: ResolvedClusterNetwork, opts: NodeCleanupOptions = {}): string {
  const scope = opts.scope ?? 'all';
  const parts = cleanupsFor(network, scope);
  const servesServices = scope !== 'multus' && replacesKubeProxy(network);
  const notes = cleanupNotes(network, scope, servesServices).map((n) => `# ${n}\n`).join('');
  if (parts.length === 0) {
    const what = scope === 'multus' ? 'Multus is not part of this spec' : `${network.spec.cni.type} keeps no known state on the nodes beyond its API objects`;
    return `#!/bin/sh
# ${what}; nothing to clean.
${notes}`;
  }
  const uninstall = scope !== 'multus' ? uninstallLines(network) : '';
  const proxyLines = servesServices ? (NODE_CLEANUP[network.spec.cni.type]?.serviceProxy ?? []) : [];
  const ipvs = proxyLines.length > 0 ? `# ${network.spec.cni.type}'s service proxy state\n${proxyLines.map((l) => `${l}\n`).join('')}` : '';
  return `#!/bin/sh
# Node cleanup after removing ${parts.map((p) => p.what).join(' and ')} (${networkLabel(network)}); run as root on every node.
set -u
${uninstall}${parts.map((p) => `# ${p.what}\n${cleanupLines(p.c)}`).join('')}${ipvs}${notes}`;
}
