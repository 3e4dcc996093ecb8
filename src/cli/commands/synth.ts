/** `cdk8s-cni synth`: validate the spec, then write the manifests atomically. */
import type { Command } from 'commander';
import { formatIssue } from '../../spec/issues';
import { specWarnings } from '../../spec/warnings';
import { synthToDirectory } from '../../synth';
import { DEFAULT_SPEC, loadNetwork, type CliContext } from '../context';

export function registerSynth(program: Command, ctx: CliContext): void {
  program
    .command('synth')
    .description('validate the spec and write the manifests (nothing is written when the spec is invalid)')
    .argument('[spec]', 'ClusterNetwork YAML file', DEFAULT_SPEC)
    .option('-o, --output <dir>', 'output directory', 'dist')
    .option('--argo-sync-waves', 'add Argo CD sync-wave annotations (CRDs first)', false)
    .option('--prune', 'also remove manifests an earlier synth wrote into the output directory under another spec name (*.k8s.yaml)', false)
    .action((spec: string, opts: { output: string; argoSyncWaves: boolean; prune: boolean }) => {
      const network = loadNetwork(spec, ctx.loadOptions());
      for (const w of specWarnings(network)) ctx.io.stderr(`warning: ${w}\n`);
      const files = synthToDirectory(network, opts.output, {
        argoSyncWaves: opts.argoSyncWaves,
        prune: opts.prune,
        onWarning: (w) => ctx.io.stderr(`warning: ${formatIssue(w)}\n`),
      });
      for (const f of files) ctx.io.stdout(`${f}\n`);
    });
}
