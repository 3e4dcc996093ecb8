/** `cdk8s-cni aks-network-profile`: the AKS networkProfile, agent-pool networking and `az aks create` flags of an azure-cni spec. */
import { Option, type Command } from 'commander';
import { specWarnings } from '../../spec/warnings';
import { DEFAULT_SPEC, InvalidSpec, loadNetwork, type CliContext } from '../context';

export function registerAksNetworkProfile(program: Command, ctx: CliContext): void {
  program
    .command('aks-network-profile')
    .description('print the AKS networkProfile and agent-pool networking (JSON) or the equivalent az aks create command')
    .argument('[spec]', 'ClusterNetwork YAML file (spec.cni.type azure-cni, platform aks)', DEFAULT_SPEC)
    .addOption(new Option('--format <format>', 'json: {networkProfile, agentPool, azAksCreateFlags}; az: an az aks create command').choices(['json', 'az']).default('json'))
    .action((spec: string, opts: { format: 'json' | 'az' }) => {
      // loaded when this command runs, so the other commands do not pay for it
      const { aksNetworkProfileIssues, aksNetworkProfileOutput, azAksCreateScript } = require('../../cni/azure-cni/az-aks-create') as typeof import('../../cni/azure-cni/az-aks-create');
      const network = loadNetwork(spec, ctx.loadOptions());
      const issues = aksNetworkProfileIssues(network);
      if (issues.length > 0) throw new InvalidSpec(issues);
      for (const w of specWarnings(network)) ctx.io.stderr(`warning: ${w}\n`);
      const out = aksNetworkProfileOutput(network);
      ctx.io.stdout(opts.format === 'az' ? azAksCreateScript(out.networkProfile, out.agentPool) : `${JSON.stringify(out, null, 2)}\n`);
    });
}
