/**
 * Start-up trims for the `cdk8s-cni` process (not for the library: an app's module cache is the app's business). Both
 * remove loading work the CLI never uses and change no behaviour; measured in BENCHMARKS.md (issue 13, CLI synth):
 *
 * - **zod's locales, on first use.** zod 4's CommonJS build requires all of its ~60 message locales (1.6 MB) when it
 *   loads, to offer `z.locales`; about a third of loading zod. The English messages zod uses by default come from
 *   `locales/en.cjs` directly, so the CLI puts a stand-in for `locales/index.cjs` in the module cache that loads the
 *   real index the first time anything reads it.
 * - **One copy of yaml.** cdk8s bundles its own copy of the yaml package (it writes the manifests with it); the spec is
 *   parsed with ours. When both are the same version (the same code), the CLI loads cdk8s's copy for both (when first
 *   required, as before).
 */
import { readFileSync } from 'node:fs';
import { Module } from 'node:module';
import { dirname } from 'node:path';

type LoadableModule = Module & { load(filename: string): void; paths: string[] };
type ModuleStatics = { _cache: Record<string, Module>; _nodeModulePaths(dir: string): string[] };
const statics = Module as unknown as ModuleStatics;

function resolveFrom(dir: string, request: string): string | undefined {
  try {
    return require.resolve(request, { paths: [dir] });
  } catch {
    return undefined;
  }
}

/** Caches a loaded module for `filename` whose exports are `exports()`: a later `require` of that file returns them. */
function cacheAs(filename: string, exports: () => unknown): void {
  const m = new Module(filename) as LoadableModule;
  m.filename = filename;
  m.loaded = true;
  Object.defineProperty(m, 'exports', { get: exports, configurable: true, enumerable: true });
  statics._cache[filename] = m;
}

/** zod's locale index as a stand-in that loads the real module on the first read other than `__esModule`. */
function deferZodLocales(): void {
  const file = resolveFrom(__dirname, 'zod/v4/locales');
  if (!file || statics._cache[file]) return;
  let real: Record<string | symbol, unknown> | undefined;
  const load = () => {
    if (!real) {
      const m = new Module(file) as LoadableModule;
      m.filename = file;
      m.paths = statics._nodeModulePaths(dirname(file));
      m.load(file);
      real = m.exports as Record<string | symbol, unknown>;
    }
    return real;
  };
  const standIn = new Proxy({} as Record<string | symbol, unknown>, {
    get: (_, key) => (key === '__esModule' ? true : load()[key]),
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    // the real exports are frozen; a proxy over an extensible target may only report configurable properties
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
  });
  cacheAs(file, () => standIn);
}

const versionOf = (pkgJson: string): string | undefined => (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version?: string }).version;

/** Points `require('yaml')` from this package at cdk8s's bundled copy when both are the same version. */
function shareCdk8sYaml(): void {
  const cdk8s = resolveFrom(__dirname, 'cdk8s/package.json');
  const ours = resolveFrom(__dirname, 'yaml');
  const theirs = cdk8s && resolveFrom(dirname(cdk8s), 'yaml');
  if (!ours || !theirs || ours === theirs || statics._cache[ours]) return;
  const ourPkg = resolveFrom(__dirname, 'yaml/package.json');
  const theirPkg = resolveFrom(dirname(cdk8s), 'yaml/package.json');
  if (!ourPkg || !theirPkg || versionOf(ourPkg) !== versionOf(theirPkg)) return;
  cacheAs(ours, () => require(theirs) as unknown);
}

/** Applies both; each one leaves things as they are when the packages are not laid out as expected. */
export function trimStartup(): void {
  deferZodLocales();
  shareCdk8sYaml();
}
