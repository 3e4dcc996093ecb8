/**
 * The published package as a user gets it: `npm pack` the repository and install the tarball, offline (from the npm
 * cache `npm ci` filled), into a throwaway project (the files in test/consumer/fixture/), then:
 * (a) require() it from plain Node, (b) import it from ESM, (c) type-check a TypeScript consumer under
 * moduleResolution node16 and bundler, (d) synthesize a cdk8s app run with ts-node the way `cdk8s init typescript-app`
 * sets it up (its tsconfig.json and cdk8s.yaml), (e) type-check a Pulumi program against `cdk8s-cni/pulumi`, and run
 * the packed CLI's synth. No consumer has tsx.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { synthToDirectory } from '../../src/synth';
import { validateClusterNetwork } from '../../src/spec/validate';

const ROOT = resolve(__dirname, '..', '..');
const FIXTURE = join(__dirname, 'fixture');
type LockEntry = { version: string; resolved?: string; integrity?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }>; [k: string]: unknown };
const LOCK = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
/** The version our lockfile pins. */
const pinned = (name: string) => LOCK.packages[`node_modules/${name}`].version;

/** Where Node finds `name` from the package at `from` (a lockfile path), in our lockfile's layout. */
function locate(from: string, name: string): string | undefined {
  for (let base = from; ; ) {
    const p = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (LOCK.packages[p]) return p;
    if (!base) return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

/**
 * A lockfile for the consumer project: the tarball plus the closure of its and the consumer's dependencies, taken
 * from our package-lock.json (same versions, resolved URLs and integrity). `npm ci --offline` then installs from the
 * cache our own `npm ci` filled (it holds tarballs, not registry metadata, so a plain `npm install` would go online).
 */
function consumerLock(root: LockEntry & { name: string }, self: LockEntry): object {
  const packages: Record<string, LockEntry> = { '': root, 'node_modules/cdk8s-cni': self };
  const queue: [string, Record<string, string> | undefined, Record<string, string> | undefined][] = [
    ['', { ...root.dependencies, ...(root.devDependencies as Record<string, string>) }, undefined],
    ['node_modules/cdk8s-cni', self.dependencies, undefined],
  ];
  while (queue.length) {
    const [from, deps, optional] = queue.shift()!;
    for (const [name, required] of [...Object.keys(deps ?? {}).map((n) => [n, true] as const), ...Object.keys(optional ?? {}).map((n) => [n, false] as const)]) {
      if (name === 'cdk8s-cni') continue;
      const at = locate(from, name);
      if (!at) {
        if (required) throw new Error(`${from || 'consumer'} needs ${name}, which our lockfile does not have`);
        continue;
      }
      if (packages[at]) continue;
      const { dev, devOptional, peer, ...entry } = LOCK.packages[at];
      // Our lockfile omits registry URLs (omit-lockfile-registry-resolved); npm finds the tarball in the cache by integrity.
      const pkgName = at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length);
      entry.resolved ??= `https://registry.npmjs.org/${pkgName}/-/${pkgName.split('/').pop()}-${entry.version}.tgz`;
      packages[at] = entry as LockEntry;
      const peers = Object.fromEntries(Object.entries(entry.peerDependencies ?? {}).filter(([n]) => !entry.peerDependenciesMeta?.[n]?.optional));
      queue.push([at, { ...entry.dependencies, ...peers }, entry.optionalDependencies]);
    }
  }
  return { name: root.name, version: root.version, lockfileVersion: 3, requires: true, packages };
}

const CONSUMER_DEV_DEPS = ['typescript', 'ts-node', '@types/node'];
const PULUMI_PEERS = ['@pulumi/pulumi', '@pulumi/kubernetes', '@pulumi/aws', '@pulumi/azure-native', '@pulumi/random', '@pulumi/tls'];

let work: string;
let project: string;
let tarball: string;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${err.stdout ?? ''}\n${err.stderr ?? ''}\n${err.message}`);
  }
}
const npm = (args: string[], cwd: string) => run('npm', args, cwd, { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
const tsc = (project: string, cwd: string) => run(process.execPath, [join(cwd, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], cwd);

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'cdk8s-cni-consumer-'));
  // The build is incremental (lib/.tsbuildinfo): cheap when `npm ci` (prepare) already built it.
  npm(['run', 'build', '--silent'], ROOT);
  const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0].filename);
  project = join(work, 'project');
  cpSync(FIXTURE, project, { recursive: true });
  const devDependencies = Object.fromEntries([...CONSUMER_DEV_DEPS, ...PULUMI_PEERS].map((n) => [n, pinned(n)]));
  const dependencies = { 'cdk8s-cni': `file:../${packed[0].filename}` };
  const root = { name: 'consumer', version: '1.0.0', private: true, dependencies, devDependencies };
  writeFileSync(join(project, 'package.json'), JSON.stringify(root, null, 2));
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as LockEntry;
  const self: LockEntry = {
    version: own.version,
    resolved: `file:../${packed[0].filename}`,
    integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
    license: own.license,
    dependencies: own.dependencies,
    peerDependencies: own.peerDependencies,
    peerDependenciesMeta: own.peerDependenciesMeta,
    bin: own.bin,
    engines: own.engines,
  };
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(consumerLock({ ...root, version: '1.0.0' } as LockEntry & { name: string }, self), null, 2));
  // Offline: everything comes from the cache `npm ci` filled; no install scripts (Pulumi's would download plugins).
  npm(['ci', '--offline', '--ignore-scripts'], project);
}, 900_000);

// KEEP_CONSUMER=1 keeps the throwaway project (printed path: its parent is in os.tmpdir()) for debugging.
afterAll(() => {
  if (work && !process.env.KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
});

const spec = () => JSON.parse(readFileSync(join(FIXTURE, 'spec.json'), 'utf8'));

test('the tarball holds compiled JavaScript and declarations, no TypeScript sources, tests or tsx', () => {
  const listed = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  expect(listed).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'bin/cdk8s-cni', 'lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/cli/main.js', 'lib/src/entries/calico.js', 'schema/cluster-network.schema.json']));
  expect(listed.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  expect(listed.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('bench/'))).toEqual([]);
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules', 'cdk8s-cni', 'package.json'), 'utf8'));
  expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
  expect(readdirSync(join(project, 'node_modules'))).not.toContain('tsx');
});

test('(a) require() from plain Node: whole library, per-CNI and spec entries; synthesizes; loads no Pulumi', () => {
  const out = JSON.parse(run(process.execPath, ['cjs.cjs'], project));
  expect(out.kinds).toContain('DaemonSet');
});

test('(b) import from ESM: named exports of the root and per-concern entries', () => {
  const out = JSON.parse(run(process.execPath, ['esm.mjs'], project));
  expect(out.kinds).toEqual(expect.arrayContaining(['Namespace', 'ConfigMap', 'DaemonSet']));
});

test.each(['node16', 'bundler'])('(c) a TypeScript consumer (and the README example) type-checks under moduleResolution %s', (mode) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toContain("from 'cdk8s-cni");
  writeFileSync(join(project, 'readme-example.ts'), example!);
  const config = JSON.parse(readFileSync(join(project, `tsconfig.${mode}.json`), 'utf8'));
  writeFileSync(join(project, `tsconfig.${mode}.readme.json`), JSON.stringify({ ...config, files: [...config.files, 'readme-example.ts'] }));
  expect(tsc(`tsconfig.${mode}.readme.json`, project)).toBe('');
});

test('(d) a cdk8s app as `cdk8s init typescript-app` sets it up (ts-node, its tsconfig) synthesizes', () => {
  const app = join(project, 'app');
  const command = (parse(readFileSync(join(app, 'cdk8s.yaml'), 'utf8')) as { app: string }).app;
  expect(command).toBe('npx ts-node main.ts');
  // What `cdk8s synth` does: run the app command with CDK8S_OUTDIR set.
  run('sh', ['-c', command], app, { CDK8S_OUTDIR: 'dist', npm_config_offline: 'true' });
  const files = readdirSync(join(app, 'dist')).sort();
  expect(files).toEqual(['0000-network-crds.k8s.yaml', '0001-network.k8s.yaml', '0002-extra.k8s.yaml']);
  const extra = readFileSync(join(app, 'dist', '0002-extra.k8s.yaml'), 'utf8');
  expect(extra).toContain('namespace: flannel-extra');
  expect(readFileSync(join(app, 'dist', '0001-network.k8s.yaml'), 'utf8')).toContain('name: calico-node');
});

test('(e) a Pulumi program using cdk8s-cni/pulumi type-checks', () => {
  expect(tsc('tsconfig.pulumi.json', project)).toBe('');
});

test('the packed CLI synthesizes the default spec exactly as the library does from source', () => {
  const out = join(work, 'cli-out');
  const printed = run(join(project, 'node_modules', '.bin', 'cdk8s-cni'), ['synth', join(ROOT, 'network.yaml'), '-o', out], project);
  const expected = join(work, 'expected');
  expect(validateClusterNetwork(spec()).ok).toBe(true);
  const files = synthToDirectory(spec(), expected).map((f) => f.slice(expected.length + 1));
  expect(readdirSync(out).sort()).toEqual(files.sort());
  for (const f of files) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(expected, f), 'utf8'));
  expect(printed).toContain(files[0]);
});
