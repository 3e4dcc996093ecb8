/** `cdk8s-cni teardown` and `node-cleanup`: removing a CNI from the cluster and from its nodes. */
import type { Command } from 'commander';
import { nodeCleanupScript, teardownScript } from '../../teardown/teardown';
import { DEFAULT_SPEC, loadNetwork, type CliContext } from '../context';

export function registerTeardown(program: Command, ctx: CliContext): void {
  program
    .command('teardown')
    .description("print kubectl commands that delete every object of the spec's CNI (custom resources first, CRDs last)")
    .argument('[spec]', 'ClusterNetwork YAML file of the CNI to remove', DEFAULT_SPEC)
    .action((spec: string) => {
      ctx.io.stdout(teardownScript(loadNetwork(spec, ctx.loadOptions())));
    });

  program
    .command('node-cleanup')
    .description("print a script that clears what the spec's CNI left on a node (CNI config, interfaces, state, iptables)")
    .argument('[spec]', 'ClusterNetwork YAML file of the CNI that was removed', DEFAULT_SPEC)
    .action((spec: string) => {
      ctx.io.stdout(nodeCleanupScript(loadNetwork(spec, ctx.loadOptions())));
    });
}
