/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { PLATFORM_CASES } from './platforms';
import { SHAPE_CASES } from './shape';

export const RULE_CASES: readonly RuleCase[] = [...SHAPE_CASES, ...PLATFORM_CASES];
