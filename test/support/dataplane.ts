/**
 * Gate for tests that need the data-plane lab (Linux, root, iproute2, iputils-ping, containernetworking-plugins).
 * In CI (env `CI` set) missing prerequisites FAIL; on a developer machine the tests are skipped with a loud message.
 */
import { missingPrerequisites } from '../../src/dataplane/prerequisites';

const missing = missingPrerequisites();
let warned = false;

export function describeDataPlane(name: string, fn: () => void): void {
  if (missing.length === 0) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      test('data-plane prerequisites are installed (CI)', () => {
        throw new Error(`missing: ${missing.join('; ')}. .ci/run must run as root and install containernetworking-plugins, iproute2 and iputils-ping.`);
      });
    });
  } else {
    if (!warned) {
      warned = true;
      // eslint-disable-next-line no-console
      console.warn(`\n*** data-plane tests SKIPPED: missing ${missing.join('; ')} ***\n`);
    }
    describe.skip(`${name} (SKIPPED: missing ${missing.join('; ')})`, fn);
  }
}
