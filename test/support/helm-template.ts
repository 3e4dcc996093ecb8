/**
 * `helm template` output of the Cilium chart (../shared/reference/cilium/rendered, see SOURCES.md there), read as the
 * API server reads it, and an object-by-object comparison with what a construct synthesizes.
 */
import { parseAllDocuments } from 'yaml';
import { readFileSync } from 'node:fs';
import { referencePath } from './shared';

/** A rendered value set of ../shared/reference/cilium/rendered (`helm-template-<name>.yaml`). */
export type RenderedSet = 'default' | 'kpr-native-wireguard-hubble' | 'geneve-ipsec-relay' | 'dual-stack-kubernetes-ipam';

/** Drops `null` fields (`annotations:` with nothing under it), which the API server treats as absent. */
function dropNull(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(dropNull);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNull(v)]));
  return x;
}

/**
 * The objects of one rendered set. Parsed as YAML 1.1, as Kubernetes' YAML decoder does, so the chart's
 * `defaultMode: 0400` is octal (256), not the decimal 400 a YAML 1.2 reader would make of it.
 */
export function renderedObjects(set: RenderedSet): any[] {
  const text = readFileSync(referencePath('cilium', 'rendered', `helm-template-${set}.yaml`), 'utf8');
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => dropNull(d.toJS()))
    .filter((o) => o !== null && o !== undefined);
}

/** `Kind/namespace/name`, the identity objects are matched by. */
export const objectKey = (o: any): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Every path where two JSON values differ (`a.b[2].c: ours=… chart=…`), empty when equal. */
export function jsonDiffs(ours: unknown, chart: unknown, path = ''): string[] {
  const bothObjects = ours && chart && typeof ours === 'object' && typeof chart === 'object' && Array.isArray(ours) === Array.isArray(chart);
  if (!bothObjects) return JSON.stringify(ours) === JSON.stringify(chart) ? [] : [`${path}: ours=${JSON.stringify(ours)} chart=${JSON.stringify(chart)}`];
  const a = ours as Record<string, unknown>;
  const b = chart as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => jsonDiffs(a[k], b[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`));
}

/** The comparison of synthesized objects with a rendered set: objects only one side has, and field differences per object. */
export function compareWithRendered(ours: readonly any[], set: RenderedSet): { missing: string[]; extra: string[]; diffs: Record<string, string[]> } {
  const chart = renderedObjects(set);
  const mine = new Map(ours.map((o) => [objectKey(o), JSON.parse(JSON.stringify(o))]));
  const theirs = new Map(chart.map((o) => [objectKey(o), o]));
  const diffs: Record<string, string[]> = {};
  for (const [k, o] of theirs) {
    const m = mine.get(k);
    if (!m) continue;
    const d = jsonDiffs(m, o);
    if (d.length > 0) diffs[k] = d;
  }
  return {
    missing: [...theirs.keys()].filter((k) => !mine.has(k)),
    extra: [...mine.keys()].filter((k) => !theirs.has(k)),
    diffs,
  };
}
