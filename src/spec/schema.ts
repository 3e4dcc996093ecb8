/**
 * The ClusterNetwork document (SPEC.md): one zod schema gives the TypeScript types, the shape errors and the JSON
 * Schema (`cdk8s-cni schema`). Semantic checks (CIDR math, capacity) live in `src/plan/`.
 */
import { z } from 'zod';
import { multusSchema } from '../cni/multus/spec';
import { overridesSchema } from '../overrides/spec';
import { cniSchema } from './cni-schema';
import { API_VERSION, KIND } from './api-version';
import { cidrString, intInRange, ipString, strictObject } from './zod-helpers';

export { API_VERSION, KIND };

export const ipFamilySchema = z.enum(['IPv4', 'IPv6']);

export const podsSchema = strictObject(
  {
    cidrs: z.array(cidrString('Pod CIDR; one per family, in ipFamilies order.')).min(1).max(2),
    nodeMaskSize: intInRange(0, 32, 'Prefix length of the per-node block carved from the IPv4 pod range.').default(24),
    nodeMaskSizeIPv6: intInRange(0, 128, 'Prefix length of the per-node block carved from the IPv6 pod range.').default(64),
    maxPerNode: intInRange(1, 10000, 'Kubelet max pods per node. Default: 110; for aws-vpc-cni the max pods of the smallest nodeInstanceTypes entry; for azure-cni on AKS the AKS default of the mode (overlay 250, podsubnet 110, vnet 30).').optional(),
  },
  'Pod address ranges.',
);

export const servicesSchema = strictObject(
  {
    cidrs: z.array(cidrString('Service CIDR; one per family, in ipFamilies order.')).min(1).max(2).optional(),
    dnsIP: ipString('Cluster DNS service IP. Default: the 10th address of services.cidrs[0].').optional(),
  },
  'Service ranges. Default cidrs: [10.96.0.0/12] for single-stack IPv4 (the kubeadm default); [10.0.0.0/16] for azure-cni on AKS (the AKS default).',
);

export const nodesSchema = strictObject(
  {
    cidrs: z.array(cidrString('Underlay range (host / VPC / VNet).')).min(1).optional(),
    count: intInRange(1, 100000, 'Nodes at start.').default(3),
    maxCount: intInRange(1, 100000, 'Scale ceiling the plan must hold for. Default: count.').optional(),
    mtu: intInRange(0, 100000, 'Underlay MTU; each CNI derives its pod MTU from it. Default: 9001 for aws-vpc-cni (the ENI MTU), else 1500.').optional(),
  },
  'Underlay nodes.',
);

export const clusterNetworkSpecBodySchema = strictObject({
  ipFamilies: z.array(ipFamilySchema).min(1).max(2).default(['IPv4']).meta({ description: 'Primary family first.' }),
  pods: podsSchema,
  services: servicesSchema.default({}),
  nodes: nodesSchema.default({ count: 3 }),
  cni: cniSchema,
  multus: multusSchema.optional(),
  overrides: overridesSchema.optional(),
});

export const clusterNetworkSchema = strictObject(
  {
    apiVersion: z.literal(API_VERSION),
    kind: z.literal(KIND),
    metadata: strictObject({
      name: z.string().meta({ description: 'DNS-1123 label; prefixes output files.' }),
      labels: z.record(z.string(), z.string()).optional().meta({ description: 'Labels added to every synthesized object.' }),
    }),
    spec: clusterNetworkSpecBodySchema,
  },
  'A cluster network: pod/service/node ranges, the primary CNI and optional Multus secondary networks.',
);

/** What users write (YAML, TypeScript, Pulumi config): optional fields may be omitted. */
export type ClusterNetworkSpec = z.input<typeof clusterNetworkSchema>;
/** The `spec` body as users write it. */
export type ClusterNetworkSpecBody = z.input<typeof clusterNetworkSpecBodySchema>;
/** After shape validation and defaulting; see {@link ResolvedClusterNetwork} for the fully resolved form. */
export type ParsedClusterNetwork = z.output<typeof clusterNetworkSchema>;
