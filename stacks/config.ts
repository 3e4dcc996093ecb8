/**
 * Stack configuration (`Pulumi.<stack>.yaml`, keys under the project namespace `cdk8s-cni:`): which cluster to build,
 * the network spec (a file or inline), and per-cluster settings. Validated in one pass together with the network spec,
 * before any resource is registered; every problem is reported as `path: what is wrong (allowed: …)`, the same form
 * as the CLI (config keys as `cdk8s-cni:eks.nodeGroups[0].instanceType`, spec fields as `spec.pods.cidrs[0]`).
 */
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { formatIssue, type SpecIssue } from '../src/spec/issues';
import { loadSpecFile } from '../src/spec/load';
import type { ResolvedClusterNetwork } from '../src/spec/resolve';
import { toSpecIssues } from '../src/spec/shape-errors';
import { validateClusterNetwork } from '../src/spec/validate';
import { intInRange, strictObject } from '../src/spec/zod-helpers';
import { DEFAULT_KUBERNETES_VERSION } from '../src/kubeadm/config';
import { aksChecks, eksChecks, kubeadmChecks } from './checks';
import { PROJECT } from './config-names';

export { PROJECT };
/** Where relative `networkFile` paths start: the folder holding Pulumi.yaml. */
export const PROJECT_DIR = resolve(__dirname, '..');

const nodeGroupSchema = strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).meta({ description: 'Node group name (DNS-1123 label).' }),
  instanceType: z.string().min(1).meta({ description: 'EC2 instance type; its ENI limits come from the AWS API.' }),
  desiredSize: intInRange(0, 1000, 'Nodes at start. Default: spec.nodes.count.').optional(),
  minSize: intInRange(0, 1000, 'Minimum nodes. Default: desiredSize.').optional(),
  maxSize: intInRange(1, 1000, 'Maximum nodes. Default: spec.nodes.maxCount.').optional(),
});

export const eksConfigSchema = strictObject(
  {
    availabilityZones: z.array(z.string().min(1)).min(2).max(6).optional().meta({ description: 'Zones for subnets and nodes (EKS needs at least two). Default: spec.cni.availabilityZones (aws-vpc-cni).' }),
    kubernetesVersion: z.string().regex(/^\d+\.\d+$/).default('1.33').meta({ description: 'EKS Kubernetes version (MAJOR.MINOR).' }),
    nodeGroups: z.array(nodeGroupSchema).min(1).optional().meta({ description: 'Managed node groups. Default: one group "default" of spec.cni.nodeInstanceTypes[0] or m5.large.' }),
  },
  'EKS cluster settings.',
);

export const aksConfigSchema = strictObject(
  {
    location: z.string().min(1).meta({ description: 'Azure region, e.g. westeurope.' }),
    kubernetesVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/).optional().meta({ description: 'AKS Kubernetes version. Default: the AKS default.' }),
    vmSize: z.string().min(1).default('Standard_D4s_v5').meta({ description: 'Node VM size.' }),
    dnsPrefix: z.string().regex(/^[a-zA-Z0-9][-a-zA-Z0-9]{0,52}$/).optional().meta({ description: 'API server DNS prefix. Default: metadata.name.' }),
  },
  'AKS cluster settings.',
);

export const kubeadmConfigSchema = strictObject(
  {
    availabilityZone: z.string().min(1).meta({ description: 'Zone of the subnet holding every VM.' }),
    kubernetesVersion: z.string().regex(/^v\d+\.\d+\.\d+$/).default(DEFAULT_KUBERNETES_VERSION).meta({ description: 'kubeadm/kubelet version (vMAJOR.MINOR.PATCH).' }),
    controlPlaneInstanceType: z.string().min(1).default('t3.medium'),
    workerInstanceType: z.string().min(1).default('t3.medium'),
    workers: intInRange(0, 100, 'Worker VMs. Default: spec.nodes.count - 1.').optional(),
    ami: z.string().regex(/^ami-[0-9a-f]+$/).optional().meta({ description: 'Image. Default: the latest Ubuntu 24.04 LTS amd64 from Canonical.' }),
    apiAllowedCidrs: z.array(z.string().min(1)).min(1).meta({ description: 'Who may reach the API server (6443): your workstation / CI runner ranges.' }),
    sshKeyName: z.string().min(1).optional().meta({ description: 'EC2 key pair for SSH (port 22 from apiAllowedCidrs). Default: no SSH.' }),
  },
  'kubeadm-on-EC2 cluster settings.',
);

