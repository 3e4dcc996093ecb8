/** CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2) as typed, validated constructs. */
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { CiliumPolicyRules, EgressRule, EndpointSelector, IngressRule, PortRule } from './policy-types';
import { validatePolicyRules } from './policy-validation';
import { CILIUM_POLICY_RULES } from './rules';

export interface CiliumNetworkPolicyProps extends CiliumPolicyRules {
  /** Name of the policy. */
  readonly name: string;
  /** Namespace of the policy (and of the endpoints it selects). */
  readonly namespace: string;
  /** The endpoints (pods) the policy applies to; `{}` selects every pod in the namespace. */
  readonly endpointSelector: EndpointSelector;
}

export interface CiliumClusterwideNetworkPolicyProps extends CiliumPolicyRules {
  readonly name: string;
  /** Endpoints the policy applies to, cluster-wide. Exactly one of `endpointSelector` and `nodeSelector`. */
  readonly endpointSelector?: EndpointSelector;
  /** Nodes the policy applies to (host firewall). */
  readonly nodeSelector?: EndpointSelector;
}

const ports = (list: readonly PortRule[] | undefined) =>
  list?.map((pr) => ({ ...pr, ports: pr.ports.map((p) => ({ ...p, port: String(p.port) })) }));
const ingress = (rules: readonly IngressRule[] | undefined) => rules?.map((r) => ({ ...r, toPorts: ports(r.toPorts) }));
const egress = (rules: readonly EgressRule[] | undefined) => rules?.map((r) => ({ ...r, toPorts: ports(r.toPorts) }));

/** The `spec` object in CRD form (ports as strings, empty fields left out). */
function policySpec(selectors: Record<string, EndpointSelector | undefined>, r: CiliumPolicyRules): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({ description: r.description, ...selectors, ingress: ingress(r.ingress), ingressDeny: ingress(r.ingressDeny), egress: egress(r.egress), egressDeny: egress(r.egressDeny) }),
  );
}

function throwIfInvalid(rules: CiliumPolicyRules, extra: (issues: ReturnType<typeof validatePolicyRules>) => void): void {
  const issues = validatePolicyRules(rules);
  extra(issues);
  issues.throwIfAny();
}

/** A namespaced Cilium policy: L3 (endpoints, CIDRs, entities, FQDNs), L4 ports and L7 HTTP/DNS rules. */
export class CiliumNetworkPolicy extends ApiObject {
  public constructor(scope: Construct, id: string, props: CiliumNetworkPolicyProps) {
    throwIfInvalid(props, () => undefined);
    super(scope, id, {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: props.name, namespace: props.namespace },
      spec: policySpec({ endpointSelector: props.endpointSelector }, props),
    });
  }
}

/** A cluster-wide Cilium policy, for endpoints in every namespace or for nodes. */
export class CiliumClusterwideNetworkPolicy extends ApiObject {
  public constructor(scope: Construct, id: string, props: CiliumClusterwideNetworkPolicyProps) {
    throwIfInvalid(props, (issues) => {
      if ((props.endpointSelector === undefined) === (props.nodeSelector === undefined)) {
        issues.report(CILIUM_POLICY_RULES.selector, 'spec', {});
      }
    });
    super(scope, id, {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumClusterwideNetworkPolicy',
      metadata: { name: props.name },
      spec: policySpec({ endpointSelector: props.endpointSelector, nodeSelector: props.nodeSelector }, props),
    });
  }
}
