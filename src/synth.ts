/**
 * Synthesis without the cdk8s CLI: spec → validated → YAML files (atomically) or plain objects.
 * Used by `src/main.ts`, the `cdk8s-cni` CLI and the Pulumi stacks.
 */
import { mkdtempSync, mkdirSync, readdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { App, Chart, YamlOutputType } from 'cdk8s';
import { ClusterNetworkChart, type ClusterNetworkChartProps } from './charts/cluster-network-chart';
import type { SpecIssue } from './spec/issues';
import { overriddenLabelIssues } from './spec/labels';

export interface SynthOptions extends Omit<ClusterNetworkChartProps, 'spec'> {
  /**
   * Called with each warning only synthesis can find (a user label the CNI's own label replaced,
   * `metadata/label-overridden`; what the `overrides` prop replaced or patched), after the objects are rendered.
   * @default warnings are dropped
   */
  readonly onWarning?: (warning: SpecIssue) => void;
  /**
   * synthToDirectory only: also remove manifests (`*.k8s.yaml`) that an earlier synth wrote into the folder under
   * another spec name. Other files are never touched. @default false (only this spec's earlier files are replaced)
   */
  readonly prune?: boolean;
}

function reportSynthWarnings(chart: ClusterNetworkChart, opts: SynthOptions): void {
  if (opts.onWarning) for (const w of [...overriddenLabelIssues(chart.overriddenLabels), ...chart.overrideWarnings]) opts.onWarning(w);
}

/** One synthesized object, in apply order. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

/** Builds the app for a spec (throws `SpecValidationError` on an invalid spec). */
export function buildApp(spec: ClusterNetworkChartProps['spec'], opts: SynthOptions & { outdir?: string } = {}): { app: App; chart: ClusterNetworkChart } {
  const app = new App({ outdir: opts.outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const name = (spec as { metadata?: { name?: unknown } }).metadata?.name;
  const chart = new ClusterNetworkChart(app, typeof name === 'string' && name ? name : 'cluster-network', { ...opts, spec });
  return { app, chart };
}

/** Every object the spec produces, CRDs first, in the order the files list them. */
export function synthObjects(spec: ClusterNetworkChartProps['spec'], opts: SynthOptions = {}): KubeObject[] {
  const { chart } = buildApp(spec, opts);
  const charts: Chart[] = chart.crds ? [chart.crds, chart] : [chart];
  const objects = charts.flatMap((c) => c.toJson() as KubeObject[]);
  reportSynthWarnings(chart, opts);
  return objects;
}

/**
 * The files a chart named `id` writes: `<id>.k8s.yaml`, or with CRDs `NNNN-<id>-crds.k8s.yaml` and `NNNN-<id>.k8s.yaml`.
 * Stale files of this chart from an earlier synth are replaced; other files in the folder are left alone.
 */
function ownFilePattern(id: string): RegExp {
  const name = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(\\d{4}-)?${name}(-crds)?\\.k8s\\.yaml$`);
}

/**
 * Synthesizes into `outdir` atomically: files are written to a temporary sibling folder and moved into place only when
 * everything succeeded, so an invalid spec leaves `outdir` untouched. Returns the written file paths.
 */
export function synthToDirectory(spec: ClusterNetworkChartProps['spec'], outdir: string, opts: SynthOptions = {}): string[] {
  const target = resolve(outdir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, '.cdk8s-cni-'));
  try {
    const { app, chart } = buildApp(spec, { ...opts, outdir: tmp });
    app.synth();
    reportSynthWarnings(chart, opts);
    const files = readdirSync(tmp).sort();
    mkdirSync(target, { recursive: true });
    const ours = opts.prune ? /\.k8s\.yaml$/ : ownFilePattern(chart.node.id);
    for (const f of readdirSync(target)) if (ours.test(f)) rmSync(join(target, f));
    for (const f of files) renameSync(join(tmp, f), join(target, f));
    return files.map((f) => join(target, f));
  } finally {
    if (existsSync(tmp)) rmSync(tmp, { recursive: true, force: true });
  }
}
