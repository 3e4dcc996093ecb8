/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { KUBEADM_CASES } from './kubeadm';
import { MULTUS_CASES } from './multus';
import { PLAN_CASES } from './plan';
import { SHAPE_CASES } from './shape';

export const RULE_CASES: readonly RuleCase[] = [...SHAPE_CASES, ...PLAN_CASES, ...KUBEADM_CASES, ...MULTUS_CASES];
