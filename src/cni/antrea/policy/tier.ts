/** Antrea Tier (crd.antrea.io/v1beta1): a priority band of Antrea-native policies. */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { AntreaResourceOptions } from './types';

/** The API version of Antrea-native policy resources (Tier, ClusterNetworkPolicy, NetworkPolicy, ClusterGroup). */
export const ANTREA_POLICY_API_VERSION = 'crd.antrea.io/v1beta1';

/**
 * The Tiers antrea-controller creates at start-up (docs/antrea-network-policy.md "Static tiers"; pkg/controller/
 * networkpolicy): read-only, and their priorities are taken.
 */
export const STATIC_TIERS = { emergency: 50, securityops: 100, networkops: 150, platform: 200, application: 250, baseline: 253 } as const;

/** Priorities the Tier webhook reserves (pkg/controller/networkpolicy/validate.go `reservedTierPriorities`). */
export const RESERVED_TIER_PRIORITIES = [251, 252, 254, 255] as const;

/**
 * Why a custom Tier cannot be created, as the Tier admission webhook (tierValidator.createValidate) and the CRD schema
 * (priority 0-255) refuse it; undefined when it can.
 */
export function tierProblem(name: string, priority: number): string | undefined {
  if (name in STATIC_TIERS) return `metadata.name: ${name} is a static Tier that antrea-controller creates (allowed: another name)`;
  const allowed = 'allowed: an integer 0-249 other than the static tiers\' 50, 100, 150, 200';
  if (!Number.isInteger(priority) || priority < 0 || priority > 255) return `spec.priority: ${priority} is not an integer 0-255 (${allowed})`;
  if ((RESERVED_TIER_PRIORITIES as readonly number[]).includes(priority)) return `spec.priority: ${priority} is reserved ("tier ${name} priority ${priority} is reserved") (${allowed})`;
  const taken = Object.entries(STATIC_TIERS).find(([, p]) => p === priority);
  if (taken) return `spec.priority: ${priority} overlaps the static Tier ${taken[0]} ("overlaps with existing Tier") (${allowed})`;
  return undefined;
}

export interface TierProps extends AntreaResourceOptions {
  readonly name: string;
  /** Lower is evaluated first; unique among Tiers. */
  readonly priority: number;
  readonly description?: string;
}

/** A custom Tier. Throws `Tier <name>: <path>: <problem>` for a Tier the webhook would refuse. */
export class Tier extends Construct {
  public readonly apiObject: ApiObject;
  public readonly tierName: string;

  public constructor(scope: Construct, id: string, props: TierProps) {
    super(scope, id);
    const problem = tierProblem(props.name, props.priority);
    if (problem) throw new Error(`Tier ${props.name}: ${problem}`);
    this.tierName = props.name;
    this.apiObject = antreaResource(this, 'Tier', props.name, undefined, props, { priority: props.priority, description: props.description });
  }
}

/** Creates one crd.antrea.io/v1beta1 resource; `undefined` fields are dropped by cdk8s on synth. */
export function antreaResource(scope: Construct, kind: string, name: string, namespace: string | undefined, opts: AntreaResourceOptions, spec: object): ApiObject {
  return new ApiObject(scope, 'resource', {
    apiVersion: ANTREA_POLICY_API_VERSION,
    kind,
    metadata: {
      name,
      ...(namespace ? { namespace } : {}),
      ...(opts.labels ? { labels: { ...opts.labels } } : {}),
      ...(opts.annotations ? { annotations: { ...opts.annotations } } : {}),
    },
    spec,
  });
}
