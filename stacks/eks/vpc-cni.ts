/**
 * What the EKS stack needs from the network when the CNI is the AWS VPC CNI — the add-on configuration values, the
 * max-pods calculation and the custom-networking / prefix-delegation switches — all from `src/`.
 */
import { eksVpcCniAddonConfiguration } from '../../src/cni/aws-vpc-cni/eks-addon';
import type { InstanceNetworkLimits } from '../../src/cni/aws-vpc-cni/max-pods';
import { awsMaxPods } from '../../src/cni/aws-vpc-cni/plan';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';

/** A pod subnet the stack created for a zone (custom networking). */
export interface StackEniConfig {
  readonly zone: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
}

export interface VpcCniPlan {
  readonly customNetworking: boolean;
  readonly prefixDelegation: boolean;
  /** The instance types the network was planned for (`spec.cni.nodeInstanceTypes`). */
  readonly instanceTypes: readonly string[];
  /** Pod subnet CIDR per zone from `spec.cni.customNetworking.eniConfigs[].cidr`, where given. */
  readonly zonePodCidrs: ReadonlyMap<string, string>;
  /**
   * The `vpc-cni` add-on `configurationValues`. With custom networking, each ENIConfig's subnet and security groups
   * are the ones the stack created for its zone (the spec's placeholders are replaced).
   */
  configurationValues(eniConfigs: readonly StackEniConfig[]): Record<string, unknown>;
  /**
   * Kubelet max pods for instance limits: the library's calculation (custom networking, prefix delegation, the trunk
   * ENI with `podENI`, IPv6), never above `spec.pods.maxPerNode`.
   */
  maxPods(limits: InstanceNetworkLimits): number;
}

/** The VPC CNI plan, or undefined when the network's CNI is not the AWS VPC CNI. */
export function vpcCniPlan(network: ResolvedClusterNetwork): VpcCniPlan | undefined {
  const cni = network.spec.cni;
  if (cni.type !== 'aws-vpc-cni') return undefined;
  const customNetworking = cni.customNetworking.enabled;
  const prefixDelegation = cni.prefixDelegation.enabled;
  return {
    customNetworking,
    prefixDelegation,
    instanceTypes: cni.nodeInstanceTypes,
    zonePodCidrs: new Map(cni.customNetworking.eniConfigs.filter((e) => e.cidr !== undefined).map((e) => [e.name, e.cidr as string])),
    configurationValues(eniConfigs) {
      if (!customNetworking) return eksVpcCniAddonConfiguration(network);
      const byZone = new Map(eniConfigs.map((e) => [e.zone, e]));
      const replaced = cni.customNetworking.eniConfigs.map((e) => {
        const s = byZone.get(e.name);
        return s ? { ...e, subnet: s.subnetId, securityGroups: [s.securityGroupId] } : e;
      });
      return eksVpcCniAddonConfiguration({ ...network, spec: { ...network.spec, cni: { ...cni, customNetworking: { ...cni.customNetworking, eniConfigs: replaced } } } });
    },
    maxPods: (limits) => Math.min(network.spec.pods.maxPerNode, awsMaxPods({ ...network, spec: { ...network.spec, cni } }, limits)),
  };
}
