/**
 * The rule catalogue is complete and every rule is proven: it has a source, at least one input it reports and one
 * nearby input it does not; every issue those inputs produce comes from a catalogued rule; docs/rules.md is current.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allRules } from '../../src/rules/catalogue';
import { renderRulesDoc } from '../../src/rules/rules-doc';
import { RULE_CASES } from './cases';

const rules = allRules();
const ids = new Set(rules.map((r) => r.id));

describe('the catalogue', () => {
  test.each(rules.map((r) => [r.id, r] as const))('%s names its source and says what it checks', (_id, rule) => {
    const text = Object.values(rule.source)[0] as string;
    expect(text.trim().length).toBeGreaterThan(10);
    expect(rule.summary.trim()).not.toBe('');
    if (rule.severity === 'error') expect('opinion' in rule.source).toBe(false);
  });

  test('every rule has at least one case', () => {
    const covered = new Set(RULE_CASES.map((c) => c.rule));
    expect(rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test('every case names a catalogued rule', () => {
    expect(RULE_CASES.map((c) => c.rule).filter((id) => !ids.has(id))).toEqual([]);
  });

  test('docs/rules.md is generated from the catalogue (npm run rules-doc)', () => {
    expect(readFileSync(resolve(__dirname, '../../docs/rules.md'), 'utf8')).toBe(renderRulesDoc());
  });
});

describe.each(RULE_CASES.map((c) => [c.rule, c.name, c] as const))('%s: %s', (id, _name, c) => {
  const severity = rules.find((r) => r.id === id)?.severity;

  test(`reports the rule as ${severity ?? '?'}`, () => {
    const found = c.refuses().filter((i) => i.rule === id);
    expect(found).not.toEqual([]);
    for (const i of found) expect(i.severity).toBe(severity);
  });

  test('does not report it for the nearby accepted input', () => {
    expect(c.accepts().filter((i) => i.rule === id)).toEqual([]);
  });

  test('no issue of either input names a rule outside the catalogue', () => {
    const all = [...c.refuses(), ...c.accepts()];
    expect(all.filter((i) => i.rule !== undefined && !ids.has(i.rule)).map((i) => `${i.path}: ${i.message}`)).toEqual([]);
  });
});
