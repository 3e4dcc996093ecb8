/** Kubernetes object-name rules (apimachinery validation), shared by every check of a name the spec gives. */
import { PLAN_RULES } from '../plan/rules';
import type { IssueCollector } from './issues';

/** RFC 1123 label: lowercase alphanumerics and '-', alphanumeric at both ends, at most 63 characters. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: labels joined by '.', at most 253 characters (names of most objects, custom resources included). */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Reports `name` at `path` unless it is a DNS-1123 label. */
export function checkDns1123Label(name: string, path: string, issues: IssueCollector): void {
  if (!DNS1123_LABEL.test(name) || name.length > 63) {
    issues.report(PLAN_RULES.dns1123Label, path, { name: JSON.stringify(name) });
  }
}

/** Reports `name` at `path` unless it is a DNS-1123 subdomain (a valid name for most Kubernetes objects). */
export function checkDns1123Subdomain(name: string, path: string, issues: IssueCollector): void {
  if (!DNS1123_SUBDOMAIN.test(name) || name.length > 253) {
    issues.report(PLAN_RULES.dns1123Subdomain, path, { name: JSON.stringify(name) });
  }
}
