/** What every CLI command shares: the streams, exit codes, and loading a spec file into a validated network. */
import { type SpecIssue } from '../spec/issues';
import { loadSpecFile, type LoadOptions } from '../spec/load';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { validateClusterNetwork } from '../spec/validate';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** The spec file a command reads when none is given. */
export const DEFAULT_SPEC = 'network.yaml';

/** The spec is invalid: the CLI prints every issue and exits 1. */
export class InvalidSpec extends Error {
  public constructor(public readonly issues: readonly SpecIssue[]) {
    super('invalid spec');
  }
}

/** What a command gets: the streams, the global options and a way to set the exit code. */
export interface CliContext {
  readonly io: CliIo;
  /** Global options (`--max-input-bytes`), read when the command runs. */
  readonly loadOptions: () => LoadOptions;
  setExitCode(code: number): void;
}

/** Reads and validates a spec file; throws {@link InvalidSpec} with every issue. */
export function loadNetwork(path: string, opts: LoadOptions = {}): ResolvedClusterNetwork {
  const loaded = loadSpecFile(path, opts);
  if (!loaded.ok) throw new InvalidSpec(loaded.issues);
  const result = validateClusterNetwork(loaded.value);
  if (!result.ok) throw new InvalidSpec(result.issues);
  return result.network;
}
