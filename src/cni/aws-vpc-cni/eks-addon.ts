/**
 * The EKS `vpc-cni` add-on `configurationValues` from the same spec as the manifests: plain data (no Pulumi) for
 * `aws.eks.Addon({ configurationValues: JSON.stringify(...) })`. Only settings the spec decides are written (never the
 * chart's other defaults or `VPC_CNI_VERSION`, which belong to the add-on version EKS installs); `false` is kept.
 */
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { awsNodeInitEnv, awsNodeSettingsEnv } from './env';
import { asAwsVpcCniNetwork, awsEniConfigs, awsVpcCniSettings } from './settings';

/**
 * The `configurationValues` object: `env` (aws-node), `init.env`, `enableNetworkPolicy` and, with custom networking,
 * `eniConfig: { create: true, subnets: { <zone>: { id, securityGroups } } }` (the chart's ENIConfig block).
 * Throws when `spec.cni.type` is not aws-vpc-cni, or when `spec.cni.nodeAgent` is false (the add-on always runs the
 * node agent, so the add-on and the manifests would install different DaemonSets).
 */
export function eksVpcCniAddonConfiguration(network: ResolvedClusterNetwork): Record<string, unknown> {
  const n = asAwsVpcCniNetwork(network, 'eksVpcCniAddonConfiguration');
  if (!n.spec.cni.nodeAgent) throw new Error('eksVpcCniAddonConfiguration: spec.cni.nodeAgent is false, but the EKS vpc-cni add-on always runs the node agent (leave nodeAgent at its default true)');
  const settings = awsVpcCniSettings(n);
  const eniConfigs = awsEniConfigs(n);
  const subnets: Record<string, Record<string, unknown>> = {};
  for (const e of eniConfigs) subnets[e.name] = { id: e.subnet, ...(e.securityGroups?.length ? { securityGroups: [...e.securityGroups] } : {}) };
  return {
    env: awsNodeSettingsEnv(settings),
    init: { env: awsNodeInitEnv(settings) },
    enableNetworkPolicy: String(settings.enableNetworkPolicy ?? false),
    ...(eniConfigs.length > 0 ? { eniConfig: { create: true, subnets } } : {}),
  };
}
