/** Rule types shared by Calico's NetworkPolicy and GlobalNetworkPolicy (upstream field names). */

/** A port number, a range `"from:to"`, or a named port. */
export type CalicoPort = number | string;

/** The source or destination of a rule. */
export interface CalicoEntityRule {
  /** Match these CIDRs. @default - any */
  readonly nets?: readonly string[];
  /** Do not match these CIDRs. @default - none */
  readonly notNets?: readonly string[];
  /** Calico selector of endpoints. @default - any */
  readonly selector?: string;
  /** Calico selector of endpoints not to match. @default - none */
  readonly notSelector?: string;
  /** Calico selector of namespaces. @default - the policy's namespace (NetworkPolicy), all (GlobalNetworkPolicy) */
  readonly namespaceSelector?: string;
  /** Ports (protocol tcp, udp or sctp only). @default - any */
  readonly ports?: readonly CalicoPort[];
  /** Ports not to match. @default - none */
  readonly notPorts?: readonly CalicoPort[];
  /** Service accounts by name or selector. @default - any */
  readonly serviceAccounts?: { readonly names?: readonly string[]; readonly selector?: string };
  /** A Kubernetes Service's endpoints. @default - none */
  readonly services?: { readonly name: string; readonly namespace?: string };
}

/** One ingress or egress rule. */
export interface CalicoRule {
  readonly action: 'Allow' | 'Deny' | 'Log' | 'Pass';
  /** `TCP`, `UDP`, `ICMP`, `ICMPv6`, `SCTP`, `UDPLite` or a number. @default - any */
  readonly protocol?: string | number;
  /** Protocol not to match. @default - none */
  readonly notProtocol?: string | number;
  /** 4 or 6. @default - both */
  readonly ipVersion?: 4 | 6;
  /** ICMP type/code. @default - any */
  readonly icmp?: { readonly type?: number; readonly code?: number };
  readonly source?: CalicoEntityRule;
  readonly destination?: CalicoEntityRule;
  /** HTTP match (needs application layer policy). @default - none */
  readonly http?: { readonly methods?: readonly string[]; readonly paths?: ReadonlyArray<{ readonly exact?: string; readonly prefix?: string }> };
}

/** What a policy applies to, and its rules (common to both policy kinds). */
export interface CalicoPolicySpecBase {
  /** Calico selector of the endpoints the policy applies to. @default 'all()' */
  readonly selector?: string;
  /** Lower orders apply first. @default - after all ordered policies */
  readonly order?: number;
  /** The policy tier. @default 'default' */
  readonly tier?: string;
  /** Which directions the policy covers. @default - inferred from the rules present */
  readonly types?: ReadonlyArray<'Ingress' | 'Egress'>;
  readonly ingress?: readonly CalicoRule[];
  readonly egress?: readonly CalicoRule[];
  /** Calico selector of service accounts whose pods the policy applies to. @default - any */
  readonly serviceAccountSelector?: string;
}
