/**
 * What `kubeadm init` checks of a network's ranges beyond what the cluster itself needs (kubeadm's
 * ValidateNetworking): minimum pod and Service subnet sizes, and the 16-bit node mask limit for both families. Run
 * wherever a kubeadm config is produced; a spec for another installer is not held to them.
 */
import { Cidr } from '../plan/cidr';
import { MAX_NODE_MASK_DIFF } from '../plan/ip-plan';
import type { Rule } from '../rules/rule';
import { issueOf, IssueCollector, SpecValidationError, type SpecIssue } from '../spec/issues';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { KUBEADM_RULES as R } from './rules';

/** kubeadm's constants.MinimumAddressesInPodSubnet. */
export const KUBEADM_MIN_POD_SUBNET_ADDRESSES = 14n;
/** kubeadm's constants.MinimumAddressesInServiceSubnet. */
export const KUBEADM_MIN_SERVICE_SUBNET_ADDRESSES = 10n;

/**
 * Problems `kubeadm init` would refuse for this network. `allocatesNodeCidrs`: whether the config turns on node CIDR
 * allocation (kubeadm checks node masks only then).
 */
export function kubeadmNetworkIssues(network: ResolvedClusterNetwork, allocatesNodeCidrs: boolean): readonly SpecIssue[] {
  const issues = new IssueCollector();
  const { pods, services } = network.spec;
  pods.cidrs.forEach((text, i) => {
    const c = Cidr.of(text);
    const path = `spec.pods.cidrs[${i}]`;
    if (c.size < KUBEADM_MIN_POD_SUBNET_ADDRESSES) issues.report(R.podSubnetTooSmall, path, { cidr: c.toString(), addresses: c.size.toString() });
    if (!allocatesNodeCidrs) return;
    const v4 = c.family === 'IPv4';
    const mask = v4 ? pods.nodeMaskSize : pods.nodeMaskSizeIPv6;
    if (mask - c.prefix > MAX_NODE_MASK_DIFF) {
      issues.report(R.nodeMaskTooLong, v4 ? 'spec.pods.nodeMaskSize' : 'spec.pods.nodeMaskSizeIPv6', { mask, podPath: path, cidr: c.toString(), longest: c.prefix + MAX_NODE_MASK_DIFF });
    }
  });
  services.cidrs.forEach((text, i) => {
    const c = Cidr.of(text);
    if (c.size < KUBEADM_MIN_SERVICE_SUBNET_ADDRESSES) issues.report(R.serviceSubnetTooSmall, `spec.services.cidrs[${i}]`, { cidr: c.toString(), addresses: c.size.toString() });
  });
  return issues.issues;
}

/** Throws a {@link SpecValidationError} with the one issue `rule` reports at `path` (for options of a function). */
export function refuse<P extends object>(rule: Rule<P>, path: string, params: P): never {
  throw new SpecValidationError([issueOf(rule, path, params)]);
}
