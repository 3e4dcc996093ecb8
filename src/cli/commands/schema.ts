/** `cdk8s-cni schema`: the JSON Schema of the ClusterNetwork document. */
import type { Command } from 'commander';
import type { CliContext } from '../context';

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of the ClusterNetwork document')
    .action(() => {
      // loaded when this command runs, so the other commands do not pay for it
      const { clusterNetworkJsonSchema } = require('../../spec/json-schema') as typeof import('../../spec/json-schema');
      ctx.io.stdout(`${JSON.stringify(clusterNetworkJsonSchema(), null, 2)}\n`);
    });
}
