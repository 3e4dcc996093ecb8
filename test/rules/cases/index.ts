/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { AWS_VPC_CNI_CASES } from './aws-vpc-cni';
import { SHAPE_CASES } from './shape';

export const RULE_CASES: readonly RuleCase[] = [...SHAPE_CASES, ...AWS_VPC_CNI_CASES];
