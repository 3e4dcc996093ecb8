/**
 * Every spec in examples/: synthesizes, matches its snapshot, every object validates against the Kubernetes schemas
 * (built-ins) or the upstream CRD (custom resources), and a second synth is byte-identical.
 * CNI-specific assertions on what matters live in each CNI's own test file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { synthToDirectory } from '../src/synth';
import { exampleFiles, loadExample, synthExample } from './support/examples';
import { tempDir } from './support/cli';
import { describeWithReference } from './support/shared';
import { validateObjects } from './support/schema-validation';

const files = exampleFiles();

test('there are examples', () => {
  expect(files.length).toBeGreaterThan(0);
});

describe.each(files)('%s', (file) => {
  test('synthesizes to the snapshot', () => {
    // CRDs carry upstream's schemas verbatim (thousands of lines, checked against the reference in each CNI's
    // tests); the snapshot records their identity and a digest of the spec, so any change still shows up.
    const objs = synthExample(file).map((o: any) =>
      o.kind === 'CustomResourceDefinition'
        ? { apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata, specSha256: createHash('sha256').update(JSON.stringify(o.spec)).digest('hex') }
        : o,
    );
    expect(objs).toMatchSnapshot();
  });

  test('is deterministic: two synths are byte-identical', () => {
    const spec = loadExample(file);
    const a = tempDir();
    const b = tempDir();
    const fa = synthToDirectory(spec, a).map((p) => p.slice(a.length));
    const fb = synthToDirectory(spec, b).map((p) => p.slice(b.length));
    expect(fa).toEqual(fb);
    expect(fa.length).toBeGreaterThan(0);
    for (const f of readdirSync(a)) expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
  });

  test('every object has a kind, an apiVersion and a name', () => {
    for (const o of synthExample(file)) {
      expect(o.apiVersion).toBeTruthy();
      expect(o.kind).toBeTruthy();
      expect(o.metadata.name).toBeTruthy();
    }
  });
});

describeWithReference('schema validation of every example', () => {
  test.each(files)('%s: every object validates (Kubernetes schemas, upstream CRDs)', (file) => {
    expect(validateObjects(synthExample(file))).toEqual([]);
  });

  test.each(files)('%s: CRDs come before the custom resources that use them', (file) => {
    const objs = synthExample(file);
    const crdIndex = new Map<string, number>();
    objs.forEach((o: any, i) => {
      if (o.kind === 'CustomResourceDefinition') crdIndex.set(`${o.spec.group}/${o.spec.names.kind}`, i);
    });
    objs.forEach((o, i) => {
      const group = o.apiVersion.split('/')[0];
      const at = crdIndex.get(`${group}/${o.kind}`);
      if (at !== undefined) expect(at).toBeLessThan(i);
    });
  });
});
