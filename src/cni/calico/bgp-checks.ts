/** Checks of Calico's BGPFilters, the peers' filter references and the per-node BGP settings. */
import { Cidr, IpAddress } from '../../plan/cidr';
import { formatPath, type IssueCollector } from '../../spec/issues';
import { checkDns1123Subdomain } from '../../spec/k8s-names';
import { checkLabels } from '../../spec/labels';
import { checkAgainstSchema, type OpenApiSchema } from '../common/calico-policy/openapi-check';
import { bgpFilterRuleProblem, type BGPFilterRule } from './bgp-filter';
import { CALICO_RULES } from './rules';
import type { ResolvedCalicoCni } from './spec';

type Bgp = ResolvedCalicoCni['bgp'];
type Filter = Bgp['filters'][number];

/** The rule lists of a BGPFilter and the family each holds. */
export const BGP_FILTER_LISTS = [
  ['exportV4', 'IPv4'],
  ['importV4', 'IPv4'],
  ['exportV6', 'IPv6'],
  ['importV6', 'IPv6'],
] as const;

/** Interface names and patterns a BGPFilter rule accepts (libcalico-go validator, bgpFilterInterfaceRegex). */
const BGP_FILTER_INTERFACE = /^[a-zA-Z0-9_.*-]{1,15}$/;

/** The `spec` schema of the pinned BGPFilter CRD (loaded on first use). */
function bgpFilterSpecSchema(): OpenApiSchema {
  const crd = (require('../../generated/calico/bgpfilters') as typeof import('../../generated/calico/bgpfilters')).bgpFilterCrd;
  return (crd.versions[0].schema.openAPIV3Schema as { properties: { spec: OpenApiSchema } }).properties.spec;
}

function checkRuleCidr(rule: BGPFilterRule, family: 'IPv4' | 'IPv6', list: string, path: string, issues: IssueCollector): void {
  if (rule.cidr === undefined || rule.cidr === '') return;
  const c = Cidr.parse(rule.cidr);
  if (typeof c === 'string') issues.report(CALICO_RULES.bgpFilterSchema, `${path}.cidr`, { detail: c });
  else if (c.family !== family) issues.report(CALICO_RULES.bgpFilterCidrFamily, `${path}.cidr`, { cidr: rule.cidr, family: c.family, list });
}

/** One filter: the CRD's CEL rules, the family of each CIDR, then everything else the CRD schema states. */
function checkFilter(filter: Filter, base: string, issues: IssueCollector): void {
  const { name: _name, ...spec } = filter;
  const withoutCidrs: Record<string, unknown> = {};
  for (const [list, family] of BGP_FILTER_LISTS) {
    const rules = spec[list];
    if (!rules) continue;
    rules.forEach((rule, i) => {
      const path = `${base}.${list}[${i}]`;
      const problem = bgpFilterRuleProblem(rule);
      if (problem) issues.report(CALICO_RULES.bgpFilterRule, path, { detail: problem });
      checkRuleCidr(rule, family, list, path, issues);
      if (rule.interface !== undefined && !BGP_FILTER_INTERFACE.test(rule.interface)) issues.report(CALICO_RULES.bgpFilterInterface, `${path}.interface`, { value: rule.interface });
    });
    // CIDRs were checked above with a clearer message than the schema's length limit.
    withoutCidrs[list] = rules.map(({ cidr: _cidr, ...rest }) => rest);
  }
  for (const p of checkAgainstSchema(withoutCidrs, bgpFilterSpecSchema())) issues.report(CALICO_RULES.bgpFilterSchema, formatPath([base, ...p.path]), { detail: p.detail });
}

/** The filters, the names peers use, and the per-node settings. */
export function checkBgpFiltersAndNodes(bgp: Bgp, checkName: (name: string, path: string) => void, issues: IssueCollector): void {
  bgp.filters.forEach((f, i) => {
    checkName(f.name, `spec.cni.bgp.filters[${i}].name`);
    checkFilter(f, `spec.cni.bgp.filters[${i}]`, issues);
  });
  const declared = bgp.filters.map((f) => f.name);
  bgp.peers.forEach((p, i) =>
    (p.filters ?? []).forEach((name, j) => {
      if (!declared.includes(name)) issues.report(CALICO_RULES.bgpFilterUndefined, `spec.cni.bgp.peers[${i}].filters[${j}]`, { name, names: declared.join(', ') });
    }),
  );
  for (const [node, settings] of Object.entries(bgp.nodes ?? {})) {
    const base = `spec.cni.bgp.nodes.${node}`;
    checkDns1123Subdomain(node, base, issues);
    const id = settings.routeReflectorClusterID;
    if (id !== undefined) {
      const addr = IpAddress.parse(id);
      if (typeof addr === 'string' || addr.family !== 'IPv4') issues.report(CALICO_RULES.routeReflectorClusterId, `${base}.routeReflectorClusterID`, { value: id });
    }
    checkLabels(settings.labels, issues, `${base}.labels`);
  }
}
