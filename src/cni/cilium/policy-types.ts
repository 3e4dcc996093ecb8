/** Typed CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy rule shapes (cilium.io/v2 CRD field names). */

/** A Kubernetes label selector over endpoint (pod) labels; `k8s:io.kubernetes.pod.namespace` selects a namespace. */
export interface EndpointSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; readonly values?: readonly string[] }>;
}

/** A CIDR with optional holes (`fromCIDRSet` / `toCIDRSet`). */
export interface CidrRule {
  readonly cidr: string;
  readonly except?: readonly string[];
}

/** Cilium's special identities. */
export type PolicyEntity = 'all' | 'world' | 'cluster' | 'host' | 'remote-node' | 'kube-apiserver' | 'ingress' | 'health' | 'init' | 'unmanaged' | 'none';

/** An L4 port (number or named port) and protocol. */
export interface PortProtocol {
  readonly port: number | string;
  /** Last port of a range. @default - single port */
  readonly endPort?: number;
  /** @default 'ANY' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | 'ANY';
}

/** An L7 HTTP rule: every field set must match (method and path are regular expressions). */
export interface HttpRule {
  readonly method?: string;
  readonly path?: string;
  readonly host?: string;
  /** Headers that must be present, e.g. `X-Team: blue`. */
  readonly headers?: readonly string[];
  /** Header name/value matches; values from Secrets are referenced, never inlined by this library. */
  readonly headerMatches?: ReadonlyArray<{ readonly name: string; readonly value?: string; readonly mismatch?: 'LOG' | 'ADD' | 'DELETE' | 'REPLACE' }>;
}

/** An L7 DNS rule (also the shape of `toFQDNs`): exactly one of `matchName` / `matchPattern`. */
export interface DnsRule {
  readonly matchName?: string;
  readonly matchPattern?: string;
}

/** Ports plus optional L7 rules of one kind. */
export interface PortRule {
  readonly ports: readonly PortProtocol[];
  readonly rules?: { readonly http?: readonly HttpRule[]; readonly dns?: readonly DnsRule[] };
}

export interface IngressRule {
  readonly fromEndpoints?: readonly EndpointSelector[];
  readonly fromCIDR?: readonly string[];
  readonly fromCIDRSet?: readonly CidrRule[];
  readonly fromEntities?: readonly PolicyEntity[];
  readonly toPorts?: readonly PortRule[];
}

export interface EgressRule {
  readonly toEndpoints?: readonly EndpointSelector[];
  readonly toCIDR?: readonly string[];
  readonly toCIDRSet?: readonly CidrRule[];
  readonly toEntities?: readonly PolicyEntity[];
  readonly toFQDNs?: readonly DnsRule[];
  readonly toPorts?: readonly PortRule[];
}

/** The policy body (`spec`). Deny rules take no L7 rules. */
export interface CiliumPolicyRules {
  readonly description?: string;
  readonly ingress?: readonly IngressRule[];
  readonly egress?: readonly EgressRule[];
  readonly ingressDeny?: readonly IngressRule[];
  readonly egressDeny?: readonly EgressRule[];
}
