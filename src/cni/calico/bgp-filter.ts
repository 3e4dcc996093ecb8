import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions } from '../common/calico-policy/custom-resource';

/** One rule of a BGPFilter (upstream `BGPFilterRuleV4` / `BGPFilterRuleV6`); a route matches when every field set matches. */
export interface BGPFilterRule {
  /** What happens to a matching route. */
  readonly action: 'Accept' | 'Reject';
  /** Prefix to compare routes with, of the list's family; goes with matchOperator. @default - any prefix */
  readonly cidr?: string;
  /** How a route's prefix is compared with cidr. @default - none (only with cidr) */
  readonly matchOperator?: 'Equal' | 'NotEqual' | 'In' | 'NotIn';
  /** Prefix lengths matched inside cidr. @default - any length */
  readonly prefixLength?: { readonly min?: number; readonly max?: number };
  /** Match only routes learned from BGP peers. @default - any source */
  readonly source?: 'RemotePeers';
  /** Match routes over interfaces with this name (`*` wildcard). @default - any interface */
  readonly interface?: string;
  /** Match only routes of peers of this type. @default - any peer */
  readonly peerType?: 'eBGP' | 'iBGP';
  /** Match routes carrying this BGP community (one value). @default - any */
  readonly communities?: { readonly values: readonly string[] };
  /** Match routes whose AS path starts with these AS numbers. @default - any */
  readonly asPathPrefix?: readonly number[];
  /** Operations on accepted routes, each with exactly one field (action Accept only). @default - none */
  readonly operations?: ReadonlyArray<{
    readonly addCommunity?: { readonly value: string };
    readonly prependASPath?: { readonly prefix: readonly number[] };
    readonly setPriority?: { readonly value: number };
  }>;
  /** Match routes of this priority. @default - any */
  readonly priority?: number;
}

/** `spec` of a Calico BGPFilter (upstream field names). */
export interface BGPFilterSpec {
  /** Rules for IPv4 routes advertised to peers. @default - none */
  readonly exportV4?: readonly BGPFilterRule[];
  /** Rules for IPv4 routes learned from peers. @default - none */
  readonly importV4?: readonly BGPFilterRule[];
  /** Rules for IPv6 routes advertised to peers. @default - none */
  readonly exportV6?: readonly BGPFilterRule[];
  /** Rules for IPv6 routes learned from peers. @default - none */
  readonly importV6?: readonly BGPFilterRule[];
}

/** Props of a {@link BGPFilter}. */
export interface BGPFilterProps extends CalicoResourceOptions {
  /** Resource name (a DNS-1123 subdomain); BGPPeers list it in `filters`. */
  readonly name: string;
  readonly spec: BGPFilterSpec;
}

/**
 * A Calico BGPFilter: import and export rules for the BGP sessions whose BGPPeer lists it. The rules the CRD states as
 * CEL validations are enforced here too (the API server would refuse the object).
 */
export class BGPFilter extends Construct {
  public readonly apiObject: ApiObject;
  public readonly name: string;

  public constructor(scope: Construct, id: string, props: BGPFilterProps) {
    super(scope, id);
    for (const list of ['exportV4', 'importV4', 'exportV6', 'importV6'] as const) {
      (props.spec[list] ?? []).forEach((rule, i) => {
        const problem = bgpFilterRuleProblem(rule);
        if (problem) throw new Error(`BGPFilter ${props.name}: ${list}[${i}]: ${problem}`);
      });
    }
    this.name = props.name;
    this.apiObject = calicoResource(this, 'resource', 'BGPFilter', { name: props.name }, props, { ...props.spec });
  }
}

/**
 * The CRD's CEL validations of a rule (crd.projectcalico.org_bgpfilters.yaml x-kubernetes-validations): the first one
 * a rule breaks, or undefined.
 */
export function bgpFilterRuleProblem(rule: BGPFilterRule): string | undefined {
  const has = (v?: string) => v !== undefined && v.length > 0;
  if (has(rule.cidr) !== has(rule.matchOperator)) return 'cidr and matchOperator must both be set or both be empty';
  if (rule.prefixLength && !has(rule.cidr)) return 'cidr is required when prefixLength is set';
  if (rule.operations && rule.operations.length > 0 && rule.action !== 'Accept') return 'operations may only be used with action Accept';
  return undefined;
}
