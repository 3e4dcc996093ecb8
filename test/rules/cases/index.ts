/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { SHAPE_CASES } from './shape';
import { ANTREA_CASES } from './antrea';

export const RULE_CASES: readonly RuleCase[] = [...SHAPE_CASES, ...ANTREA_CASES];
