/** Running the tools the data-plane lab needs (`ip`, `ping`, CNI plugins) synchronously, with captured output. */
import { spawnSync } from 'node:child_process';

export interface ExecResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cmd args` with optional stdin and environment (the environment replaces the inherited one when given). */
export function run(cmd: string, args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): ExecResult {
  const r = spawnSync(cmd, args, { input: opts.input, env: opts.env, encoding: 'utf8', timeout: opts.timeoutMs ?? 20000 });
  if (r.error) return { status: 127, stdout: '', stderr: String(r.error.message) };
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Runs and throws with the command line and stderr when it fails. */
export function mustRun(cmd: string, args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = run(cmd, args, opts);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}
