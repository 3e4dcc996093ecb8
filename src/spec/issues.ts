/**
 * Problems found in a ClusterNetwork spec.
 *
 * Every check in the library reports through an {@link IssueCollector} so that all problems are reported at once, each
 * as `path: what is wrong (what is allowed)`, with the path in dots and `[index]` from the document root.
 */

/** One path segment: an object key or an array index. */
export type PathSegment = string | number;

/** A single problem in a spec. */
export interface SpecIssue {
  /** Path from the document root, e.g. `spec.cni.ipPools[1].blockSize`. */
  readonly path: string;
  /** What is wrong and, in parentheses, what is allowed. */
  readonly message: string;
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
  return `${issue.path}: ${issue.message}`;
}

/** Collects issues; checks add to it instead of throwing, so every problem is reported in one run. */
export class IssueCollector {
  private readonly list: SpecIssue[] = [];

  /** Records a problem at `path` (a formatted path string or segments). */
  public add(path: string | readonly PathSegment[], message: string): void {
    this.list.push({ path: typeof path === 'string' ? path : formatPath(path), message });
  }

  /** All issues recorded so far, in the order they were found. */
  public get issues(): readonly SpecIssue[] {
    return this.list;
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
