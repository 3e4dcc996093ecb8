/** What the runbook needs to know about each spec, read from the objects it synthesizes (never guessed). */
import { Names } from 'cdk8s';
import { cniModuleFor } from '../cni/registry';
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
  readonly nodeCidr: boolean;
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

export function specFacts(spec: MigrationSpec): SpecFacts {
  const n = spec.network;
  const type = n.spec.cni.type;
  const multusObjects = n.spec.multus ? scopedObjects(n, 'multus') : [];
  return {
    path: spec.path,
    network: n,
    label: networkLabel(n),
    type,
    files: synthFiles(n),
    crds: crdRefs(synthObjects(n)),
    agents: agentsOf(primaryObjects(n)),
    multusAgents: agentsOf(multusObjects),
    multusCrds: crdRefs(multusObjects),
    cniConfig: NODE_CLEANUP[type]?.cniConfigFiles[0],
    replacesKubeProxy: replacesKubeProxy(n),
    multus: n.spec.multus !== undefined,
    nodeCidr: cniModuleFor(type).podAddressing(n as never) === 'node-cidr',
  };
}
