/**
 * shellcheck when installed (CI installs Debian's package). In CI (env `CI` set) a missing shellcheck FAILS; on a
 * developer machine the lint tests are skipped with a loud message, never a silent pass.
 */
import { spawnSync } from 'node:child_process';

export const HAS_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

let warned = false;
export function describeWithShellcheck(name: string, fn: () => void): void {
  if (HAS_SHELLCHECK) {
    describe(name, fn);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      test('shellcheck is installed (CI)', () => {
        throw new Error('shellcheck not found: .ci/run must install it (apt-get install -y shellcheck).');
      });
    });
    return;
  }
  if (!warned) {
    warned = true;
    // eslint-disable-next-line no-console
    console.warn('\n*** shellcheck not found: cloud-init lint tests are SKIPPED (apt-get install -y shellcheck) ***\n');
  }
  describe.skip(`${name} (SKIPPED: shellcheck is not installed)`, fn);
}

/** shellcheck's findings for a bash script (empty when clean). */
export function shellcheck(script: string): string {
  const r = spawnSync('shellcheck', ['--shell=bash', '--severity=style', '--format=gcc', '-'], { input: script, encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.trim();
}
