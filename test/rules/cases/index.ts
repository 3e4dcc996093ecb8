/** Every area's rule cases. An area with rules adds its list here. */
import type { RuleCase } from '../support';
import { ANTREA_CASES } from './antrea';
import { AWS_VPC_CNI_CASES } from './aws-vpc-cni';
import { AZURE_CNI_CASES } from './azure-cni';
import { CALICO_CASES } from './calico';
import { CANAL_CASES } from './canal';
import { CILIUM_CASES, CILIUM_DATAPATH_CASES, CILIUM_POLICY_CASES } from './cilium';
import { FLANNEL_CASES } from './flannel';
import { INPUT_CASES } from './input';
import { KUBE_ROUTER_CASES } from './kube-router';
import { KUBEADM_CASES } from './kubeadm';
import { METADATA_CASES } from './metadata';
import { MIGRATE_CASES } from './migrate';
import { MULTUS_CASES } from './multus';
import { OVERRIDES_CASES } from './overrides';
import { PLAN_CASES } from './plan';
import { PLATFORM_CASES } from './platforms';
import { SHAPE_CASES } from './shape';
import { WEAVE_CASES } from './weave';
import { WHEREABOUTS_CASES } from './whereabouts';

export const RULE_CASES: readonly RuleCase[] = [
  ...ANTREA_CASES,
  ...AWS_VPC_CNI_CASES,
  ...AZURE_CNI_CASES,
  ...CALICO_CASES,
  ...CANAL_CASES,
  ...CILIUM_CASES,
  ...CILIUM_DATAPATH_CASES,
  ...CILIUM_POLICY_CASES,
  ...FLANNEL_CASES,
  ...INPUT_CASES,
  ...KUBE_ROUTER_CASES,
  ...KUBEADM_CASES,
  ...METADATA_CASES,
  ...MIGRATE_CASES,
  ...MULTUS_CASES,
  ...OVERRIDES_CASES,
  ...PLAN_CASES,
  ...PLATFORM_CASES,
  ...SHAPE_CASES,
  ...WEAVE_CASES,
  ...WHEREABOUTS_CASES,
];
