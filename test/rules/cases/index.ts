/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { SHAPE_CASES } from './shape';
import { KUBE_ROUTER_CASES } from './kube-router';

export const RULE_CASES: readonly RuleCase[] = [...SHAPE_CASES, ...KUBE_ROUTER_CASES];
