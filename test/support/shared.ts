/**
 * Access to ../shared/reference (upstream manifests, CRDs, Kubernetes schemas). CI always has it; a user's clone may
 * not, and then reference-based tests are skipped with a loud message instead of failing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const SHARED_DIR = process.env.CDK8S_CNI_SHARED ?? resolve(__dirname, '../../../shared');
export const REFERENCE_DIR = join(SHARED_DIR, 'reference');
export const HAS_SHARED = existsSync(REFERENCE_DIR);

/** Reference file path. */
export function referencePath(...parts: string[]): string {
  return join(REFERENCE_DIR, ...parts);
}

/** All YAML documents in a reference file (null documents dropped). */
export function readReferenceYaml(...parts: string[]): any[] {
  const text = readFileSync(referencePath(...parts), 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((d) => d !== null && d !== undefined);
}

let warned = false;
/**
 * `describe` when ../shared/reference exists; otherwise a describe that prints why it is skipped. The message is
 * printed once per process, loudly, so a missing reference never looks like a pass.
 */
export function describeWithReference(name: string, fn: () => void): void {
  if (HAS_SHARED) {
    describe(name, fn);
    return;
  }
  if (!warned) {
    warned = true;
    // eslint-disable-next-line no-console
    console.warn(`\n*** ../shared/reference not found at ${REFERENCE_DIR}: reference/fidelity/schema tests are SKIPPED ***\n`);
  }
  // Do not run `fn`: it reads reference files while collecting tests.
  describe(name, () => {
    test.skip(`SKIPPED: ../shared/reference is absent (${REFERENCE_DIR})`, () => undefined);
  });
}
