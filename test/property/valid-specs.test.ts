/**
 * Property: every spec generated from the spec's vocabulary (test/property/arbitraries.ts) validates, synthesizes
 * byte-identically twice and every object passes the Kubernetes / upstream CRD schemas. Seeded; fast-check prints
 * the seed and the shrunk counterexample on failure.
 */
import { readFileSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { synthToDirectory } from '../../src/synth';
import { formatIssue } from '../../src/spec/issues';
import { validateClusterNetwork } from '../../src/spec/validate';
import { tempDir } from '../support/cli';
import { validateObjects } from '../support/schema-validation';
import { SEED, validSpecArb } from './arbitraries';

/** Runs per property: enough to cover every CNI x family pairing a few times within the suite's time budget. */
const RUNS = 15;

/** The files a synth writes, each as its name and its bytes. */
function synthFiles(doc: unknown): Array<{ name: string; text: string }> {
  const dir = tempDir('cdk8s-cni-prop-');
  try {
    return synthToDirectory(doc as never, dir).map((f) => ({ name: f.slice(dir.length), text: readFileSync(f, 'utf8') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('generated valid specs', () => {
  test('validate without errors', () => {
    fc.assert(
      fc.property(validSpecArb(), (doc) => {
        const r = validateClusterNetwork(doc);
        expect(r.issues.map(formatIssue)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
  });

  test('synthesize byte-identically twice, and every object passes its schema', () => {
    fc.assert(
      fc.property(validSpecArb(), (doc) => {
        const first = synthFiles(doc);
        expect(first.length).toBeGreaterThan(0);
        expect(synthFiles(doc)).toEqual(first);
        const objects = first.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS()));
        expect(validateObjects(objects)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
