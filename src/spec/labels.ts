/**
 * `metadata.labels` are stamped on every synthesized object, so they must pass the API server's label validation
 * (k8s.io/apimachinery/pkg/util/validation: IsQualifiedName for keys, IsValidLabelValue for values), or every
 * object is refused at apply.
 */
import { defineRule } from '../rules/rule';
import { DNS1123_SUBDOMAIN } from './k8s-names';
import { issueOf, type IssueCollector, type SpecIssue } from './issues';
import type { OverriddenLabel } from '../charts/labelled-chart';

const APIMACHINERY = 'kubernetes/apimachinery@v0.34 pkg/util/validation/validation.go';
/** The name part of a qualified name and a label value: alphanumerics, '-', '_', '.', alphanumeric at both ends. */
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const MAX_NAME = 63;
const MAX_PREFIX = 253;
/** Prefixes the Kubernetes docs reserve for core components. */
const RESERVED = ['kubernetes.io', 'k8s.io'];

export const LABEL_RULES = {
  key: defineRule<{ key: string; reason: string }>({
    id: 'metadata/label-key',
    severity: 'error',
    path: 'metadata.labels.<key>',
    summary: 'A label key is an optional DNS-1123 subdomain prefix (≤ 253 characters) and `/`, then a name of ≤ 63 alphanumerics, `-`, `_`, `.` starting and ending alphanumeric.',
    source: { upstream: `${APIMACHINERY} (IsQualifiedName); kubernetes.io/docs/concepts/overview/working-with-objects/labels "Syntax and character set"` },
    message: ({ key, reason }) => `${JSON.stringify(key.length > 80 ? `${key.slice(0, 77)}...` : key)} is not a valid label key: ${reason} (allowed: [prefix/]name, prefix a DNS-1123 subdomain of at most 253 characters, name at most 63 characters of [A-Za-z0-9-_.] starting and ending with [A-Za-z0-9])`,
  }),
  value: defineRule<{ length: number; reason: string }>({
    id: 'metadata/label-value',
    severity: 'error',
    path: 'metadata.labels.<key>',
    summary: 'A label value is empty or ≤ 63 alphanumerics, `-`, `_`, `.` starting and ending alphanumeric.',
    source: { upstream: `${APIMACHINERY} (IsValidLabelValue)` },
    message: ({ length, reason }) => `is not a valid label value: ${reason}, ${length} characters (allowed: empty, or at most 63 characters of [A-Za-z0-9-_.] starting and ending with [A-Za-z0-9])`,
  }),
  reservedPrefix: defineRule<{ prefix: string }>({
    id: 'metadata/label-reserved-prefix',
    severity: 'warning',
    path: 'metadata.labels.<key>',
    summary: 'Label keys under kubernetes.io/ and k8s.io/ are reserved for Kubernetes core components (the API server accepts them on these objects, hence a warning).',
    source: { upstream: 'kubernetes.io/docs/concepts/overview/working-with-objects/labels "Syntax and character set": the kubernetes.io/ and k8s.io/ prefixes are reserved for Kubernetes core components' },
    message: ({ prefix }) => `the prefix ${prefix}/ is reserved for Kubernetes core components (allowed: a prefix of your own, e.g. example.com/)`,
  }),
  overridden: defineRule<{ value: string; own: string; objects: string }>({
    id: 'metadata/label-overridden',
    severity: 'warning',
    path: 'metadata.labels.<key>',
    summary: "A user label whose key the CNI's own objects already set (e.g. `k8s-app`, `tier`): the CNI's value wins, because selectors and upstream tooling rely on it.",
    source: { opinion: "the CNI's own labels select its pods (DaemonSet selectors are immutable) and upstream docs and tools query them; a user label must not change them, so the user's value is dropped on those objects, and we say so" },
    message: ({ value, own, objects }) => `${JSON.stringify(value)} is replaced by the CNI's own value ${own} on ${objects} (allowed: a key the CNI does not use)`,
  }),
};

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'the prefix is empty';
    if (prefix.length > MAX_PREFIX) return `the prefix has ${prefix.length} characters`;
    if (!DNS1123_SUBDOMAIN.test(prefix)) return 'the prefix is not a DNS-1123 subdomain';
  }
  if (name.length === 0) return 'the name is empty';
  if (name.length > MAX_NAME) return `the name has ${name.length} characters`;
  if (!QUALIFIED_NAME.test(name)) return 'the name has characters outside [A-Za-z0-9-_.] or does not start and end with [A-Za-z0-9]';
  return undefined;
}

/**
 * Checks every label of `metadata.labels` (or of another label map at `base`, e.g. node labels); cost is linear in
 * the total size of the labels.
 */
export function checkLabels(labels: Readonly<Record<string, string>> | undefined, issues: IssueCollector, base = 'metadata.labels'): void {
  if (!labels) return;
  for (const [key, value] of Object.entries(labels)) {
    const path = `${base}.${key.length > 80 ? `${key.slice(0, 77)}...` : key}`;
    const problem = keyProblem(key);
    if (problem) issues.report(LABEL_RULES.key, path, { key, reason: problem });
    else {
      const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : undefined;
      const reserved = prefix && RESERVED.find((r) => prefix === r || prefix.endsWith(`.${r}`));
      if (reserved) issues.report(LABEL_RULES.reservedPrefix, path, { prefix });
    }
    if (value.length > MAX_NAME) issues.report(LABEL_RULES.value, path, { length: value.length, reason: 'too long' });
    else if (value !== '' && !QUALIFIED_NAME.test(value)) issues.report(LABEL_RULES.value, path, { length: value.length, reason: 'characters outside [A-Za-z0-9-_.] or not starting and ending with [A-Za-z0-9]' });
  }
}

/** The `metadata/label-overridden` warnings of a synthesized chart's overridden labels (one per key). */
export function overriddenLabelIssues(overrides: readonly OverriddenLabel[]): SpecIssue[] {
  return overrides.map((o) => {
    const objects = o.objects.length > 3 ? `${o.objects.slice(0, 3).join(', ')} and ${o.objects.length - 3} more` : o.objects.join(', ');
    return issueOf(LABEL_RULES.overridden, `metadata.labels.${o.key}`, { value: o.value, own: JSON.stringify(o.own), objects });
  });
}
