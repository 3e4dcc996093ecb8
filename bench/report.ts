/** The benchmark table, the ratios and the pass/fail verdicts against the issue's targets. */
import type { Measurement } from './measure';
import type { ProcessCase } from './processes';
import { scaledObjects, type BenchSize } from './sizes';

export type CaseResult = Measurement;

export interface SizeResults {
  readonly size: BenchSize;
  /** Objects synthesized (all charts, CRDs included). */
  readonly objects: number;
  readonly cases: Record<string, CaseResult>;
}

export interface ImportResult {
  readonly oursMs: number;
  readonly cdk8sMs: number;
  /** CPU time of the same `require` calls (user + system), medians. */
  readonly oursCpuMs: number;
  readonly cdk8sCpuMs: number;
  readonly reps: number;
  /** Files under @pulumi/ in the require cache after importing the library (must be 0). */
  readonly pulumiFilesLoaded: number;
  readonly oursModules: number;
}

/** The issues' targets (issue 9; issue 13 tightened L ours / raw to 1.3× and added the process and entry targets). */
export const TARGETS = { oursOverRaw: 1.3, oursOverFloor: 3, perObjectLOverS: 1.3, cliOverRaw: 1.5, entryImport: 1.1, wholeImport: 1.3, hostilePerUnit: 1.3 } as const;

/** One adversarial case (bench/hostile.ts) at 1× and 2× its size. */
export interface HostileResult {
  readonly name: string;
  readonly unit: string;
  readonly work: 'synth' | 'validate';
  readonly heapCapMiB: number;
  readonly one: HostileRun;
  readonly two: HostileRun;
}

export interface HostileRun extends CaseResult {
  /** Labels, keys or networks in the spec. */
  readonly n: number;
  /** RSS after loading and a small warm-up, before the measured runs. */
  readonly rssBeforeMiB: number;
}

interface Verdict {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly pass: boolean;
}

const ms = (m: CaseResult | undefined) => (m ? m.medianMs.toFixed(1) : '–');
const mib = (m: CaseResult | undefined) => (m ? m.peakRssMiB.toFixed(0) : '–');
const ratio = (a: CaseResult | undefined, b: CaseResult | undefined) => (a && b ? a.medianMs / b.medianMs : undefined);
const fmt = (x: number | undefined, digits = 2) => (x === undefined ? '–' : x.toFixed(digits));

/** Time per scaled object, µs, after subtracting the fixed cost measured at size `base`. */
function marginalUs(r: SizeResults, base: SizeResults | undefined, kind: string): number | undefined {
  const t = r.cases[kind];
  const b = base?.cases[kind];
  const n = scaledObjects(r.size);
  if (!t || !b || n === 0) return undefined;
  return ((t.medianMs - b.medianMs) * 1000) / n;
}

