/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { SHAPE_CASES } from './shape';
import { AZURE_CNI_CASES } from './azure-cni';
import { CALICO_CASES } from './calico';
import { CANAL_CASES } from './canal';
import { FLANNEL_CASES } from './flannel';
import { WEAVE_CASES } from './weave';

export const RULE_CASES: readonly RuleCase[] = [...SHAPE_CASES, ...AZURE_CNI_CASES, ...CALICO_CASES, ...CANAL_CASES, ...FLANNEL_CASES, ...WEAVE_CASES];
