/**
 * `npm run bench`: compiles src/ and bench/ to plain JavaScript (.bench-out/, no loader hooks in the measured
 * processes), runs every case in its own `node` process, prints the table and the targets, and writes
 * .bench-out/results.json and .bench-out/results.md.
 *
 * Options: `--sizes S,M` (default base,S,M,L), `--only ours,raw` (cases; also `import`, `cli` / `entries` for the
 * built package in lib/, see bench/processes.ts, and `hostile` for the adversarial sizes, bench/hostile.ts),
 * `--quick` (fewer repetitions).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { median } from './measure';
import { measureCli, measureEntryImports, type ProcessCase } from './processes';
import { HEAP_CAP_MIB, HOSTILE_CASES } from './hostile';
import { buildReport, type CaseResult, type HostileResult, type ImportResult, type SizeResults } from './report';
import { SIZES, type SizeName } from './sizes';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.bench-out');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const quick = process.argv.includes('--quick');
const sizes = (arg('sizes') ?? 'base,S,M,L').split(',') as SizeName[];
const only = arg('only')?.split(',');
const wanted = (c: string) => !only || only.includes(c);

/**
 * Per size: rounds, and warm-up runs and measured repetitions per process. Each round runs every case once, in turn, in
 * a fresh process; the medians pool the repetitions of all rounds. Interleaving spreads the load of a shared machine over
 * all cases alike, so their ratios are fair even when the absolute times drift.
 */
const REPS: Record<SizeName, { rounds: number; warmup: number; reps: number }> = quick
  ? { base: { rounds: 1, warmup: 1, reps: 3 }, S: { rounds: 1, warmup: 1, reps: 3 }, M: { rounds: 1, warmup: 1, reps: 3 }, L: { rounds: 1, warmup: 1, reps: 3 } }
  : { base: { rounds: 3, warmup: 2, reps: 3 }, S: { rounds: 3, warmup: 2, reps: 3 }, M: { rounds: 3, warmup: 1, reps: 3 }, L: { rounds: 3, warmup: 1, reps: 3 } };
const IMPORT_REPS = quick ? 5 : 15;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Transpiles src/ and bench/ file by file (type-checking is `npm test`'s job) to CommonJS in .bench-out/. */
function compile(): void {
  rmSync(OUT, { recursive: true, force: true });
  for (const file of [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'bench'))]) {
    const out = join(OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true },
    }).outputText;
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
}

