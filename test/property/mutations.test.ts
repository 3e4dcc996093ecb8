/**
 * Property: a valid spec broken the ways a careless or hostile author would (deleted fields, wrong types, huge arrays,
 * odd strings, numbers out of range, CIDR edges) gets exit 1 from `validate` with `path: message` lines, or exit 0
 * when the mutation happens to stay valid (and then it synthesizes) — never a crash, a stack trace or another exit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { synthObjects } from '../../src/synth';
import { cli, tempDir } from '../support/cli';
import { validateObjects } from '../support/schema-validation';
import { mutationArb, SEED } from './arbitraries';

const RUNS = 100;

/** A `path: message` line (spec path, or `file:line:col` / file for errors about the file itself). */
const ISSUE_LINE = /^(warning: )?(apiVersion|kind|metadata|spec|[^\s:][^:]*\.yaml(:\d+:\d+)?)([.[][^\s:]*)?: \S/;
/** What a JavaScript stack trace or an internal error looks like on stderr. */
const CRASH = /^\s+at .+:\d+:\d+\)?$|internal error|Error: /m;

describe('generated mutations of valid specs', () => {
  const dir = tempDir('cdk8s-cni-mutation-');
  const file = join(dir, 'network.yaml');

  test('exit 1 with path: message lines, or exit 0 and a spec that synthesizes; never a crash', () => {
    fc.assert(
      fc.property(mutationArb(), (m) => {
        writeFileSync(file, stringify(m.doc));
        const r = cli('validate', file);
        expect(r.stderr).not.toMatch(CRASH);
        expect([0, 1]).toContain(r.code);
        if (r.code === 1) {
          const lines = r.stderr.split('\n').filter(Boolean);
          expect(lines.length).toBeGreaterThan(0);
          for (const line of lines) expect(line).toMatch(ISSUE_LINE);
        } else {
          expect(validateObjects(synthObjects(m.doc as never))).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
