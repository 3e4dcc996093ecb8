/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { CILIUM_CASES, CILIUM_POLICY_CASES } from './cilium';
import { SHAPE_CASES } from './shape';

export const RULE_CASES: readonly RuleCase[] = [...SHAPE_CASES, ...CILIUM_CASES, ...CILIUM_POLICY_CASES];
