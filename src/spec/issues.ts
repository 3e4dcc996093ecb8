/**
 * Problems found in a ClusterNetwork spec.
 *
 * Every check in the library reports through an {@link IssueCollector} so that all problems are reported at once, each
 * as `path: what is wrong (what is allowed)`, with the path in dots and `[index]` from the document root.
 */
import type { Rule, RuleSeverity } from '../rules/rule';

/** One path segment: an object key or an array index. */
export type PathSegment = string | number;

/** A single problem in a spec. */
export interface SpecIssue {
  /** Path from the document root, e.g. `spec.cni.ipPools[1].blockSize`. */
  readonly path: string;
  /** What is wrong and, in parentheses, what is allowed. */
  readonly message: string;
  /** The id of the rule that found it (see docs/rules.md). */
  readonly rule: string;
  /** @default 'error' */
  readonly severity?: RuleSeverity;
}

/** Makes the issue `rule` reports at `path` (a formatted path string or segments). */
export function issueOf<P extends object>(rule: Rule<P>, path: string | readonly PathSegment[], params: P): SpecIssue {
  return {
    path: typeof path === 'string' ? path : formatPath(path),
    message: rule.message(params),
    rule: rule.id,
    severity: rule.severity,
  };
}

/** Formats path segments as `spec.pods.cidrs[0]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(root)' : out;
}

/** Renders an issue as the one-line form used on stderr and in thrown errors. */
export function formatIssue(issue: SpecIssue): string {
  // a value quoted in a message may hold control characters (a newline in a YAML string): escaped, one issue is one line
  const message = issue.message.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return issue.path === '' ? message : `${issue.path}: ${message}`;
}

/**
 * Collects issues; checks report to it instead of throwing, so every problem is reported in one run. Errors and
 * warnings are kept apart: only errors make a spec invalid.
 */
export class IssueCollector {
  private readonly list: SpecIssue[] = [];
  private readonly warningList: SpecIssue[] = [];

  /** Records what `rule` found at `path`; the rule's severity decides whether it is an error or a warning. */
  public report<P extends object>(rule: Rule<P>, path: string | readonly PathSegment[], ...params: keyof P extends never ? [P?] : [P]): void {
    const issue = issueOf(rule, path, (params[0] ?? {}) as P);
    (rule.severity === 'warning' ? this.warningList : this.list).push(issue);
  }

  /** Records ready-made issues (e.g. from the shape layer), sorted by their severity. */
  public addIssues(issues: readonly SpecIssue[]): void {
    for (const i of issues) (i.severity === 'warning' ? this.warningList : this.list).push(i);
  }


  /** All errors recorded so far, in the order they were found. */
  public get issues(): readonly SpecIssue[] {
    return this.list;
  }

  /** All warnings recorded so far, in the order they were found. */
  public get warnings(): readonly SpecIssue[] {
    return this.warningList;
  }

  public get ok(): boolean {
    return this.list.length === 0;
  }

  /** Throws a {@link SpecValidationError} when any issue was recorded. */
  public throwIfAny(): void {
    if (!this.ok) throw new SpecValidationError(this.list);
  }
}

/** Thrown when a spec is invalid; `issues` holds every problem, `message` one line per problem. */
export class SpecValidationError extends Error {
  public constructor(public readonly issues: readonly SpecIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'SpecValidationError';
  }
}
