/**
 * The runbook's steps, each with its commands and the checks to pass before the next step. Every command is derived
 * from the two specs' facts (./facts); every block is a self-contained POSIX shell snippet.
 */
import { VERSIONS } from '../cni/common/versions';
import type { CrdRef, KeptCrd, TeardownScope } from '../teardown/ownership';
import { shellQuote as q } from '../teardown/shell';
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

/** Waits (up to 5 minutes) until `agent`'s pod on "$node" is Ready; the pod may be recreated meanwhile. */
function waitAgentOnNode(a: Agent): string[] {
  return [
    `  for _ in $(seq 60); do`,
    `    kubectl -n ${q(a.namespace)} wait pod -l ${q(a.selector)} --field-selector spec.nodeName="$node" --for=condition=Ready --timeout=5s >/dev/null 2>&1 && break`,
    '    sleep 5',
    '  done',
    `  kubectl -n ${q(a.namespace)} wait pod -l ${q(a.selector)} --field-selector spec.nodeName="$node" --for=condition=Ready --timeout=5s`,
  ];
}

export function prepare(c: MigrationContext): Step {
  const { from, to } = c;
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
    ],
    commands: [
      `mkdir -p ${q(`${c.dir}/manifests`)}`,
      `${c.cli} validate ${q(from.path)}`,
      `${c.cli} validate ${q(to.path)}`,
      `${c.cli} synth ${q(to.path)} -o ${q(`${c.dir}/manifests`)}`,
      `${c.cli} teardown ${q(from.path)} --scope ${c.scope} --keep-crds-of ${q(to.path)} > ${q(teardownFile(c))}`,
      `${c.cli} node-cleanup ${q(from.path)} --scope ${c.scope} > ${q(nodeCleanupFile(c))}`,
      ...backups,
    ],
    checks: [
      ...[to.files.crds, to.files.main].filter((f): f is string => f !== undefined).map((f) => `test -s ${manifest(c, f)}`),
      `test -s ${q(teardownFile(c))}`,
      `test -s ${q(nodeCleanupFile(c))}`,
      ...(keptPattern ? [`! grep -E ${q(`customresourcedefinition\\.apiextensions\\.k8s\\.io/(${keptPattern})( |$)`)} ${q(teardownFile(c))}`] : []),
      ...(c.scope === 'primary' && from.multus ? [`! grep -E ${q(`(${multusPattern})`)} ${q(teardownFile(c))}`] : []),
    ],
  };
}

export function podRange(c: MigrationContext): Step {
  const [old, next] = [c.from.network.spec.pods.cidrs.join(','), c.to.network.spec.pods.cidrs.join(',')];
  const sed = (key: string) => q(`s#${key}${old}#${key}${next}#`);
  return {
    title: `Move the cluster's pod range from ${old} to ${next} (kubeadm)`,
    text: [
      'kube-controller-manager allocates node pod ranges from --cluster-cidr and kube-proxy masquerades by clusterCIDR; both follow the new spec.',
      ...(c.to.nodeCidr
        ? [`${c.to.type} takes each node's pod range from Node.spec.podCIDRs, which cannot change: step "Migrate node by node" deletes and re-registers every Node (its labels and taints set by hand must be set again).`]
        : [`${c.to.type} allocates pod addresses from its own pools, so Nodes keep their podCIDRs.`]),
      'Run the sed on every control-plane node; the kubelet restarts the static pod.',
    ],
    commands: [
      `sudo sed -i ${sed('--cluster-cidr=')} /etc/kubernetes/manifests/kube-controller-manager.yaml`,
      `kubectl -n kube-system get configmap kubeadm-config -o yaml | sed ${sed('podSubnet: ')} | kubectl apply -f -`,
      `if kubectl -n kube-system get configmap kube-proxy >/dev/null 2>&1; then kubectl -n kube-system get configmap kube-proxy -o yaml | sed ${sed('clusterCIDR: ')} | kubectl apply -f -; fi`,
    ],
    checks: [
      `sudo grep -q -- ${q(`--cluster-cidr=${next}`)} /etc/kubernetes/manifests/kube-controller-manager.yaml`,
      `kubectl -n kube-system get configmap kubeadm-config -o yaml | grep -q ${q(`podSubnet: ${next}`)}`,
    ],
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
        `  case "$first" in ${to.multus ? '00-multus.conf|00-multus.conflist' : q(to.cniConfig)}) ;; *) echo "$node: first CNI config is $first" >&2; exit 1 ;; esac`,
        `  ssh "$node" test -f ${q(`/etc/cni/net.d/${to.cniConfig}`)}`,
      ]
    : [];
  const reRegister = c.podsChange && to.nodeCidr;
  return {
    title: 'Migrate node by node: drain, clean, restart the new agent, check, uncordon',
    text: [
      'Nodes are reached with `ssh <node-name>`; use your own access method if node names do not resolve.',
      `The node cleanup removes ${c.from.type}'s CNI config, binaries, interfaces, state and iptables chains; ${to.type}'s agent is then restarted on the clean node.`,
      ...(to.multus ? ["Multus's pod on the node is restarted too, so it regenerates 00-multus.conf for the new primary CNI."] : []),
      ...(reRegister ? ["The Node object is deleted and the kubelet restarted so the Node registers again and gets a pod range from the new cluster range."] : []),
      'Pods left on the node (DaemonSet pods off the host network) are recreated so they get addresses from the new CNI.',
      'A reboot of the node after the cleanup also clears state no cleanup script knows about.',
    ],
    commands: [
      ...(kubeProxyCleanup ? [`image=$(cat ${q(`${c.dir}/kube-proxy-image`)})`, '# shellcheck disable=SC2029 # the image name is meant to expand here, before ssh'] : []),
      `for node in $(kubectl get nodes -o jsonpath='{.items[*].metadata.name}'); do`,
      '  kubectl cordon "$node"',
      '  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=10m',
      `  ssh "$node" sudo sh -s < ${q(nodeCleanupFile(c))}`,
      ...(kubeProxyCleanup
        ? [
            '  ssh "$node" sudo ctr images pull "$image"',
            '  ssh "$node" sudo ctr run --rm --privileged --net-host --mount type=bind,src=/lib/modules,dst=/lib/modules,options=rbind:ro "$image" kube-proxy-cleanup kube-proxy --cleanup',
          ]
        : []),
      ...(reRegister
        ? [
            '  kubectl delete node "$node"',
            '  ssh "$node" sudo systemctl restart kubelet',
            '  until kubectl get node "$node" >/dev/null 2>&1; do sleep 5; done',
            '  kubectl cordon "$node"',
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
    checks: ['kubectl wait --for=condition=Ready node --all --timeout=5m', ...c.to.agents.map((a) => `kubectl -n ${q(a.namespace)} rollout status daemonset/${q(a.name)} --timeout=5m`)],
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
