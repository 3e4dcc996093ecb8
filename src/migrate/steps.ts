/**
 * The runbook's steps, each with its commands and the checks to pass before the next step. Every command is derived
 * from the two specs' facts (./facts); every block is a self-contained POSIX shell snippet.
 */
import { VERSIONS } from '../cni/common/versions';
import type { CrdRef, KeptCrd, TeardownScope } from '../teardown/ownership';
import { ctrRun, shellQuote as q } from '../teardown/shell';
import type { Agent, SpecFacts } from './facts';

/** One step: why, what to run, and what must hold before going on. */
export interface Step {
  readonly title: string;
  readonly text: readonly string[];
  readonly commands: readonly string[];
  readonly checks: readonly string[];
}

/** Everything the steps are derived from. */
export interface MigrationContext {
  readonly from: SpecFacts;
  readonly to: SpecFacts;
  /** Working directory for manifests, scripts and backups. */
  readonly dir: string;
  /** The command that runs this CLI. */
  readonly cli: string;
  readonly scope: TeardownScope;
  readonly kept: readonly KeptCrd[];
  /** The old spec's CRDs the teardown deletes (their objects are backed up first). */
  readonly deletedCrds: readonly CrdRef[];
  readonly podsChange: boolean;
}

const AGNHOST = VERSIONS.connectivityCheck.images.agnhost;
const CHECK_NS = 'cni-migration-check';

export const teardownFile = (c: MigrationContext) => `${c.dir}/teardown-${c.from.type}.sh`;
export const nodeCleanupFile = (c: MigrationContext) => `${c.dir}/node-cleanup-${c.from.type}.sh`;
const manifest = (c: MigrationContext, file: string) => q(`${c.dir}/manifests/${file}`);

/**
 * A command of the node loop that stops the loop when it fails: `break`, never `exit`, since the blocks are pasted into
 * the user's shell. The node stays cordoned, and the step's check (no cordoned node) fails.
 */
function orStop(line: string, what: string): string {
  return `${line} || { echo "$node: ${what} failed; stopping (the node stays cordoned)" >&2; break; }`;
}

/** Waits (up to 5 minutes) until `agent`'s pod on "$node" is Ready; the pod may be recreated meanwhile. */
function waitAgentOnNode(a: Agent): string[] {
  return [
    `  for _ in $(seq 60); do`,
    `    kubectl -n ${q(a.namespace)} wait pod -l ${q(a.selector)} --field-selector spec.nodeName="$node" --for=condition=Ready --timeout=5s >/dev/null 2>&1 && break`,
    '    sleep 5',
    '  done',
    orStop(`  kubectl -n ${q(a.namespace)} wait pod -l ${q(a.selector)} --field-selector spec.nodeName="$node" --for=condition=Ready --timeout=5s`, `waiting for ${a.name}`),
  ];
}

/** Cilium's migration guide: its operator must not restart pods of the old CNI while nodes are migrated. */
const CILIUM_MIGRATION_DOC = 'https://docs.cilium.io/en/stable/installation/k8s-install-migration/';

/** The `sed` that sets the new spec's unmanaged-pod watcher off in its synthesized manifest (and the check that it did). */
function unmanagedPodWatcherOff(c: MigrationContext): { text: string[]; commands: string[]; checks: string[] } {
  const w = c.to.unmanagedPodWatcher;
  if (!w) return { text: [], commands: [], checks: [] };
  const file = manifest(c, c.to.files.main);
  return {
    text: [
      `${c.to.type}'s operator restarts every pod its agents do not manage (unmanaged-pod-watcher-interval ${w.interval}), so pods of nodes not yet migrated would be restarted under the old CNI: the manifest is applied with the watcher off ("0", Helm operator.unmanagedPodWatcher.restart=false, as in Cilium's migration guide ${CILIUM_MIGRATION_DOC}), and the step after the node loop turns it back on.`,
    ],
    commands: [`sed -i ${q(`s/^  unmanaged-pod-watcher-interval: ${w.interval}$/  unmanaged-pod-watcher-interval: "0"/`)} ${file}`],
    checks: [`grep -q ${q('^  unmanaged-pod-watcher-interval: "0"$')} ${file}`],
  };
}

