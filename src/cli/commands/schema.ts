/** `cdk8s-cni schema`: the JSON Schema of the ClusterNetwork document. */
import type { Command } from 'commander';
import { clusterNetworkJsonSchema } from '../../spec/json-schema';
import type { CliContext } from '../context';

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of the ClusterNetwork document')
    .action(() => {
      ctx.io.stdout(`${JSON.stringify(clusterNetworkJsonSchema(), null, 2)}\n`);
    });
}
