/** The library never loads Pulumi: `src/` has no Pulumi import, and importing the entry point loads no @pulumi module. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const SRC = resolve(__dirname, '..', 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('no file under src/ imports @pulumi', () => {
  const offenders = tsFiles(SRC).filter((f) => /from ['"]@pulumi\/|require\(['"]@pulumi\/|import\(['"]@pulumi\//.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});

test('importing the library and synthesizing loads no @pulumi module (checked in a fresh Node process)', () => {
  // jest's module registry hides require.cache, so ask a real Node process which files it loaded.
  const script = `
    const lib = require('./src/index.ts');
    lib.synthObjects({ apiVersion: 'cdk8s-cni.dev/v1alpha1', kind: 'ClusterNetwork', metadata: { name: 'x' },
      spec: { pods: { cidrs: ['10.244.0.0/16'] }, cni: { type: 'flannel' } } });
    const files = Object.keys(require.cache);
    process.stdout.write(JSON.stringify({ total: files.length, pulumi: files.filter((f) => f.includes('/@pulumi/')) }));`;
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { cwd: resolve(__dirname, '..'), encoding: 'utf8' });
  const { total, pulumi } = JSON.parse(out);
  expect(total).toBeGreaterThan(50); // the probe really loaded the library (cdk8s, constructs, zod …)
  expect(pulumi).toEqual([]);
});