export function prepare(c: MigrationContext): Step {
  const { from, to } = c;
  const watcher = unmanagedPodWatcherOff(c);
  const backups = [
    ...(c.deletedCrds.length > 0 ? [`kubectl get ${q(c.deletedCrds.map((k) => k.name).join(','))} -A -o yaml > ${q(`${c.dir}/backup-${from.type}-custom-resources.yaml`)} || true`] : []),
    ...(from.multus || to.multus ? [`kubectl get network-attachment-definitions.k8s.cni.cncf.io -A -o yaml > ${q(`${c.dir}/backup-network-attachment-definitions.yaml`)} || true`] : []),
  ];
  const keptPattern = c.kept.map((k) => k.name.replace(/\./g, '\\.')).join('|');
  const multusPattern = [...from.multusAgents.map((a) => `daemonset\\.apps/${a.name}`), 'networkattachmentdefinition\\.k8s\\.cni\\.cncf\\.io/'].join('|');
  return {
    title: 'Prepare: validate both specs, synthesize the new CNI, generate the removal scripts, back up',
    text: [
      `The teardown script removes ${c.scope === 'all' ? 'the old CNI and Multus (the new spec has no Multus)' : 'only the old primary CNI'}; it keeps the CRDs listed under "Never deleted".`,
      ...watcher.text,
    ],
    commands: [
      `mkdir -p ${q(`${c.dir}/manifests`)}`,
      `${c.cli} validate ${q(from.path)}`,
      `${c.cli} validate ${q(to.path)}`,
      `${c.cli} synth ${q(to.path)} -o ${q(`${c.dir}/manifests`)}`,
      ...watcher.commands,
      `${c.cli} teardown ${q(from.path)} --scope ${c.scope} --keep-crds-of ${q(to.path)} > ${q(teardownFile(c))}`,
      `${c.cli} node-cleanup ${q(from.path)} --scope ${c.scope} > ${q(nodeCleanupFile(c))}`,
      ...backups,
    ],
    checks: [
      ...[to.files.crds, to.files.main].filter((f): f is string => f !== undefined).map((f) => `test -s ${manifest(c, f)}`),
      `test -s ${q(teardownFile(c))}`,
      `test -s ${q(nodeCleanupFile(c))}`,
      ...watcher.checks,
      ...(keptPattern ? [`! grep -E ${q(`customresourcedefinition\\.apiextensions\\.k8s\\.io/(${keptPattern})( |$)`)} ${q(teardownFile(c))}`] : []),
      ...(c.scope === 'primary' && from.multus ? [`! grep -E ${q(`(${multusPattern})`)} ${q(teardownFile(c))}`] : []),
    ],
  };
}

/**
 * The pod range changes; only allowed when the new CNI allocates pod addresses from its own pools (see
 * MIGRATE_RULES.podRangeNodeCidr). kube-controller-manager's --cluster-cidr and kubeadm's podSubnet stay: the Nodes
 * keep their podCIDRs from that range, and a --cluster-cidr that does not contain them crash-loops the controller
 * manager (kubernetes/kubernetes#75461). Only kube-proxy, which tells pod traffic from outside traffic by clusterCIDR,
 * follows the new range.
 */
