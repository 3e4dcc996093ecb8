/**
 * Cases of the metadata rules (src/spec/labels.ts): label keys and values the API server refuses, reserved prefixes,
 * and user labels the CNI's own labels replace (reported by synthesis, which is where the CNI's labels are known).
 */
import type { SpecIssue } from '../../../src/spec/issues';
import { synthObjects } from '../../../src/synth';
import { specCase, specIssues, specWith, type RuleCase } from '../support';

const labelled = (labels: Record<string, string>) => ({ ...specWith({}), metadata: { name: 'rules', labels } });
/** Validation's issues plus the warnings synthesis reports. */
const synthIssues = (labels: Record<string, string>) => (): readonly SpecIssue[] => {
  const found = [...specIssues(labelled(labels))];
  synthObjects(labelled(labels) as Parameters<typeof synthObjects>[0], { onWarning: (w) => found.push(w) });
  return found;
};

export const METADATA_CASES: readonly RuleCase[] = [
  specCase('metadata/label-key', 'a label key with a space', labelled({ 'team name': 'net' }), labelled({ team: 'net' })),
  specCase('metadata/label-value', 'a label value of 64 characters', labelled({ team: 'n'.repeat(64) }), labelled({ team: 'n'.repeat(63) })),
  specCase('metadata/label-reserved-prefix', 'a kubernetes.io/ label', labelled({ 'kubernetes.io/team': 'net' }), labelled({ 'example.com/team': 'net' })),
  { rule: 'metadata/label-overridden', name: "app, which Flannel's objects set themselves", refuses: synthIssues({ app: 'mine' }), accepts: synthIssues({ team: 'net' }) },
];
