/** The bad-input harness: each case must make `cdk8s-cni synth` exit 1, report its exact path first on a stderr line, and write nothing. */
import { join } from 'node:path';
import { cli, filesIn, tempDir, writeSpec } from './cli';

/** [rule, a function making the spec, the path that must be reported, a fragment of its message] */
export type InvalidSpecCase = [string, () => unknown, string, string];

export function describeInvalidSpecs(cases: readonly InvalidSpecCase[]): void {
  describe.each(cases)('%s', (_name, make, path, fragment) => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    const result = cli('synth', writeSpec(make(), dir), '-o', out);

    test('exits 1', () => expect(result.code).toBe(1));
    test(`reports ${path}`, () => {
      const lines = result.stderr.split('\n').filter((l) => l.startsWith(`${path}: `));
      expect(lines).not.toEqual([]);
      expect(lines.some((l) => l.includes(fragment))).toBe(true);
    });
    test('writes nothing', () => expect(filesIn(out)).toEqual([]));
  });
}
