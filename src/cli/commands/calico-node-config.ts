/** `cdk8s-cni calico-node-config`: the per-node Calico BGP settings of a spec as a script. */
import { Option, type Command } from 'commander';
import type { CalicoNodeConfigTool } from '../../cni/calico/node-config';
import { CALICO_RULES } from '../../cni/calico/rules';
import { issueOf, type SpecIssue } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { DEFAULT_SPEC, InvalidSpec, loadNetwork, type CliContext } from '../context';

/** Why `calico-node-config` cannot print a script for `network` (empty when it can). */
export function calicoNodeConfigIssues(network: ResolvedClusterNetwork): SpecIssue[] {
  const type = network.spec.cni.type;
  return type === 'calico' ? [] : [issueOf(CALICO_RULES.nodeConfigNeedsCalico, 'spec.cni.type', { type })];
}

export function registerCalicoNodeConfig(program: Command, ctx: CliContext): void {
  program
    .command('calico-node-config')
    .description('print a script that applies spec.cni.bgp.nodes (AS numbers, route reflectors, node labels) to the cluster')
    .argument('[spec]', 'ClusterNetwork YAML file (cni.type calico)', DEFAULT_SPEC)
    .addOption(new Option('--tool <tool>', 'write the Node BGP fields with calicoctl patch (documented) or kubectl annotate').choices(['calicoctl', 'kubectl']).default('calicoctl'))
    .action((spec: string, opts: { tool: CalicoNodeConfigTool }) => {
      const network = loadNetwork(spec, ctx.loadOptions());
      const issues = calicoNodeConfigIssues(network);
      if (issues.length > 0) throw new InvalidSpec(issues);
      // loaded when this command runs, so the other commands do not pay for it
      const { calicoNodeConfigScript } = require('../../cni/calico/node-config') as typeof import('../../cni/calico/node-config');
      ctx.io.stdout(calicoNodeConfigScript(network, opts.tool));
    });
}
