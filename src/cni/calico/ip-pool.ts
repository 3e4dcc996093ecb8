import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions } from '../common/calico-policy/custom-resource';

/** Encapsulation mode of an IPPool. */
export type EncapsulationMode = 'Always' | 'CrossSubnet' | 'Never';

/** `spec` of a Calico IPPool (upstream field names). */
export interface IPPoolSpec {
  /** The pool's range. */
  readonly cidr: string;
  /** Prefix length of the blocks nodes claim from the pool. @default 26 (IPv4), 122 (IPv6) */
  readonly blockSize?: number;
  /** IP-in-IP encapsulation of pod traffic between nodes. @default 'Never' */
  readonly ipipMode?: EncapsulationMode;
  /** VXLAN encapsulation of pod traffic between nodes. @default 'Never' */
  readonly vxlanMode?: EncapsulationMode;
  /**
   * Masquerade traffic from pods to destinations outside every pool. The spec layer fills it in per family (IPv4
   * true, IPv6 false, as calico-node creates its default pools); left out here, the IPPool CRD's default applies.
   * @default false
   */
  readonly natOutgoing?: boolean;
  /** Calico selector of the nodes that allocate from the pool. @default 'all()' */
  readonly nodeSelector?: string;
  /** Calico selector of the namespaces whose pods allocate from the pool. @default - all namespaces */
  readonly namespaceSelector?: string;
  /** Stop new allocations from the pool. @default false */
  readonly disabled?: boolean;
  /** Do not advertise the pool over BGP. @default false */
  readonly disableBGPExport?: boolean;
  /** What the addresses are for. @default ['Workload', 'Tunnel'] */
  readonly allowedUses?: ReadonlyArray<'Workload' | 'Tunnel' | 'LoadBalancer'>;
  /** Whether Calico IPAM hands out addresses automatically. @default 'Automatic' */
  readonly assignmentMode?: 'Automatic' | 'Manual';
}

export interface IPPoolProps extends CalicoResourceOptions {
  /** Resource name (a DNS-1123 subdomain). */
  readonly name: string;
  readonly spec: IPPoolSpec;
}

/** A Calico IPPool: a range pods get addresses from, in blocks of `blockSize` per node. */
export class IPPool extends Construct {
  public readonly apiObject: ApiObject;
  public readonly name: string;

  public constructor(scope: Construct, id: string, props: IPPoolProps) {
    super(scope, id);
    const { ipipMode, vxlanMode } = props.spec;
    if (ipipMode && ipipMode !== 'Never' && vxlanMode && vxlanMode !== 'Never') {
      throw new Error(`IPPool ${props.name}: ipipMode ${ipipMode} and vxlanMode ${vxlanMode} are both enabled (allowed: at most one of them)`);
    }
    this.name = props.name;
    this.apiObject = calicoResource(this, 'resource', 'IPPool', { name: props.name }, props, { ...props.spec });
  }
}
