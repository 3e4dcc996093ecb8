/** What the runbook needs to know about each spec, read from the objects it synthesizes (never guessed). */
import { Names } from 'cdk8s';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { buildApp, synthObjects, type KubeObject } from '../synth';
import { NODE_CLEANUP } from '../teardown/node-cleanup';
import { crdRefs, primaryObjects, scopedObjects, type CrdRef } from '../teardown/ownership';
import { networkLabel, replacesKubeProxy } from '../teardown/teardown';

/** A spec file given to `cdk8s-cni migrate` and its validated network. */
export interface MigrationSpec {
  /** The file path as the user gave it (the runbook's commands use it verbatim). */
  readonly path: string;
  readonly network: ResolvedClusterNetwork;
}

/** A node agent DaemonSet: where it runs and how its pods are selected. */
export interface Agent {
  readonly namespace: string;
  readonly name: string;
  /** `k=v,k=v` for `kubectl -l`. */
  readonly selector: string;
}

/** The facts of one side of a migration. */
export interface SpecFacts {
  readonly path: string;
  readonly network: ResolvedClusterNetwork;
  readonly label: string;
  readonly type: string;
  /** File names `cdk8s-cni synth` writes: the CRD file (when the spec ships CRDs) and the main one. */
  readonly files: { readonly crds?: string; readonly main: string };
  readonly crds: readonly CrdRef[];
  /** The primary CNI's node agents (Multus's are not among them). */
  readonly agents: readonly Agent[];
  /** Multus's node agents (none without `spec.multus`). */
  readonly multusAgents: readonly Agent[];
  /** Multus's CRDs (the NetworkAttachmentDefinition CRD; none without `spec.multus`). */
  readonly multusCrds: readonly CrdRef[];
  /** The CNI config file its agents write on every node, when known. */
  readonly cniConfig?: string;
  readonly replacesKubeProxy: boolean;
  readonly multus: boolean;
  /**
   * Cilium's operator restarts pods its agent does not manage (`unmanaged-pod-watcher-interval` in its ConfigMap): where
   * that setting is, its synthesized value and the operator Deployment that reads it. @default - none (not Cilium)
   */
  readonly unmanagedPodWatcher?: { readonly namespace: string; readonly configMap: string; readonly interval: string; readonly operator: string };
}

const UNMANAGED_POD_WATCHER = 'unmanaged-pod-watcher-interval';

function unmanagedPodWatcherOf(objects: readonly KubeObject[]): SpecFacts['unmanagedPodWatcher'] {
  const cm = objects.find((o) => o.kind === 'ConfigMap' && typeof (o.data as Record<string, unknown> | undefined)?.[UNMANAGED_POD_WATCHER] === 'string');
  const operator = objects.find((o) => o.kind === 'Deployment' && o.metadata.namespace === cm?.metadata.namespace && o.metadata.name.endsWith('-operator'));
  if (!cm || !operator) return undefined;
  const interval = (cm.data as Record<string, string>)[UNMANAGED_POD_WATCHER];
  return { namespace: cm.metadata.namespace ?? 'default', configMap: cm.metadata.name, interval, operator: operator.metadata.name };
}

function agentsOf(objects: readonly KubeObject[]): Agent[] {
  return objects
    .filter((o) => o.kind === 'DaemonSet')
    .map((o) => {
      const labels = (o.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
      const selector = Object.entries(labels)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return { namespace: o.metadata.namespace ?? 'default', name: o.metadata.name, selector };
    });
}

/** The files `synthToDirectory` writes for `network` (cdk8s numbers the charts when the CRD chart comes first). */
function synthFiles(network: ResolvedClusterNetwork): SpecFacts['files'] {
  const { chart } = buildApp(network);
  const main = Names.toDnsLabel(chart);
  return chart.crds ? { crds: `0000-${Names.toDnsLabel(chart.crds)}.k8s.yaml`, main: `0001-${main}.k8s.yaml` } : { main: `${main}.k8s.yaml` };
}

/** What the runbook needs to know about one spec: its CNI, ranges, synthesized objects and their file paths. */
export function specFacts(spec: MigrationSpec): SpecFacts {
  const n = spec.network;
  const type = n.spec.cni.type;
  const multusObjects = n.spec.multus ? scopedObjects(n, 'multus') : [];
  const primary = primaryObjects(n);
  return {
    path: spec.path,
    network: n,
    label: networkLabel(n),
    type,
    files: synthFiles(n),
    crds: crdRefs(synthObjects(n)),
    agents: agentsOf(primary),
    multusAgents: agentsOf(multusObjects),
    multusCrds: crdRefs(multusObjects),
    cniConfig: NODE_CLEANUP[type]?.cniConfigFiles[0],
    replacesKubeProxy: replacesKubeProxy(n),
    multus: n.spec.multus !== undefined,
    unmanagedPodWatcher: unmanagedPodWatcherOf(primary),
  };
}
