/**
 * What the EKS stack needs from the network when the CNI is the AWS VPC CNI: the add-on configuration values, the
 * max-pods calculation per instance type, and the custom-networking / prefix-delegation switches — all from `src/`.
 */
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';

/** ENI limits of an instance type, as `aws.ec2.getInstanceType` reports them. */
export interface InstanceTypeLimits {
  readonly enis: number;
  readonly ipv4PerEni: number;
  readonly vcpus: number;
  readonly nitro: boolean;
}

export interface VpcCniPlan {
  /** The `vpc-cni` add-on `configurationValues` (JSON-encoded by the stack). */
  readonly configurationValues: Record<string, unknown>;
  readonly customNetworking: boolean;
  readonly prefixDelegation: boolean;
  /** Node label whose value names a node's ENIConfig (`ENI_CONFIG_LABEL_DEF`). */
  readonly eniConfigLabel: string;
  /** Kubelet max pods for an instance type. */
  maxPods(instanceType: string, limits: InstanceTypeLimits): number;
  /** Instance type of the default node group. */
  readonly defaultInstanceType?: string;
}

/** The VPC CNI plan, or undefined when the network's CNI is not the AWS VPC CNI. */
export function vpcCniPlan(network: ResolvedClusterNetwork): VpcCniPlan | undefined {
  void network;
  return undefined;
}
