/**
 * A rule: one check the library applies to a spec, declared once with where it comes from.
 *
 * "Valid" means "will run": where upstream refuses at start-up we error, where upstream only warns we warn, and our own
 * stricter opinions are warnings that say why. Every rule names its source so a reader can audit it against upstream.
 */

/** `error` makes validation fail (nothing is written); `warning` is printed and synthesis goes on. */
export type RuleSeverity = 'error' | 'warning';

/**
 * Where a rule comes from.
 * - `upstream`: the upstream file at the pinned tag (repository, path, function) or the documentation page that states
 *   the behaviour, e.g. `aws/amazon-vpc-cni-k8s@v1.23.1 cmd/aws-vpc-cni/main.go (validateEnvVars)`.
 * - `contract`: this library's own public contract (SPEC.md), e.g. unknown fields are errors.
 * - `opinion`: a stricter opinion of ours; allowed only for warnings, and the text says why.
 */
export type RuleSource =
  | { readonly upstream: string }
  | { readonly contract: string }
  | { readonly opinion: string };

/** What a rule declares; see {@link defineRule}. */
export interface RuleDefinition<P extends object> {
  /** Stable id, `<area>/<kebab-name>`, e.g. `aws-vpc-cni/reserved-veth-prefix`. Users and docs address rules by it. */
  readonly id: string;
  readonly severity: RuleSeverity;
  /** The spec path (pattern) the rule reports at, e.g. `spec.cni.ipPools[*].blockSize`. */
  readonly path: string;
  /** One sentence for docs/rules.md: what the rule checks. */
  readonly summary: string;
  readonly source: RuleSource;
  /** The message after `path: `: what is wrong and, in parentheses, what is allowed. */
  readonly message: (params: P) => string;
}

/** A declared rule; report it with `IssueCollector.report(rule, path, params)`. */
export interface Rule<P extends object = Record<string, never>> extends RuleDefinition<P> {
  readonly __params?: P;
}

const RULES = new Map<string, Rule<never>>();

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Declares a rule. Ids are unique across the library; a second definition with the same id is a programming error.
 * Rules live in a `rules.ts` next to the code that checks them and are listed by {@link allRules}.
 */
export function defineRule<P extends object = Record<string, never>>(def: RuleDefinition<P>): Rule<P> {
  if (!ID.test(def.id)) throw new Error(`rule id ${def.id} is not <area>/<kebab-name>`);
  if (RULES.has(def.id)) throw new Error(`rule ${def.id} is defined twice`);
  if (def.severity === 'error' && 'opinion' in def.source) {
    throw new Error(`rule ${def.id}: an opinion of ours can only be a warning (say why in the source)`);
  }
  const rule: Rule<P> = Object.freeze({ ...def });
  RULES.set(def.id, rule as unknown as Rule<never>);
  return rule;
}

/** Every rule defined so far (load `src/rules/catalogue.ts` to be sure every area's rules are defined). */
export function definedRules(): readonly Rule<never>[] {
  return [...RULES.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The rule with `id`, if defined. */
export function ruleById(id: string): Rule<never> | undefined {
  return RULES.get(id);
}

/** A short label for a source, for docs and `--format json`. */
export function describeSource(source: RuleSource): string {
  if ('upstream' in source) return `upstream: ${source.upstream}`;
  if ('contract' in source) return `contract: ${source.contract}`;
  return `opinion: ${source.opinion}`;
}
