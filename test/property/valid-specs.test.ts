/**
 * Property: every spec generated from the spec's vocabulary (test/property/arbitraries.ts) validates, synthesizes
 * byte-identically twice and every object passes the Kubernetes / upstream CRD schemas. Seeded; fast-check prints
 * the seed and the shrunk counterexample on failure.
 */
import { readFileSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { synthToDirectory, synthObjects } from '../../src/synth';
import { formatIssue } from '../../src/spec/issues';
import { validateClusterNetwork } from '../../src/spec/validate';
import { tempDir } from '../support/cli';
import { validateObjects } from '../support/schema-validation';
import { SEED, validSpecArb } from './arbitraries';

/** Runs per property: enough to cover every CNI x family pairing a few times within the suite's time budget. */
const RUNS = 20;

function synthBytes(doc: unknown): string[] {
  const dir = tempDir('cdk8s-cni-prop-');
  try {
    return synthToDirectory(doc as never, dir).map((f) => `${f.slice(dir.length)}\n${readFileSync(f, 'utf8')}`);
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
        const first = synthBytes(doc);
        expect(first.length).toBeGreaterThan(0);
        expect(synthBytes(doc)).toEqual(first);
        expect(validateObjects(synthObjects(doc as never))).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