function node(args: string[]): Record<string, unknown> {
  const stdout = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

function runCase(kind: string, size: SizeName): CaseResult {
  const { warmup, reps } = REPS[size];
  return node([join(OUT, 'bench', 'case.js'), kind, size, String(warmup), String(reps)]) as unknown as CaseResult;
}

/** Pools the repetitions of several processes of one case. */
function pooled(parts: readonly CaseResult[]): CaseResult {
  const times = parts.flatMap((p) => p.timesMs);
  const cpu = parts.flatMap((p) => p.cpuTimesMs);
  return {
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    reps: times.length,
    timesMs: times,
    cpuTimesMs: cpu,
    cpuMedianMs: median(cpu),
    peakRssMiB: Math.max(...parts.map((p) => p.peakRssMiB)),
  };
}

/** Cold `require` in a fresh process, timed inside it (node's own start-up excluded); also lists loaded @pulumi files. */
const IMPORT_SCRIPT = `
const mods = JSON.parse(process.argv[1]);
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (const m of mods) require(m);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const c = process.cpuUsage(c0);
const cpuMs = (c.user + c.system) / 1000;
const pulumi = Object.keys(require.cache).filter((k) => k.includes('/@pulumi/')).length;
console.log(JSON.stringify({ ms, cpuMs, pulumi, modules: Object.keys(require.cache).length }));`;

interface ColdImport {
  readonly ms: number;
  readonly cpuMs: number;
  readonly pulumi: number;
  readonly modules: number;
}

function coldImport(mods: string[]): ColdImport {
  return node(['-e', IMPORT_SCRIPT, JSON.stringify(mods)]) as unknown as ColdImport;
}

function measureImports(): ImportResult {
  const ours = [join(OUT, 'src', 'index.js')]; // transpiled per file, like the size cases (lib/ is measured by `entries`)
  const base = ['cdk8s', 'cdk8s-plus-27'];
  coldImport(ours); // warm the OS file cache for both
  coldImport(base);
  const o: ColdImport[] = [];
  const b: ColdImport[] = [];
  for (let i = 0; i < IMPORT_REPS; i++) {
    // alternate, so load on the machine hits both alike
    o.push(coldImport(ours));
    b.push(coldImport(base));
  }
  const result: ImportResult = {
    oursMs: median(o.map((r) => r.ms)),
    cdk8sMs: median(b.map((r) => r.ms)),
    oursCpuMs: median(o.map((r) => r.cpuMs)),
    cdk8sCpuMs: median(b.map((r) => r.cpuMs)),
    reps: IMPORT_REPS,
    pulumiFilesLoaded: Math.max(...o.map((r) => r.pulumi)),
    oursModules: o[0].modules,
  };
  process.stderr.write(`  import: ours ${result.oursMs.toFixed(1)} ms, cdk8s + cdk8s-plus-27 ${result.cdk8sMs.toFixed(1)} ms; CPU ${result.oursCpuMs.toFixed(1)} vs ${result.cdk8sCpuMs.toFixed(1)} ms (median of ${IMPORT_REPS} fresh processes each)\n`);
  return result;
}

/** Each adversarial case at 1× and 2×, alternating, each run in a fresh process with the heap capped. */
function measureHostile(): HostileResult[] {
  const rounds = quick ? 1 : 3;
  const reps = quick ? 1 : 2;
  return HOSTILE_CASES.map((c) => {
    const runs: Record<string, CaseResult & { n: number; rssBeforeMiB: number }>[] = [];
    for (let round = 0; round < rounds; round++) {
      const r: Record<string, CaseResult & { n: number; rssBeforeMiB: number }> = {};
      for (const factor of [1, 2]) {
        r[factor] = node([`--max-old-space-size=${HEAP_CAP_MIB}`, '--expose-gc', join(OUT, 'bench', 'case.js'), 'hostile', c.name, String(factor), String(reps)]) as never;
      }
      runs.push(r);
    }
    const at = (factor: number) => {
      const parts = runs.map((r) => r[factor]);
      return { n: parts[0].n, ...pooled(parts), rssBeforeMiB: Math.min(...parts.map((p) => p.rssBeforeMiB)) };
    };
    const result: HostileResult = { name: c.name, unit: c.unit, work: c.work, heapCapMiB: HEAP_CAP_MIB, one: at(1), two: at(2) };
    process.stderr.write(`  ${c.name}: ${result.one.n} → ${result.two.n}: CPU ${result.one.cpuMedianMs.toFixed(0)} → ${result.two.cpuMedianMs.toFixed(0)} ms, peak RSS ${result.one.peakRssMiB.toFixed(0)} → ${result.two.peakRssMiB.toFixed(0)} MiB\n`);
    return result;
  });
}

function main(): void {
  const started = Date.now();
  process.stderr.write('compiling src/ and bench/ to .bench-out/ …\n');
  compile();
  const results: SizeResults[] = [];
  for (const size of sizes) {
    process.stderr.write(`size ${size}:\n`);
    const { objects } = node([join(OUT, 'bench', 'case.js'), 'dump', size]) as { objects: number };
    const r: SizeResults = { size: SIZES[size], objects, cases: {} };
    const kinds = ['ours', 'raw', 'rawflat', 'floor', 'validate'].filter(wanted);
    const parts = new Map<string, CaseResult[]>(kinds.map((k) => [k, []]));
    for (let round = 0; round < REPS[size].rounds; round++) for (const kind of kinds) parts.get(kind)!.push(runCase(kind, size));
    for (const kind of kinds) {
      const m = (r.cases[kind] = pooled(parts.get(kind)!));
      process.stderr.write(`  ${kind.padEnd(8)} ${size.padEnd(4)} median ${m.medianMs.toFixed(1)} ms (CPU ${m.cpuMedianMs.toFixed(1)} ms) of ${m.reps} (min ${m.minMs.toFixed(1)}, max ${m.maxMs.toFixed(1)}), peak RSS ${m.peakRssMiB.toFixed(0)} MiB\n`);
    }
    results.push(r);
  }
  const imports = wanted('import') ? measureImports() : undefined;
  const hostile = wanted('hostile') ? measureHostile() : [];
  const processes: ProcessCase[] = [];
  if (wanted('cli') || wanted('entries')) {
    process.stderr.write('building lib/ (npm run build) …\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (wanted('cli')) {
    const cli = measureCli(IMPORT_REPS);
    process.stderr.write(`  ${cli.name}: CPU ${cli.cpuMs.toFixed(1)} vs ${cli.baselineCpuMs.toFixed(1)} ms\n`);
    processes.push(cli);
  }
  if (wanted('entries')) processes.push(...measureEntryImports(quick ? 5 : 11));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}`;
  const report = buildReport(results, imports, machine, (Date.now() - started) / 1000, processes, hostile);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ machine, results, imports, processes, hostile }, null, 2));
  writeFileSync(join(OUT, 'results.md'), report.markdown);
  process.stdout.write(`${report.text}\n`);
}

main();
