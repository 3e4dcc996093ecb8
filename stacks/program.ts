/**
 * The Pulumi program: read and validate the stack configuration and the network spec (every problem reported at once,
 * before any resource is registered), then build the chosen cluster.
 */
import * as pulumi from '@pulumi/pulumi';
import { aksStack } from './aks/cluster';
import { parseStackConfig, projectConfig, StackConfigError } from './config';
import { eksStack } from './eks/cluster';
import { kubeadmStack, type KubeadmStackOptions } from './kubeadm/cluster';

export interface ProgramOptions {
  readonly kubeadm?: KubeadmStackOptions;
  /** Where relative `networkFile` paths start. @default the folder holding Pulumi.yaml */
  readonly baseDir?: string;
}

/** Runs the program and returns the stack outputs. */
export function runProgram(opts: ProgramOptions = {}): Record<string, unknown> {
  let cfg;
  try {
    cfg = parseStackConfig(projectConfig(pulumi.runtime.allConfig(), pulumi.getProject()), pulumi.getProject(), opts.baseDir);
  } catch (e) {
    // RunError: Pulumi prints the message without a stack trace.
    if (e instanceof StackConfigError) throw new pulumi.RunError(e.message);
    throw e;
  }
  switch (cfg.cluster) {
    case 'eks':
      return { cluster: 'eks', ...eksStack(cfg.network, cfg.eks) };
    case 'aks':
      return { cluster: 'aks', ...aksStack(cfg.network, cfg.aks) };
    default:
      return { cluster: 'kubeadm', ...kubeadmStack(cfg.network, cfg.kubeadm, opts.kubeadm) };
  }
}
