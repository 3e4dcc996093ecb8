/**
 * The CLI's start-up trims (src/cli/preload.ts) change no behaviour: zod's locales still load when read, and the
 * spec parser gets cdk8s's yaml only when it is the same version as ours. Run in a child process, because they work
 * on Node's own module cache, which jest replaces with its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');

function runAfterTrim(body: string): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-cni-preload-'));
  try {
    const script = join(dir, 'probe.ts');
    writeFileSync(
      script,
      `const { trimStartup } = require(${JSON.stringify(join(ROOT, 'src', 'cli', 'preload.ts'))});
const req = (m: string) => require(require.resolve(m, { paths: [${JSON.stringify(join(ROOT, 'src', 'spec'))}] }));
const loaded = (part: string) => Object.keys(require.cache).some((k) => k.includes(part));
trimStartup();
${body}`,
    );
    const out = execFileSync(process.execPath, [require.resolve('tsx/cli'), script], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('CLI start-up trims', () => {
  test("zod loads without its locales, which load on first read and work as before", () => {
    const r = runAfterTrim(`
const z = req('zod');
const before = loaded('/zod/v4/locales/fr.cjs');
const fr = z.locales.fr;
const after = loaded('/zod/v4/locales/fr.cjs');
z.config(fr());
const french = z.string().safeParse(1).error.issues[0].message;
z.config(z.locales.en());
const english = z.string().safeParse(1).error.issues[0].message;
console.log(JSON.stringify({ before, after, sameInCore: z.core.locales.fr === fr, keys: Object.keys(z.locales).length, french, english }));`);
    expect(r).toMatchObject({ before: false, after: true, sameInCore: true });
    expect(r.keys).toBeGreaterThan(40);
    expect(r.english).toBe('Invalid input: expected string, received number');
    expect(r.french).not.toBe(r.english);
  });

  test('the spec parser gets the yaml copy cdk8s bundles when the versions match (otherwise its own)', () => {
    const cdk8sDir = dirname(require.resolve('cdk8s/package.json', { paths: [ROOT] }));
    const ourVersion = (require(require.resolve('yaml/package.json', { paths: [ROOT] })) as { version: string }).version;
    const theirVersion = (require(require.resolve('yaml/package.json', { paths: [cdk8sDir] })) as { version: string }).version;
    const r = runAfterTrim(`
const ours = req('yaml');
const theirs = require(require.resolve('yaml', { paths: [${JSON.stringify(cdk8sDir)}] }));
console.log(JSON.stringify({ shared: ours === theirs, parsed: ours.parse('a: [1, x]') }));`);
    expect(r).toEqual({ shared: ourVersion === theirVersion, parsed: { a: [1, 'x'] } });
  });
});
