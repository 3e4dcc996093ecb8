/** The shared zod helpers every CNI schema builds on. */
import { z } from 'zod';
import { toSpecIssues } from '../src/spec/shape-errors';
import { secretKeyRef } from '../src/spec/zod-helpers';

describe('secretKeyRef refuses anything that is not a reference, without printing it', () => {
  const schema = z.object({ key: secretKeyRef('A key.', { what: 'pre-shared key' }).optional() });
  const issuesFor = (value: unknown) => {
    const r = schema.safeParse({ key: value });
    expect(r.success).toBe(false);
    return r.success ? [] : toSpecIssues(r.error);
  };

  test.each([
    ['a string', 'pa55-word-xyz'],
    ['a number', 987654321],
    ['a float', 31.4159],
    ['a boolean', false],
    ['a list', ['s3cret-in-list']],
    ['null', null],
  ])('%s', (_kind, value) => {
    const issues = issuesFor(value);
    expect(issues).toEqual([
      {
        path: 'key',
        message: 'a literal pre-shared key is not allowed (allowed: {secretName, key}, a reference to a key of a Secret in the CNI namespace)',
        rule: 'shape/invalid',
        severity: 'error',
      },
    ]);
    expect(JSON.stringify(issues)).not.toContain(JSON.stringify(value).replace(/^\[?"?|"?\]?$/g, ''));
  });

  test('a reference passes; a missing one is allowed when optional', () => {
    expect(schema.parse({ key: { secretName: 'psk', key: 'value' } })).toEqual({ key: { secretName: 'psk', key: 'value' } });
    expect(schema.parse({})).toEqual({});
  });

  test('a reference with a wrong field is reported at that field, not echoed', () => {
    const r = schema.safeParse({ key: { secretName: 'psk', key: 'value', value: 'inline-s3cret' } });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : toSpecIssues(r.error);
    expect(issues.map((i) => i.path)).toEqual(['key.value']);
    expect(JSON.stringify(issues)).not.toContain('inline-s3cret');
  });
});

describe('secretKeyRef takes the {name, key} and {name} shapes too', () => {
  test.each([
    ['name+key', { name: 'weave-passwd', key: 'pw' }, '{name, key}, a reference to a key of a Secret'],
    ['name', { name: 'cilium-ipsec-keys' }, '{name}, a reference to a Secret'],
  ] as const)('%s', (fields, ok, allowed) => {
    const schema = z.object({ ref: secretKeyRef('A reference.', { what: 'key', namespace: 'kube-system', fields }) });
    expect(schema.parse({ ref: ok })).toEqual({ ref: ok });
    const r = schema.safeParse({ ref: 'l1teral-s3cret' });
    const issues = r.success ? [] : toSpecIssues(r.error);
    expect(issues).toEqual([{ path: 'ref', message: `a literal key is not allowed (allowed: ${allowed} in kube-system)`, rule: 'shape/invalid', severity: 'error' }]);
    const wrong = schema.safeParse({ ref: { secretName: 'x', ...ok } });
    expect(wrong.success ? [] : toSpecIssues(wrong.error).map((i) => i.path)).toEqual(['ref.secretName']);
  });
});
