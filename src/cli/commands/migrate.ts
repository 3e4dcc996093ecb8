/** `cdk8s-cni migrate FROM TO`: print the runbook for moving a running cluster from one CNI to another. */
import type { Command } from 'commander';
import { migrationRunbook } from '../../migrate/runbook';
import { loadNetwork, type CliContext } from '../context';

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('print a runbook (Markdown with shell blocks) that moves a running cluster from the CNI of one spec to that of another')
    .argument('<spec>', 'ClusterNetwork YAML file of the CNI the cluster runs now (FROM)')
    .argument('<to-spec>', 'ClusterNetwork YAML file of the CNI to move to (TO)')
    .option('--dir <dir>', 'working directory the runbook writes manifests, scripts and backups into', 'cni-migration')
    .action((from: string, to: string, opts: { dir: string }) => {
      const runbook = migrationRunbook({ path: from, network: loadNetwork(from, ctx.loadOptions()) }, { path: to, network: loadNetwork(to, ctx.loadOptions()) }, { dir: opts.dir });
      ctx.io.stdout(runbook);
    });
}
