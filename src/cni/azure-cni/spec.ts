/** `spec.cni` when `type: azure-cni`. Leaf module: schema only. Field names follow the AKS networkProfile (ANCHORS.md §2). */
import { z } from 'zod';
import { cidrString, cniCommonShape, intInRange, strictObject } from '../../spec/zod-helpers';

export const azureCniModeSchema = z.enum(['vnet', 'overlay', 'podsubnet']).meta({
  description: 'vnet: pods take node-subnet addresses (classic Azure CNI); overlay: pods get a private podCidr, /24 per node (Azure CNI Overlay); podsubnet: pods take addresses from a separate pod subnet (Azure CNI Pod Subnet).',
});

export const azureCniSchema = strictObject(
  {
    type: z.literal('azure-cni'),
    ...cniCommonShape,
    platform: z
      .enum(['aks', 'self-managed'])
      .default('aks')
      .meta({ description: 'aks: AKS installs the CNI (synth emits the user ip-masq-agent config; aksNetworkProfile gives the cluster settings). self-managed: Kubernetes on Azure VMs; synth emits the CNI installer and ip-masq-agent.' }),
    mode: azureCniModeSchema.default('overlay'),
    vnet: strictObject(
      { cidrs: z.array(cidrString('VNet address space.')).min(1).meta({ description: 'VNet address spaces. Default: spec.nodes.cidrs.' }) },
      'The virtual network.',
    ).optional(),
    nodeSubnet: cidrString('Node subnet (agent pool vnetSubnetID). Default: spec.nodes.cidrs[0].').optional(),
    nodeSubnetIPv6: cidrString(
      'IPv6 prefix of the node subnet on a dual-stack cluster (Azure IPv6 subnets are exactly /64). Default: the first /64 of the first IPv6 VNet range.',
    ).optional(),
    podSubnet: cidrString('Pod subnet (agent pool podSubnetID); required for mode podsubnet and equal to spec.pods.cidrs[0].').optional(),
    podIPAllocationMode: z
      .enum(['DynamicIndividual', 'StaticBlock'])
      .default('DynamicIndividual')
      .meta({ description: 'Pod subnet allocation (mode podsubnet): IPs in batches of 16, or /28 blocks per node.' }),
    dataplane: z.enum(['azure', 'cilium']).default('azure').meta({ description: 'networkDataplane.' }),
    networkPolicy: z
      .enum(['none', 'azure', 'calico', 'cilium'])
      .optional()
      .meta({ description: 'networkPolicy engine. Default: cilium with dataplane cilium (the only policy AKS accepts with it), else none.' }),
    maxSurge: intInRange(0, 1000, 'Surge nodes added during upgrades, reserved in subnet sizing.').default(1),
  },
  'Azure CNI: pods on the Azure VNet (node subnet or pod subnet) or on an overlay podCidr (AKS Azure CNI Overlay).',
).transform((c) => ({ ...c, networkPolicy: c.networkPolicy ?? defaultNetworkPolicy(c.dataplane) }));

/** The network policy when the spec leaves it out: AKS accepts only `cilium` with the Cilium dataplane, else `none`. */
export function defaultNetworkPolicy(dataplane: 'azure' | 'cilium'): 'none' | 'cilium' {
  return dataplane === 'cilium' ? 'cilium' : 'none';
}

export type AzureCniSpec = z.input<typeof azureCniSchema>;
export type ResolvedAzureCni = z.output<typeof azureCniSchema>;
export type AzureCniMode = ResolvedAzureCni['mode'];