export function podRange(c: MigrationContext): Step {
  const [old, next] = [c.from.network.spec.pods.cidrs.join(','), c.to.network.spec.pods.cidrs.join(',')];
  const kubeProxyStays = !c.to.replacesKubeProxy;
  return {
    title: `Move the pod range from ${old} to ${next} (${c.to.type} allocates it)`,
    text: [
      `${c.to.type} allocates pod addresses from its own pools, not from Node.spec.podCIDRs: kube-controller-manager's --cluster-cidr and kubeadm's podSubnet stay ${old}, and so do the Nodes' podCIDRs (changing --cluster-cidr while Nodes keep old podCIDRs makes kube-controller-manager crash-loop, kubernetes/kubernetes#75461).`,
      ...(kubeProxyStays
        ? ['kube-proxy tells pod traffic from outside traffic by its clusterCIDR, so it follows the new range (restarted to read it).']
        : [`kube-proxy is removed (${c.to.type} serves Services), so nothing else reads the range.`]),
    ],
    commands: kubeProxyStays
      ? [
          `if kubectl -n kube-system get configmap kube-proxy >/dev/null 2>&1; then kubectl -n kube-system get configmap kube-proxy -o yaml | sed ${q(`s#clusterCIDR: ${old}#clusterCIDR: ${next}#`)} | kubectl apply -f -; fi`,
          'if kubectl -n kube-system get daemonset kube-proxy >/dev/null 2>&1; then kubectl -n kube-system rollout restart daemonset/kube-proxy; fi',
        ]
      : [`# nothing to run: ${c.to.type} replaces kube-proxy`],
    checks: kubeProxyStays ? [`! kubectl -n kube-system get configmap kube-proxy -o yaml 2>/dev/null | grep -q ${q(`clusterCIDR: ${old}`)}`] : [],
  };
}

export function applyCrds(c: MigrationContext): Step {
  return {
    title: `Apply the CRDs of ${c.to.label}`,
    text: ['CRDs first, so the new CNI finds its APIs when it starts; server-side apply because some CRDs exceed the client-side annotation limit.'],
    commands: [`kubectl apply --server-side -f ${manifest(c, c.to.files.crds as string)}`],
    checks: [`kubectl wait --for=condition=Established --timeout=2m ${c.to.crds.map((k) => q(`crd/${k.name}`)).join(' ')}`],
  };
}

export function removeOld(c: MigrationContext): Step {
  const keptChecks = c.kept.map((k) => `kubectl get crd ${q(k.name)} --ignore-not-found`);
  return {
    title: `Remove ${c.from.type}'s API objects`,
    text: [
      'From here until the last node is done, pods on nodes not yet migrated cannot reach pods on migrated ones (the "islands" of the naive migration in Cilium\'s "Migrating a cluster to Cilium", https://docs.cilium.io/en/stable/installation/k8s-install-migration/): plan a maintenance window.',
      'Existing pods keep their data path until their node is cleaned; new pods wait for the new CNI.',
    ],
    commands: [`sh ${q(teardownFile(c))}`],
    checks: [
      ...c.from.agents.map((a) => `! kubectl -n ${q(a.namespace)} get daemonset ${q(a.name)} >/dev/null 2>&1`),
      ...keptChecks,
      ...(c.scope === 'primary' ? c.from.multusAgents.map((a) => `kubectl -n ${q(a.namespace)} get daemonset ${q(a.name)}`) : []),
      ...(c.scope === 'primary' ? c.from.multusCrds.map((k) => `kubectl get crd ${q(k.name)}`) : []),
    ],
  };
}

export function removeKubeProxy(c: MigrationContext): Step {
  return {
    title: `Remove kube-proxy (${c.to.type} serves Services in its place)`,
    text: ['The image is saved first: step "Migrate node by node" runs `kube-proxy --cleanup` with it on every node (kube-router docs/kubeadm.md).'],
    commands: [
      `kubectl -n kube-system get daemonset kube-proxy -o jsonpath='{.spec.template.spec.containers[0].image}' > ${q(`${c.dir}/kube-proxy-image`)}`,
      'kubectl -n kube-system delete daemonset kube-proxy --ignore-not-found',
    ],
    checks: [`test -s ${q(`${c.dir}/kube-proxy-image`)}`, '! kubectl -n kube-system get daemonset kube-proxy >/dev/null 2>&1'],
  };
}

export function restoreKubeProxy(c: MigrationContext): Step {
  return {
    title: `Reinstall kube-proxy (${c.from.type} served Services, ${c.to.type} does not)`,
    text: ['Run on a control-plane node of a kubeadm cluster: the addon phase recreates the kube-proxy DaemonSet and ConfigMap from the cluster configuration.'],
    commands: [
      `kubectl -n kube-system get configmap kubeadm-config -o jsonpath='{.data.ClusterConfiguration}' > ${q(`${c.dir}/kubeadm-cluster-configuration.yaml`)}`,
      `sudo kubeadm init phase addon kube-proxy --kubeconfig /etc/kubernetes/admin.conf --config ${q(`${c.dir}/kubeadm-cluster-configuration.yaml`)}`,
    ],
    checks: ['kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=5m'],
  };
}

