/** Runs the CLI in-process and captures its streams; temp-dir helpers for "nothing was written" checks. */
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(...argv: string[]): CliResult {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'cdk8s-cni-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a spec (object or YAML text) to a temp file and returns its path. */
export function writeSpec(spec: unknown, dir = tempDir()): string {
  const p = join(dir, 'network.yaml');
  writeFileSync(p, typeof spec === 'string' ? spec : stringify(spec));
  return p;
}

/** Files in a directory (empty when it does not exist). */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