function table(rows: string[][]): { text: string; markdown: string } {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const text = rows.map((r) => r.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
  const md = [rows[0], rows[0].map(() => '---:'), ...rows.slice(1)].map((r) => `| ${r.join(' | ')} |`).join('\n');
  return { text, markdown: md };
}

/** The whole report: CPU time first (what the targets are checked on), then wall time. */
export function buildReport(
  results: readonly SizeResults[],
  imports: ImportResult | undefined,
  machine: string,
  seconds: number,
  processes: readonly ProcessCase[] = [],
  hostile: readonly HostileResult[] = [],
): { text: string; markdown: string } {
  const project = (pick: (m: CaseResult) => number): SizeResults[] =>
    results.map((r) => ({ ...r, cases: Object.fromEntries(Object.entries(r.cases).map(([k, m]) => [k, { ...m, medianMs: pick(m) }])) }));
  const cpuImports = imports && { ...imports, oursMs: imports.oursCpuMs, cdk8sMs: imports.cdk8sCpuMs };
  const cpu = section(project((m) => m.cpuMedianMs), cpuImports);
  const wall = section(project((m) => m.medianMs), imports);
  const header = `machine: ${machine}; bench wall time ${seconds.toFixed(0)} s`;
  const cpuTitle = 'CPU time (user + system of the measuring process, median; what the targets are checked on)';
  const wallTitle = 'wall time (median; includes time other processes held the cores)';
  const proc = processSection(processes);
  const procTitle = 'the built package (lib/) as processes and cold imports (CPU time checked, wall time for information)';
  const hos = hostileSection(hostile);
  const hosTitle = `adversarial sizes at 1× and 2× (CPU time, median; heap capped at ${hostile[0]?.heapCapMiB ?? '–'} MiB)`;
  return {
    text: `${header}\n\n== ${cpuTitle}\n\n${cpu.text}\n\n== ${wallTitle}\n\n${wall.text}${proc ? `\n\n== ${procTitle}\n\n${proc.text}` : ''}${hos ? `\n\n== ${hosTitle}\n\n${hos.text}` : ''}`,
    markdown: `${header}\n\n#### ${cpuTitle}\n\n${cpu.markdown}\n\n#### ${wallTitle}\n\n${wall.markdown}${proc ? `\n\n#### ${procTitle}\n\n${proc.markdown}` : ''}${hos ? `\n\n#### ${hosTitle}\n\n${hos.markdown}` : ''}`,
  };
}

/**
 * Issue 17's linear cost: per unit (label, key, network) the 2× run must cost at most 1.3× what the 1× run costs per unit
 * (time ratio 2× / 1× ≤ 2.6, ideally 2), and so must the memory the input adds (peak RSS minus RSS before the runs).
 */
function hostileSection(hostile: readonly HostileResult[]): { text: string; markdown: string } | undefined {
  if (!hostile.length) return undefined;
  const rows = hostile.map((h) => {
    const t = h.two.cpuMedianMs / h.one.cpuMedianMs;
    const grow = (r: HostileRun) => Math.max(1, r.peakRssMiB - r.rssBeforeMiB);
    const m = grow(h.two) / grow(h.one);
    const perUnit = (r: HostileRun) => (r.cpuMedianMs * 1000) / r.n;
    const pass = t / 2 <= TARGETS.hostilePerUnit && m / 2 <= TARGETS.hostilePerUnit;
    return [
      `${h.name} (${h.work})`,
      `${h.one.n} → ${h.two.n}`,
      `${fmt(h.one.cpuMedianMs, 0)} → ${fmt(h.two.cpuMedianMs, 0)}`,
      `${fmt(t)}×`,
      `${fmt(perUnit(h.one), 1)} → ${fmt(perUnit(h.two), 1)}`,
      `${fmt(h.one.peakRssMiB, 0)} → ${fmt(h.two.peakRssMiB, 0)}`,
      `${fmt(grow(h.one), 0)} → ${fmt(grow(h.two), 0)} (${fmt(m)}×)`,
      `≤ ${fmt(2 * TARGETS.hostilePerUnit, 1)}×`,
      pass ? 'PASS' : 'FAIL',
    ];
  });
  return table([['case', `count 1× → 2×`, 'CPU ms', 'time 2×/1×', 'µs per unit', 'peak RSS MiB', 'RSS added MiB', 'allowed (time, memory)', 'result'], ...rows]);
}

/** Issue 13's targets on the built package: the CLI as a process, the per-CNI entries and the whole library. */
function processSection(processes: readonly ProcessCase[]): { text: string; markdown: string } | undefined {
  if (!processes.length) return undefined;
  const rows = processes.map((p) => {
    const allowed = p.name.startsWith('CLI') ? TARGETS.cliOverRaw : p.name.includes('whole library') ? TARGETS.wholeImport : TARGETS.entryImport;
    const r = p.cpuMs / p.baselineCpuMs;
    return [`${p.name} vs ${p.baseline}`, `${fmt(p.cpuMs, 1)} / ${fmt(p.baselineCpuMs, 1)}`, `${fmt(p.ms, 1)} / ${fmt(p.baselineMs, 1)}`, `${fmt(r)}×`, `≤ ${allowed}×`, r <= allowed ? 'PASS' : 'FAIL'];
  });
  return table([['case', 'CPU ms ours / baseline', 'wall ms ours / baseline', 'ratio (CPU)', 'allowed', 'result'], ...rows]);
}

/** One table, the verdicts and the comparison notes, for one time metric (in `medianMs`). */
function section(results: readonly SizeResults[], imports: ImportResult | undefined): { text: string; markdown: string } {
  const by = (name: string) => results.find((r) => r.size.name === name);
  const base = by('base');
  const rows = [
    ['size', 'objects', 'ours ms', 'raw cdk8s ms', 'raw flat ms', 'floor ms', 'validate ms', 'ours/raw', 'ours/raw flat', 'ours/floor', 'ours µs/obj', 'marginal µs/obj', 'RSS ours/raw/floor MiB'],
    ...results.map((r) => {
      const c = r.cases;
      return [
        r.size.name,
        String(r.objects),
        ms(c.ours),
        ms(c.raw),
        ms(c.rawflat),
        ms(c.floor),
        ms(c.validate),
        fmt(ratio(c.ours, c.raw)),
        fmt(ratio(c.ours, c.rawflat)),
        fmt(ratio(c.ours, c.floor)),
        c.ours ? fmt((c.ours.medianMs * 1000) / r.objects, 0) : '–',
        fmt(marginalUs(r, base, 'ours'), 0),
        `${mib(c.ours)}/${mib(c.raw)}/${mib(c.floor)}`,
      ];
    }),
  ];
  const verdicts: Verdict[] = [];
  const L = by('L');
  const S = by('S');
  const oursRaw = L && ratio(L.cases.ours, L.cases.raw);
  if (oursRaw !== undefined) verdicts.push({ name: 'L: ours / raw cdk8s (same charts and chart dependency)', value: `${fmt(oursRaw)}×`, target: `≤ ${TARGETS.oursOverRaw}×`, pass: oursRaw <= TARGETS.oursOverRaw });
  const oursFlat = L && ratio(L.cases.ours, L.cases.rawflat);
  if (oursFlat !== undefined) verdicts.push({ name: 'L: ours / raw cdk8s without chart dependencies (for information)', value: `${fmt(oursFlat)}×`, target: `≤ ${TARGETS.oursOverRaw}×`, pass: oursFlat <= TARGETS.oursOverRaw });
  const oursFloor = L && ratio(L.cases.ours, L.cases.floor);
  if (oursFloor !== undefined) verdicts.push({ name: 'L: ours / floor (yaml stringify)', value: `${fmt(oursFloor)}×`, target: `≤ ${TARGETS.oursOverFloor}×`, pass: oursFloor <= TARGETS.oursOverFloor });
  if (L && S) {
    const mL = marginalUs(L, base, 'ours');
    const mS = marginalUs(S, base, 'ours');
    if (mL !== undefined && mS !== undefined) {
      const g = mL / mS;
      verdicts.push({ name: 'per object L / S (marginal: fixed cost at size base subtracted)', value: `${fmt(g)}×`, target: `≤ ${TARGETS.perObjectLOverS}×`, pass: g <= TARGETS.perObjectLOverS });
    }
    if (L.cases.ours && S.cases.ours) {
      const g = L.cases.ours.medianMs / L.objects / (S.cases.ours.medianMs / S.objects);
      verdicts.push({ name: 'per object L / S (total time / all objects)', value: `${fmt(g)}×`, target: `≤ ${TARGETS.perObjectLOverS}×`, pass: g <= TARGETS.perObjectLOverS });
    }
    const vL = marginalUs(L, base, 'validate');
    const vS = marginalUs(S, base, 'validate');
    if (vL !== undefined && vS !== undefined && vS > 0) {
      verdicts.push({ name: 'validation per object L / S (marginal)', value: `${fmt(vL / vS)}×`, target: `≤ ${TARGETS.perObjectLOverS}×`, pass: vL / vS <= TARGETS.perObjectLOverS });
    }
  }
  // The same growth measured on the baselines: how much of ours is cdk8s's / yaml's own (GC, larger heaps).
  const info: string[] = [];
  if (L && S) {
    for (const [kind, label] of [['raw', 'raw cdk8s'], ['rawflat', 'raw cdk8s without chart dependencies'], ['floor', 'floor']] as const) {
      const mL = marginalUs(L, base, kind);
      const mS = marginalUs(S, base, kind);
      if (mL !== undefined && mS !== undefined) info.push(`per object L / S (marginal) of ${label}: ${fmt(mL / mS)}× (${fmt(mS, 0)} → ${fmt(mL, 0)} µs)`);
    }
  }
  if (imports) {
    const r = imports.oursMs / imports.cdk8sMs;
    verdicts.push({
      name: `cold import: whole library (transpiled per file) ${imports.oursMs.toFixed(0)} ms vs cdk8s + cdk8s-plus-27 ${imports.cdk8sMs.toFixed(0)} ms`,
      value: `${fmt(r)}×`,
      target: `≤ ${TARGETS.wholeImport}×`,
      pass: r <= TARGETS.wholeImport,
    });
    verdicts.push({ name: 'cold import loads no @pulumi/* file', value: `${imports.pulumiFilesLoaded} files`, target: '0', pass: imports.pulumiFilesLoaded === 0 });
  }
  const t = table(rows);
  const v = table([['target', 'measured', 'allowed', 'result'], ...verdicts.map((x) => [x.name, x.value, x.target, x.pass ? 'PASS' : 'FAIL'])]);
  const notes = info.length ? `\n\nfor comparison:\n${info.map((l) => `- ${l}`).join('\n')}` : '';
  return {
    text: `${t.text}\n\n${v.text}${notes}`,
    markdown: `${t.markdown}\n\n${v.markdown}${notes}\n`,
  };
}
