/**
 * Stack configuration (`Pulumi.<stack>.yaml`, keys under the project namespace `cdk8s-cni:`): which cluster to build,
 * the network spec (a file or inline), and per-cluster settings. Validated in one pass together with the network spec,
 * before any resource is registered; every problem is reported as `path: what is wrong (allowed: …)`, the same form
 * as the CLI (config keys as `cdk8s-cni:eks.nodeGroups[0].instanceType`, spec fields as `spec.pods.cidrs[0]`).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { issueOf, type SpecIssue } from '../src/spec/issues';
import { STACK_CONFIG_RULES } from '../src/platforms/rules';
import { loadSpecFile } from '../src/spec/load';
import type { ResolvedClusterNetwork } from '../src/spec/resolve';
import { toSpecIssues } from '../src/spec/shape-errors';
import { validateClusterNetwork } from '../src/spec/validate';
import { strictObject } from '../src/spec/zod-helpers';
import { aksChecks, eksChecks, kubeadmChecks } from './checks';
import { PROJECT } from './config-names';
import { StackConfigError } from './errors';
import { aksOptionsSchema, eksOptionsSchema, kubeadmOptionsSchema, type AksConfig, type EksConfig, type KubeadmConfig } from './options';

export { PROJECT, StackConfigError };
export type { AksConfig, EksConfig, KubeadmConfig };
/**
 * Where relative `networkFile` paths start: the folder holding Pulumi.yaml. Pulumi runs a program with that folder
 * as the working directory; run from this repository's sources (stacks/), it is the repository root either way.
 */
export const PROJECT_DIR = existsSync(resolve(__dirname, '..', 'Pulumi.yaml')) ? resolve(__dirname, '..') : process.cwd();

export const eksConfigSchema = eksOptionsSchema;
export const aksConfigSchema = aksOptionsSchema;
export const kubeadmConfigSchema = kubeadmOptionsSchema;

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

/** A validated stack: the cluster kind with its settings, the resolved network, and the warnings of spec and checks. */
export type StackConfig = (
  | { readonly cluster: 'eks'; readonly eks: EksConfig; readonly network: ResolvedClusterNetwork }
  | { readonly cluster: 'aks'; readonly aks: AksConfig; readonly network: ResolvedClusterNetwork }
  | { readonly cluster: 'kubeadm'; readonly kubeadm: KubeadmConfig; readonly network: ResolvedClusterNetwork }
) & { readonly warnings: readonly SpecIssue[] };

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
  if (settings === undefined) issues.push(issueOf(STACK_CONFIG_RULES.clusterSettingsRequired, `${project}:${cfg.cluster}`, { cluster: cfg.cluster }));
  for (const other of (['eks', 'aks', 'kubeadm'] as const).filter((k) => k !== cfg.cluster && cfg[k] !== undefined)) {
    issues.push(issueOf(STACK_CONFIG_RULES.otherClusterSettings, `${project}:${other}`, { cluster: cfg.cluster }));
  }

  let document: unknown;
  if ((cfg.networkFile === undefined) === (cfg.network === undefined)) {
    issues.push(issueOf(STACK_CONFIG_RULES.oneNetworkSource, `${project}:network`, {}));
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
  if (cfg.aks && cfg.cluster === 'aks') issues.push(...aksChecks(network, cfg.aks));
  if (cfg.kubeadm && cfg.cluster === 'kubeadm') issues.push(...kubeadmChecks(network, cfg.kubeadm.workers, cfg.kubeadm.apiAllowedCidrs));
  const errors = issues.filter((i) => i.severity !== 'warning');
  if (errors.length > 0) throw new StackConfigError(errors);
  const warnings = [...result.warnings, ...issues.filter((i) => i.severity === 'warning')];
  switch (cfg.cluster) {
    case 'eks':
      return { cluster: 'eks', eks: cfg.eks!, network, warnings };
    case 'aks':
      return { cluster: 'aks', aks: cfg.aks!, network, warnings };
    default:
      return { cluster: 'kubeadm', kubeadm: cfg.kubeadm!, network, warnings };
  }
}