export const stackConfigSchema = strictObject(
  {
    cluster: z.enum(['eks', 'aks', 'kubeadm']).meta({ description: 'What to build.' }),
    networkFile: z.string().min(1).optional().meta({ description: 'Path of the ClusterNetwork YAML (relative to Pulumi.yaml).' }),
    network: z.unknown().optional().meta({ description: 'The ClusterNetwork document inline (structured config).' }),
    eks: eksConfigSchema.optional(),
    aks: aksConfigSchema.optional(),
    kubeadm: kubeadmConfigSchema.optional(),
  },
  'cdk8s-cni stack configuration.',
);

export type EksConfig = z.output<typeof eksConfigSchema>;
export type AksConfig = z.output<typeof aksConfigSchema>;
export type KubeadmConfig = z.output<typeof kubeadmConfigSchema>;

/** A validated stack: the cluster kind with its settings, and the resolved network. */
export type StackConfig =
  | { readonly cluster: 'eks'; readonly eks: EksConfig; readonly network: ResolvedClusterNetwork }
  | { readonly cluster: 'aks'; readonly aks: AksConfig; readonly network: ResolvedClusterNetwork }
  | { readonly cluster: 'kubeadm'; readonly kubeadm: KubeadmConfig; readonly network: ResolvedClusterNetwork };

/** Thrown (as a Pulumi RunError by the program) when config or spec is invalid; lists every problem. */
export class StackConfigError extends Error {
  public constructor(public readonly issues: readonly SpecIssue[]) {
    super(`invalid stack configuration:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'StackConfigError';
  }
}

/** Pulumi keeps structured values as JSON text; plain strings stay strings. */
function decode(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The project's keys from Pulumi's flat config map (`cdk8s-cni:cluster` → `cluster`); other namespaces are ignored. */
export function projectConfig(all: Readonly<Record<string, string>>, project = PROJECT): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(all).sort()) {
    if (key.startsWith(`${project}:`)) out[key.slice(project.length + 1)] = decode(all[key]);
  }
  return out;
}

/**
 * Validates the stack configuration and the network spec it names. `raw` is the project's config (see
 * {@link projectConfig}). Throws a {@link StackConfigError} listing every problem.
 */
export function parseStackConfig(raw: Record<string, unknown>, project = PROJECT, baseDir = PROJECT_DIR): StackConfig {
  const parsed = stackConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new StackConfigError(toSpecIssues(parsed.error).map((i) => ({ ...i, path: i.path === '(root)' ? project : `${project}:${i.path}` })));
  const cfg = parsed.data;
  const issues: SpecIssue[] = [];
  const settings = cfg[cfg.cluster];
  if (settings === undefined) issues.push({ path: `${project}:${cfg.cluster}`, message: `is required for cluster ${cfg.cluster} (allowed: an object with the ${cfg.cluster} settings)` });
  for (const other of (['eks', 'aks', 'kubeadm'] as const).filter((k) => k !== cfg.cluster && cfg[k] !== undefined)) {
    issues.push({ path: `${project}:${other}`, message: `is set but cluster is ${cfg.cluster} (allowed: only the settings of the chosen cluster)` });
  }

  let document: unknown;
  if ((cfg.networkFile === undefined) === (cfg.network === undefined)) {
    issues.push({ path: `${project}:network`, message: 'give the network spec either inline (network) or as a file (networkFile), not both or neither' });
  } else if (cfg.networkFile !== undefined) {
    const loaded = loadSpecFile(isAbsolute(cfg.networkFile) ? cfg.networkFile : resolve(baseDir, cfg.networkFile));
    if (loaded.ok) document = loaded.value;
    else issues.push(...loaded.issues);
  } else {
    document = cfg.network;
  }
  if (document === undefined) throw new StackConfigError(issues);
  const result = validateClusterNetwork(document);
  if (!result.ok) throw new StackConfigError([...issues, ...result.issues]);
  const network = result.network;
  if (cfg.eks && cfg.cluster === 'eks') issues.push(...eksChecks(network, cfg.eks));
  if (cfg.aks && cfg.cluster === 'aks') issues.push(...aksChecks(network));
  if (cfg.kubeadm && cfg.cluster === 'kubeadm') issues.push(...kubeadmChecks(network, cfg.kubeadm.workers, cfg.kubeadm.apiAllowedCidrs));
  if (issues.length > 0) throw new StackConfigError(issues);
  switch (cfg.cluster) {
    case 'eks':
      return { cluster: 'eks', eks: cfg.eks!, network };
    case 'aks':
      return { cluster: 'aks', aks: cfg.aks!, network };
    default:
      return { cluster: 'kubeadm', kubeadm: cfg.kubeadm!, network };
  }
}
