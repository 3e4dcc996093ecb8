/** `cdk8s-cni calico-node-config`: the per-node Calico BGP settings of a spec as a script. */
import { Option, type Command } from 'commander';
import { calicoNodeConfigScript, type CalicoNodeConfigTool } from '../../cni/calico/node-config';
import { DEFAULT_SPEC, EXIT_USAGE, loadNetwork, type CliContext } from '../context';

export function registerCalicoNodeConfig(program: Command, ctx: CliContext): void {
  program
    .command('calico-node-config')
    .description('print a script that applies spec.cni.bgp.nodes (AS numbers, route reflectors, node labels) to the cluster')
    .argument('[spec]', 'ClusterNetwork YAML file (cni.type calico)', DEFAULT_SPEC)
    .addOption(new Option('--tool <tool>', 'write the Node BGP fields with calicoctl patch (documented) or kubectl annotate').choices(['calicoctl', 'kubectl']).default('calicoctl'))
    .action((spec: string, opts: { tool: CalicoNodeConfigTool }) => {
      const network = loadNetwork(spec, ctx.loadOptions());
      if (network.spec.cni.type !== 'calico') {
        ctx.io.stderr(`error: calico-node-config needs spec.cni.type calico (the spec has ${network.spec.cni.type})\n`);
        ctx.setExitCode(EXIT_USAGE);
        return;
      }
      ctx.io.stdout(calicoNodeConfigScript(network, opts.tool));
    });
}
