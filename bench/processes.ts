/**
 * Whole-process benchmarks of the built package (lib/, what `npm pack` ships), issue 13:
 * - **cli**: `node bin/cdk8s-cni synth network.yaml` (the default spec) as a process, against a plain Node process
 *   that writes the same objects with raw cdk8s (`ApiObject`s in one chart, `app.synth()`): start-up, loading,
 *   validation, synthesis and writing the files, node's own start-up included on both sides.
 * - **import**: a cold `require()` of each per-CNI entry (`lib/src/entries/<cni>.js`) and of the whole library
 *   (`lib/src/index.js`, lazy; and again reading every export, which loads everything), against `cdk8s` +
 *   `cdk8s-plus-27`; timed inside the process (node's start-up excluded).
 * CPU time is user + system of the whole process (`process.cpuUsage()` at exit, from a `--require`d probe, the same
 * for both sides); cases alternate, one warm-up each, medians.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './measure';

const ROOT = join(__dirname, '..');

export interface ProcessCase {
  readonly name: string;
  readonly ms: number;
  readonly cpuMs: number;
  readonly baselineMs: number;
  readonly baselineCpuMs: number;
  readonly baseline: string;
  readonly pulumiFiles?: number;
}

/** Writes the process's whole CPU time (and wall time since start) as JSON to the file named by BENCH_PROBE_OUT. */
const PROBE = `process.on('exit', () => { const c = process.cpuUsage(); require('fs').writeFileSync(process.env.BENCH_PROBE_OUT, JSON.stringify({ cpuMs: (c.user + c.system) / 1000, ms: performance.now(), pulumi: Object.keys(require.cache).filter((k) => k.includes('/@pulumi/')).length })); });`;

function probed(args: string[], dir: string): { ms: number; cpuMs: number; pulumi: number } {
  const out = join(dir, 'probe.json');
  execFileSync(process.execPath, ['--require', join(dir, 'probe.js'), ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BENCH_PROBE_OUT: out } });
  return JSON.parse(readFileSync(out, 'utf8'));
}

function alternate(reps: number, a: () => { ms: number; cpuMs: number; pulumi?: number }, b: () => { ms: number; cpuMs: number }) {
  a();
  b();
  const as: { ms: number; cpuMs: number; pulumi?: number }[] = [];
  const bs: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < reps; i++) {
    as.push(a());
    bs.push(b());
  }
  return {
    ms: median(as.map((x) => x.ms)),
    cpuMs: median(as.map((x) => x.cpuMs)),
    baselineMs: median(bs.map((x) => x.ms)),
    baselineCpuMs: median(bs.map((x) => x.cpuMs)),
    pulumiFiles: Math.max(...as.map((x) => x.pulumi ?? 0)),
  };
}

/** The raw-cdk8s side of the CLI case: the same objects, one chart, synthesized to a folder. */
const RAW_SYNTH = `
const { App, Chart, ApiObject } = require(${JSON.stringify(require.resolve('cdk8s', { paths: [ROOT] }))});
const objects = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const app = new App({ outdir: process.argv[3] });
const chart = new Chart(app, 'demo');
objects.forEach((o, i) => new ApiObject(chart, 'o' + i, o));
app.synth();`;

export function measureCli(reps: number): ProcessCase {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-cni-bench-'));
  try {
    writeFileSync(join(dir, 'probe.js'), PROBE);
    const spec = join(ROOT, 'network.yaml');
    const ours = join(dir, 'ours');
    probed([join(ROOT, 'bin', 'cdk8s-cni'), 'synth', spec, '-o', ours], dir);
    // The objects ours wrote, in order, for the raw side (parsed with the yaml package cdk8s bundles, outside the timing).
    const { parseAllDocuments } = require(require.resolve('yaml', { paths: [ROOT] })) as typeof import('yaml');
    const written = readFileSync(join(ours, 'demo.k8s.yaml'), 'utf8');
    const objects = parseAllDocuments(written).map((d) => d.toJSON());
    writeFileSync(join(dir, 'objects.json'), JSON.stringify(objects));
    writeFileSync(join(dir, 'raw.js'), RAW_SYNTH);
    const r = alternate(
      reps,
      () => probed([join(ROOT, 'bin', 'cdk8s-cni'), 'synth', spec, '-o', ours], dir),
      () => probed([join(dir, 'raw.js'), join(dir, 'objects.json'), join(dir, 'raw')], dir),
    );
    const raw = readFileSync(join(dir, 'raw', 'demo.k8s.yaml'), 'utf8');
    if (raw !== written) throw new Error('the raw cdk8s process did not write the same YAML as the CLI');
    return { name: `CLI synth of network.yaml (${objects.length} objects) as a process`, baseline: 'node writing the same objects with raw cdk8s', ...r };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const IMPORT = `const c0 = process.cpuUsage(); const t0 = performance.now();
for (const m of JSON.parse(process.argv[1])) { const lib = require(m); if (process.argv[2] === 'touch') for (const k of Object.keys(lib)) void lib[k]; }
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, pulumi: Object.keys(require.cache).filter((k) => k.includes('/@pulumi/')).length }));`;

function coldImport(mods: string[], touch = false): { ms: number; cpuMs: number; pulumi: number } {
  const out = execFileSync(process.execPath, ['-e', IMPORT, JSON.stringify(mods), touch ? 'touch' : ''], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Entries measured: every per-CNI entry, Multus, then the whole library. */
export const IMPORT_ENTRIES = ['flannel', 'calico', 'canal', 'cilium', 'weave', 'aws-vpc-cni', 'azure-cni', 'multus'];

export function measureEntryImports(reps: number): ProcessCase[] {
  const base = ['cdk8s', 'cdk8s-plus-27'];
  const index = join(ROOT, 'lib', 'src', 'index.js');
  const cases: [string, string, boolean][] = [
    ...IMPORT_ENTRIES.map((e): [string, string, boolean] => [`cdk8s-cni/${e}`, join(ROOT, 'lib', 'src', 'entries', `${e}.js`), false]),
    ['cdk8s-cni (whole library)', index, false],
    // The index loads its modules on first use (scripts/lazy-index.js): reading every export loads all of them.
    ['cdk8s-cni (whole library, every export read)', index, true],
  ];
  return cases.map(([name, file, touch]) => {
    const r = alternate(reps, () => coldImport([file], touch), () => coldImport(base));
    process.stderr.write(`  import ${name}: CPU ${r.cpuMs.toFixed(1)} vs ${r.baselineCpuMs.toFixed(1)} ms (${(r.cpuMs / r.baselineCpuMs).toFixed(2)}×)\n`);
    return { name: `cold import of ${name}`, baseline: 'cdk8s + cdk8s-plus-27', ...r };
  });
}
