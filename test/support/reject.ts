/** Invalid-spec assertions shared by the CNI test files: the CLI exits 1, names the exact path, writes nothing. */
import { join } from 'node:path';
import { cli, filesIn, tempDir, writeSpec } from './cli';

/**
 * Runs `synth spec -o out` and asserts: exit code 1, a stderr line that starts with `path: `, and no files in `out`.
 * Returns that stderr line so callers can assert on its numbers.
 */
export function expectRejected(spec: unknown, path: string): string {
  const dir = tempDir();
  const out = join(dir, 'out');
  const r = cli('synth', writeSpec(spec, dir), '-o', out);
  const line = r.stderr.split('\n').find((l) => l.startsWith(`${path}: `));
  if (r.code !== 1 || !line) throw new Error(`expected exit 1 and a line starting "${path}: "; got exit ${r.code}, stderr:\n${r.stderr}`);
  expect(filesIn(out)).toEqual([]);
  return line;
}

/** Deep-merges `patch` into a copy of `base` (arrays and scalars replace). */
export function patched<T>(base: T, patch: Record<string, unknown>): T {
  const merge = (a: any, b: any): any => {
    if (b === undefined) return a;
    if (b === null || typeof b !== 'object' || Array.isArray(b) || a === null || typeof a !== 'object' || Array.isArray(a)) return b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = v === undefined ? undefined : merge(a[k], v);
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  };
  return merge(base, patch);
}
