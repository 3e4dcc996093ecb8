/** `cdk8s-cni plan`: the IP plan as Markdown. */
import type { Command } from 'commander';
import { DEFAULT_SPEC, loadNetwork, type CliContext } from '../context';

export function registerPlan(program: Command, ctx: CliContext): void {
  program
    .command('plan')
    .description('print the IP plan as Markdown (table and Mermaid diagram)')
    .argument('[spec]', 'ClusterNetwork YAML file', DEFAULT_SPEC)
    .action((spec: string) => {
      // loaded when this command runs, so the other commands do not pay for it
      const { renderPlan } = require('../../reports/plan') as typeof import('../../reports/plan');
      ctx.io.stdout(renderPlan(loadNetwork(spec, ctx.loadOptions())));
    });
}