export function applyNew(c: MigrationContext): Step {
  return {
    title: `Apply ${c.to.type}`,
    text: [
      `Its agents start on every node and write ${c.to.cniConfig ? `/etc/cni/net.d/${c.to.cniConfig}` : 'their CNI config'}.`,
      ...(c.to.multus ? ['Multus objects in the new spec are applied unchanged (an apply of identical objects changes nothing).'] : []),
    ],
    commands: [`kubectl apply --server-side -f ${manifest(c, c.to.files.main)}`],
    checks: c.to.agents.map((a) => `kubectl -n ${q(a.namespace)} rollout status daemonset/${q(a.name)} --timeout=10m`),
  };
}

export function migrateNodes(c: MigrationContext): Step {
  const { to } = c;
  const kubeProxyCleanup = to.replacesKubeProxy && !c.from.replacesKubeProxy;
  const configCheck = to.cniConfig
    ? [
        `  first=$(ssh "$node" ls /etc/cni/net.d | grep -E '[.]conf(list)?$' | head -n 1)`,
        `  case "$first" in ${to.multus ? '00-multus.conf|00-multus.conflist' : q(to.cniConfig)}) ;; *) echo "$node: first CNI config is $first; stopping (the node stays cordoned)" >&2; break ;; esac`,
        orStop(`  ssh "$node" test -f ${q(`/etc/cni/net.d/${to.cniConfig}`)}`, `/etc/cni/net.d/${to.cniConfig} check`),
      ]
    : [];
  return {
    title: 'Migrate node by node: drain, clean, restart the new agent, check, uncordon',
    text: [
      'Nodes are reached with `ssh <node-name>`; use your own access method if node names do not resolve.',
      `The node cleanup removes ${c.from.type}'s CNI config, binaries, interfaces, state and iptables chains; ${to.type}'s agent is then restarted on the clean node.`,
      ...(to.multus ? ["Multus's pod on the node is restarted too, so it regenerates 00-multus.conf for the new primary CNI."] : []),
      'Pods left on the node (DaemonSet pods off the host network) are recreated so they get addresses from the new CNI.',
      'A reboot of the node after the cleanup also clears state no cleanup script knows about.',
      'When a command fails the loop stops (break, not exit: the block is pasted into your shell) and leaves that node cordoned; fix it and run the loop again (every command is safe to repeat).',
    ],
    commands: [
      ...(kubeProxyCleanup ? [`image=$(cat ${q(`${c.dir}/kube-proxy-image`)})`, '# shellcheck disable=SC2029 # the image name is meant to expand here, before ssh'] : []),
      `for node in $(kubectl get nodes -o jsonpath='{.items[*].metadata.name}'); do`,
      '  kubectl cordon "$node"',
      orStop('  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=10m', 'drain'),
      orStop(`  ssh "$node" sudo sh -s < ${q(nodeCleanupFile(c))}`, 'node cleanup'),
      ...(kubeProxyCleanup
        ? [
            orStop('  ssh "$node" sudo ctr images pull "$image"', 'kube-proxy image pull'),
            orStop(`  ssh "$node" sudo ${ctrRun('"$image"', 'kube-proxy-cleanup', 'kube-proxy --cleanup', [{ path: '/lib/modules', readOnly: true }])}`, 'kube-proxy --cleanup'),
          ]
        : []),
      ...to.agents.flatMap((a) => [`  kubectl -n ${q(a.namespace)} delete pod -l ${q(a.selector)} --field-selector spec.nodeName="$node" --ignore-not-found`, ...waitAgentOnNode(a)]),
      ...to.multusAgents.flatMap((a) => [`  kubectl -n ${q(a.namespace)} delete pod -l ${q(a.selector)} --field-selector spec.nodeName="$node" --ignore-not-found`, ...waitAgentOnNode(a)]),
      ...configCheck,
      `  kubectl get pods -A --field-selector spec.nodeName="$node" -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,HOSTNET:.spec.hostNetwork --no-headers | awk '$3 != "true" {print $1, $2}' | while read -r ns pod; do`,
      '    kubectl -n "$ns" delete pod "$pod" --wait=false',
      '  done',
      '  kubectl uncordon "$node"',
      'done',
    ],
    checks: ['kubectl wait --for=condition=Ready node --all --timeout=5m', `test -z "$(kubectl get nodes --field-selector spec.unschedulable=true -o name)"`, ...c.to.agents.map((a) => `kubectl -n ${q(a.namespace)} rollout status daemonset/${q(a.name)} --timeout=5m`)],
  };
}

