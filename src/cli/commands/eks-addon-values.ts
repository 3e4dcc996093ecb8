/** `cdk8s-cni eks-addon-values`: the EKS vpc-cni add-on configurationValues and the node settings of an aws-vpc-cni spec. */
import { Option, type Command } from 'commander';
import { specWarnings } from '../../spec/warnings';
import { DEFAULT_SPEC, InvalidSpec, loadNetwork, type CliContext } from '../context';

export function registerEksAddonValues(program: Command, ctx: CliContext): void {
  program
    .command('eks-addon-values')
    .description('print the EKS vpc-cni add-on configurationValues and the recommended node settings (maxPods per instance type)')
    .argument('[spec]', 'ClusterNetwork YAML file (spec.cni.type aws-vpc-cni)', DEFAULT_SPEC)
    .addOption(new Option('--format <format>', 'json: {addonName, configurationValues, nodes}; configuration-values: only the add-on configurationValues').choices(['json', 'configuration-values']).default('json'))
    .action((spec: string, opts: { format: 'json' | 'configuration-values' }) => {
      // loaded when this command runs, so the other commands do not pay for it
      const { eksAddonValues, eksAddonValuesIssues } = require('../../cni/aws-vpc-cni/eks-addon-values') as typeof import('../../cni/aws-vpc-cni/eks-addon-values');
      const network = loadNetwork(spec, ctx.loadOptions());
      const issues = eksAddonValuesIssues(network);
      if (issues.length > 0) throw new InvalidSpec(issues);
      for (const w of specWarnings(network)) ctx.io.stderr(`warning: ${w}\n`);
      const values = eksAddonValues(network);
      ctx.io.stdout(`${JSON.stringify(opts.format === 'json' ? values : values.configurationValues, null, 2)}\n`);
    });
}
