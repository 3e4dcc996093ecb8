/**
 * The secret-leak harness: a literal where a Secret reference belongs must make `cdk8s-cni synth` exit 1, report the
 * field's path, write nothing, and never print the value (errors end up in CI logs).
 */
import { join } from 'node:path';
import { cli, filesIn, tempDir, writeSpec } from './cli';

/** Literals a user might paste instead of a reference: a string, a number and a boolean. */
export const SECRET_LITERALS: readonly [string, unknown][] = [
  ['a string', 'SuperSecret1'],
  ['a number', 987654321],
  ['a boolean', true],
];

/** One case per {@link SECRET_LITERALS} entry: `make(value)` returns a spec with the literal at `path`. */
export function describeSecretRedaction(path: string, make: (value: unknown) => unknown, fragment: string): void {
  describe.each(SECRET_LITERALS)(`${path} given %s`, (_kind, value) => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    const result = cli('synth', writeSpec(make(value), dir), '-o', out);

    test('exits 1 and writes nothing', () => {
      expect(result.code).toBe(1);
      expect(filesIn(out)).toEqual([]);
    });
    test(`reports ${path} without the value`, () => {
      expect(result.stderr.split('\n').filter((l) => l.startsWith(`${path}: `))).toEqual([`${path}: ${fragment}`]);
      expect(result.stderr).not.toContain(String(value));
      expect(result.stdout).not.toContain(String(value));
    });
  });
}
