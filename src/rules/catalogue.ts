/**
 * The catalogue: every rule the library reports, from every area. Importing this module defines them all, so
 * docs/rules.md and the catalogue test see the complete list. An area with checks adds its `rules.ts` here.
 */
import '../spec/labels';
import '../spec/rules';
import '../plan/rules';
import '../kubeadm/rules';
import '../cni/multus/rules';
import '../cni/aws-vpc-cni/rules';
import '../cni/azure-cni/rules';
import '../cni/calico/rules';
import '../cni/canal/rules';
import '../cni/common/calico-policy/rules';
import '../cni/common/flannel-data-path/rules';
import '../cni/common/mtu';
import '../cni/weave/rules';
import '../cni/cilium/rules';
import '../platforms/rules';
import '../cni/kube-router/rules';
import '../cni/antrea/rules';
import '../cni/multus/whereabouts/rules';
import '../migrate/rules';
import { definedRules, type Rule } from './rule';

/** Every rule, sorted by id. */
export function allRules(): readonly Rule<never>[] {
  return definedRules();
}
