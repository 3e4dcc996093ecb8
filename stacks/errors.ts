/** The one error the stacks and components throw for invalid input, before any resource is registered. */
import * as pulumi from '@pulumi/pulumi';
import { formatIssue, type SpecIssue } from '../src/spec/issues';

/**
 * Config, spec or cluster options are invalid; lists every problem as `path: message`. A Pulumi RunError, so
 * `pulumi up` prints the message without a stack trace.
 */
export class StackConfigError extends pulumi.RunError {
  public constructor(public readonly issues: readonly SpecIssue[], what = 'stack configuration') {
    super(`invalid ${what}:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'StackConfigError';
  }
}
