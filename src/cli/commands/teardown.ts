/** `cdk8s-cni teardown` and `node-cleanup`: removing a CNI (or Multus) from the cluster and from its nodes. */
import { Option, type Command } from 'commander';
import { crdRefs, TEARDOWN_SCOPES, type TeardownScope } from '../../teardown/ownership';
import { networkLabel, nodeCleanupScript, teardownScript } from '../../teardown/teardown';
import { synthObjects } from '../../synth';
import { DEFAULT_SPEC, loadNetwork, type CliContext } from '../context';

const scopeOption = () =>
  new Option('--scope <scope>', 'what to remove: the primary CNI only, Multus only, or everything the spec installed').choices([...TEARDOWN_SCOPES]).default('all');

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerTeardown(program: Command, ctx: CliContext): void {
  program
    .command('teardown')
    .description("print kubectl commands that delete the spec's objects (custom resources first, CRDs last); shared CRDs are kept")
    .argument('[spec]', 'ClusterNetwork YAML file of the CNI to remove', DEFAULT_SPEC)
    .addOption(scopeOption())
    .option('--delete-shared-crds', 'also delete shared CRDs (NetworkAttachmentDefinition, policy.networking.k8s.io), listing every object they hold first', false)
    .option('--keep-crds-of <spec>', 'ClusterNetwork YAML file of a component that stays installed: its CRDs are kept (repeatable)', collect, [])
    .action((spec: string, opts: { scope: TeardownScope; deleteSharedCrds: boolean; keepCrdsOf: string[] }) => {
      const network = loadNetwork(spec, ctx.loadOptions());
      const installed = opts.keepCrdsOf.map((path) => {
        const other = loadNetwork(path, ctx.loadOptions());
        return { label: networkLabel(other), crds: crdRefs(synthObjects(other)) };
      });
      ctx.io.stdout(teardownScript(network, { scope: opts.scope, deleteSharedCrds: opts.deleteSharedCrds, installed }));
    });

  program
    .command('node-cleanup')
    .description("print a script that clears what the spec's CNI (and Multus) left on a node (CNI config, interfaces, state, iptables)")
    .argument('[spec]', 'ClusterNetwork YAML file of the CNI that was removed', DEFAULT_SPEC)
    .addOption(scopeOption())
    .action((spec: string, opts: { scope: TeardownScope }) => {
      ctx.io.stdout(nodeCleanupScript(loadNetwork(spec, ctx.loadOptions()), { scope: opts.scope }));
    });
}
