/**
 * The catalogue: every rule the library reports, from every area. Importing this module defines them all, so
 * docs/rules.md and the catalogue test see the complete list. An area with checks adds its `rules.ts` here.
 */
import '../spec/labels';
import '../spec/rules';
import { definedRules, type Rule } from './rule';

/** Every rule, sorted by id. */
export function allRules(): readonly Rule<never>[] {
  return definedRules();
}
