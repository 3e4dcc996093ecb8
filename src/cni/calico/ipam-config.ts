import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions } from '../common/calico-policy/custom-resource';

/** `spec` of Calico's IPAMConfig (upstream field names; the CRD requires both booleans). */
export interface IPAMConfigSpec {
  /**
   * A node takes addresses only from blocks affine to it: when no free block is left, it does not borrow addresses
   * from other nodes' blocks and pod creation fails instead. @default false
   */
  readonly strictAffinity: boolean;
  /** Claim new blocks automatically when a node's blocks are full. @default true */
  readonly autoAllocateBlocks?: boolean;
  /** Blocks one node may claim, 0 = unlimited. @default 0 */
  readonly maxBlocksPerHost?: number;
}

export interface IPAMConfigProps extends CalicoResourceOptions {
  readonly spec: IPAMConfigSpec;
}

/** Calico IPAM's cluster-wide settings: the IPAMConfig named `default`. */
export class IPAMConfig extends Construct {
  /** The name Calico IPAM reads its settings from (libcalico-go ipam: `default`). */
  public static readonly NAME = 'default';
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: IPAMConfigProps) {
    super(scope, id);
    this.apiObject = calicoResource(this, 'resource', 'IPAMConfig', { name: IPAMConfig.NAME }, props, { autoAllocateBlocks: true, ...props.spec });
  }
}