/** Turns the new CNI's unmanaged-pod watcher back on once every node is migrated (see {@link unmanagedPodWatcherOff}). */
export function restoreUnmanagedPodWatcher(c: MigrationContext): Step {
  const w = c.to.unmanagedPodWatcher as NonNullable<SpecFacts['unmanagedPodWatcher']>;
  const patch = JSON.stringify({ data: { 'unmanaged-pod-watcher-interval': w.interval } });
  return {
    title: `Turn ${c.to.type}'s unmanaged-pod watcher back on`,
    text: [`Every node runs ${c.to.type} now: the operator may restart pods its agents do not manage again (interval ${w.interval}, as the spec sets it).`],
    commands: [
      `kubectl -n ${q(w.namespace)} patch configmap ${q(w.configMap)} --type merge -p ${q(patch)}`,
      `kubectl -n ${q(w.namespace)} rollout restart deployment/${q(w.operator)}`,
    ],
    checks: [
      `kubectl -n ${q(w.namespace)} rollout status deployment/${q(w.operator)} --timeout=5m`,
      `test "$(kubectl -n ${q(w.namespace)} get configmap ${q(w.configMap)} -o jsonpath='{.data.unmanaged-pod-watcher-interval}')" = ${q(w.interval)}`,
    ],
  };
}

export function verify(c: MigrationContext): Step {
  const run = (name: string, target: string) => `kubectl -n ${CHECK_NS} run ${name} --rm -i --restart=Never --image=${AGNHOST} -- /agnhost connect --timeout=5s ${target}`;
  return {
    title: 'Verify: pod-to-pod and pod-to-Service reachability',
    text: [
      `Every pod off the host network should now have an address in ${c.to.network.spec.pods.cidrs.join(', ')}; the listing below shows them.`,
      `An echo Deployment (${AGNHOST}, netexec) is reached from a probe pod at each pod address and through its Service name (which also checks cluster DNS).`,
    ],
    commands: [
      `kubectl get pods -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,IP:.status.podIP,HOSTNET:.spec.hostNetwork --no-headers | awk '$4 != "true"'`,
      `kubectl create namespace ${CHECK_NS} --dry-run=client -o yaml | kubectl apply -f -`,
      `kubectl -n ${CHECK_NS} create deployment echo --image=${AGNHOST} --replicas=2 --dry-run=client -o yaml -- /agnhost netexec --http-port=8080 | kubectl apply -f -`,
      `kubectl -n ${CHECK_NS} expose deployment echo --port=8080 --dry-run=client -o yaml | kubectl apply -f -`,
      `kubectl -n ${CHECK_NS} rollout status deployment/echo --timeout=5m`,
    ],
    checks: [
      'i=0',
      `for ip in $(kubectl -n ${CHECK_NS} get pods -l app=echo -o jsonpath='{.items[*].status.podIP}'); do`,
      '  i=$((i + 1))',
      '  case "$ip" in *:*) target="[$ip]:8080" ;; *) target="$ip:8080" ;; esac',
      `  ${run('"probe-pod-$i"', '"$target"')}`,
      'done',
      run('probe-service', `echo.${CHECK_NS}.svc:8080`),
      `kubectl delete namespace ${CHECK_NS} --ignore-not-found`,
    ],
  };
}
