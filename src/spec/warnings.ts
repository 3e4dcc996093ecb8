/**
 * Warnings about a valid spec: what it still needs from outside this library, or upstream caveats. The CLI and the
 * cdk8s app print them to stderr as `warning: path: message` before synthesizing.
 */
import { formatIssue } from './issues';
import type { ResolvedClusterNetwork } from './resolve';
import { warningsOf } from './validate';

/** Every warning for `network`, formatted as `path: message`. */
export function specWarnings(network: ResolvedClusterNetwork): string[] {
  return warningsOf(network).map(formatIssue);
}
