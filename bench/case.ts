/**
 * One benchmark case in its own process (run by `bench/run.ts` from the compiled tree in .bench-out/):
 *   node .bench-out/bench/case.js <case> <size> [warmup] [reps]
 * Cases: `ours` (spec → validated → YAML, with the app's policies and pods), `raw` (the same objects as raw cdk8s
 * ApiObjects in the same charts, with the same chart dependency), `rawflat` (the same without chart dependencies), `floor` (`yaml` stringify of the same plain objects), `validate` (spec validation alone), `dump` (writes
 * the objects `raw` and `floor` use). Prints one JSON line: the measurement.
 *   node .bench-out/bench/case.js hostile <labels|unknown-keys|networks> <factor> [reps]
 * runs an adversarial case (bench/hostile.ts) at `factor` × its size, after a warm-up at 1/100 of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { validateClusterNetwork } from '../src/spec/validate';
import { benchApp, benchSpec } from './generators';
import { hostileCase, hostileWork } from './hostile';
import { measure } from './measure';
import { SIZES, type SizeName } from './sizes';

interface Dump {
  readonly charts: ReadonlyArray<{
    readonly name: string;
    /** Charts this one depends on (the CRD chart): `raw` adds the same dependencies, so cdk8s orders and names alike. */
    readonly dependsOn: readonly string[];
    readonly objects: ReadonlyArray<Record<string, unknown>>;
  }>;
}

const [kind, sizeName, warmupArg, repsArg] = process.argv.slice(2);
if (kind === 'hostile') {
  process.stdout.write(`${JSON.stringify(runHostile(sizeName, Number(warmupArg), Number(repsArg ?? 2)))}\n`);
  process.exit(0);
}
const size = SIZES[sizeName as SizeName];
if (!size) throw new Error(`unknown size ${sizeName} (allowed: ${Object.keys(SIZES).join(', ')})`);
const dumpPath = join(__dirname, '..', `objects-${size.name}.json`);
const opts = { warmup: Number(warmupArg ?? 2), reps: Number(repsArg ?? 5) };
const loadDump = (): Dump => JSON.parse(readFileSync(dumpPath, 'utf8')) as Dump;
const objectsIn = (d: Dump) => d.charts.reduce((n, c) => n + c.objects.length, 0);

function run(): Record<string, unknown> {
  switch (kind) {
    case 'dump': {
      const app = benchApp(size);
      app.synthYaml(); // runs the app's validations, as `ours` does
      const dump: Dump = {
        charts: app.charts.map((c) => ({
          name: c.node.id,
          dependsOn: c.node.dependencies.filter((d) => d instanceof Chart).map((d) => d.node.id),
          objects: c.toJson() as Record<string, unknown>[],
        })),
      };
      writeFileSync(dumpPath, JSON.stringify(dump));
      return { objects: objectsIn(dump) };
    }
    case 'ours': {
      const spec = benchSpec(size);
      return { ...measure(() => benchApp(size, spec).synthYaml(), opts) };
    }
    case 'validate': {
      const spec = benchSpec(size);
      return {
        ...measure(() => {
          const r = validateClusterNetwork(spec);
          if (!r.ok) throw new Error(`generated spec is invalid: ${JSON.stringify(r.issues.slice(0, 3))}`);
          return r;
        }, opts),
      };
    }
    case 'raw':
    case 'rawflat': {
      // raw: the same charts with the same chart dependencies as ours; rawflat: the same objects, no dependencies
      const dump = loadDump();
      const withDeps = kind === 'raw';
      return {
        ...measure(() => {
          const app = new App();
          const charts = new Map<string, Chart>();
          for (const c of dump.charts) {
            const chart = new Chart(app, c.name);
            charts.set(c.name, chart);
            c.objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o as never));
          }
          if (withDeps) for (const c of dump.charts) for (const d of c.dependsOn) charts.get(c.name)!.addDependency(charts.get(d)!);
          return app.synthYaml();
        }, opts),
      };
    }
    case 'floor': {
      const docs = loadDump().charts.flatMap((c) => c.objects);
      // the options cdk8s's own Yaml.stringify uses
      return { ...measure(() => docs.map((d) => stringify(d, { keepUndefined: true, lineWidth: 0 })).join('---\n'), opts) };
    }
    default:
      throw new Error(`unknown case ${kind} (allowed: dump, ours, raw, rawflat, floor, validate)`);
  }
}

/** An adversarial case: warm-up on 1/100 of the input, then `reps` measured runs; RSS before them, to show the growth. */
function runHostile(name: string, factor: number, reps: number): Record<string, unknown> {
  const c = hostileCase(name);
  const n = Math.round(c.n * factor);
  hostileWork(c, c.spec(Math.max(1, Math.round(n / 100))));
  const spec = c.spec(n);
  global.gc?.();
  const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
  return { name, n, rssBeforeMiB, ...measure(() => hostileWork(c, spec), { warmup: 0, reps }) };
}

process.stdout.write(`${JSON.stringify(run())}\n`);
