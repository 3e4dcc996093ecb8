/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { AWS_VPC_CNI_CASES } from './aws-vpc-cni';
import { KUBEADM_CASES } from './kubeadm';
import { MULTUS_CASES } from './multus';
import { PLAN_CASES } from './plan';
import { SHAPE_CASES } from './shape';

export const RULE_CASES: readonly RuleCase[] = [...AWS_VPC_CNI_CASES, ...KUBEADM_CASES, ...MULTUS_CASES, ...PLAN_CASES, ...SHAPE_CASES];
