/**
 * `cdk8s-cni synth|validate|plan|schema` (SPEC.md "CLI"). `runCli` is side-effect free apart from the files synth
 * writes and the streams it is given, so tests call it in-process. Exit codes: 0 ok, 1 invalid spec, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { formatIssue, SpecValidationError, type SpecIssue } from '../spec/issues';
import { clusterNetworkJsonSchema } from '../spec/json-schema';
import { loadSpecFile } from '../spec/load';
import { validateClusterNetwork } from '../spec/validate';
import { specWarnings } from '../spec/warnings';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { renderPlan } from '../reports/plan';
import { cniModuleFor } from '../cni/registry';
import { synthToDirectory } from '../synth';
import { nodeCleanupScript, teardownScript } from '../teardown/teardown';
import { DEFAULT_KUBERNETES_VERSION, initDocumentList, kubeadmInitDocuments, kubeadmJoinConfiguration, renderKubeadmYaml } from '../kubeadm/config';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

const DEFAULT_SPEC = 'network.yaml';

class InvalidSpec extends Error {
  public constructor(public readonly issues: readonly SpecIssue[]) {
    super('invalid spec');
  }
}

function load(path: string): ResolvedClusterNetwork {
  const loaded = loadSpecFile(path);
  if (!loaded.ok) throw new InvalidSpec(loaded.issues);
  const result = validateClusterNetwork(loaded.value);
  if (!result.ok) throw new InvalidSpec(result.issues);
  return result.network;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let code = EXIT_OK;
  const program = new Command('cdk8s-cni')
    .description('Typed, validated Kubernetes cluster networking: ClusterNetwork spec -> CNI manifests')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(false);

  program
    .command('synth')
    .description('validate the spec and write the manifests (nothing is written when the spec is invalid)')
    .argument('[spec]', 'ClusterNetwork YAML file', DEFAULT_SPEC)
    .option('-o, --output <dir>', 'output directory', 'dist')
    .option('--argo-sync-waves', 'add Argo CD sync-wave annotations (CRDs first)', false)
    .action((spec: string, opts: { output: string; argoSyncWaves: boolean }) => {
      const network = load(spec);
      for (const w of specWarnings(network)) io.stderr(`warning: ${w}\n`);
      const files = synthToDirectory(network, opts.output, { argoSyncWaves: opts.argoSyncWaves, onWarning: (w) => io.stderr(`warning: ${formatIssue(w)}\n`) });
      for (const f of files) io.stdout(`${f}\n`);
    });

  program
    .command('validate')
    .description('check the spec and report every problem, one per line')
    .argument('[spec]', 'ClusterNetwork YAML file', DEFAULT_SPEC)
    .action((spec: string) => {
      const network = load(spec);
      for (const w of specWarnings(network)) io.stderr(`warning: ${w}\n`);
      io.stdout(`${spec}: valid (${network.metadata.name}, ${cniModuleFor(network.spec.cni.type).displayName(network)})\n`);
    });

  program
    .command('plan')
    .description('print the IP plan as Markdown (table and Mermaid diagram)')
    .argument('[spec]', 'ClusterNetwork YAML file', DEFAULT_SPEC)
    .action((spec: string) => {
      io.stdout(renderPlan(load(spec)));
    });

  program
    .command('kubeadm-config')
    .description('print the kubeadm config (init, cluster, kubelet, kube-proxy; or --join) whose ranges match the spec')
    .argument('[spec]', 'ClusterNetwork YAML file', DEFAULT_SPEC)
    .option('--kubernetes-version <version>', 'ClusterConfiguration.kubernetesVersion', DEFAULT_KUBERNETES_VERSION)
    .option('--control-plane-endpoint <host:port>', 'stable API server address for all nodes')
    .option('--join', 'print the JoinConfiguration of a worker instead (needs --api-server-endpoint, --token, --ca-cert-hash)', false)
    .option('--api-server-endpoint <host:port>', 'API server a worker joins')
    .option('--token <token>', 'bootstrap token a worker joins with')
    .option('--ca-cert-hash <sha256:hex>', 'pin of the cluster CA (kubeadm token create --print-join-command shows it)')
    .action((spec: string, opts: { kubernetesVersion: string; controlPlaneEndpoint?: string; join: boolean; apiServerEndpoint?: string; token?: string; caCertHash?: string }) => {
      const network = load(spec);
      try {
        if (opts.join) {
          const missing = (['apiServerEndpoint', 'token', 'caCertHash'] as const).filter((k) => !opts[k]);
          if (missing.length > 0) throw new Error(`--join needs ${missing.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`);
          io.stdout(renderKubeadmYaml([kubeadmJoinConfiguration({ apiServerEndpoint: opts.apiServerEndpoint!, token: opts.token!, caCertHashes: [opts.caCertHash!] })]));
        } else {
          io.stdout(renderKubeadmYaml(initDocumentList(kubeadmInitDocuments(network, { kubernetesVersion: opts.kubernetesVersion, controlPlaneEndpoint: opts.controlPlaneEndpoint }))));
        }
      } catch (e) {
        if (e instanceof SpecValidationError) throw e; // a spec kubeadm refuses: exit 1 like any invalid spec
        io.stderr(`error: ${(e as Error).message}\n`);
        code = EXIT_USAGE;
      }
    });

  program
    .command('teardown')
    .description("print kubectl commands that delete every object of the spec's CNI (custom resources first, CRDs last)")
    .argument('[spec]', 'ClusterNetwork YAML file of the CNI to remove', DEFAULT_SPEC)
    .action((spec: string) => {
      io.stdout(teardownScript(load(spec)));
    });

  program
    .command('node-cleanup')
    .description("print a script that clears what the spec's CNI left on a node (CNI config, interfaces, state, iptables)")
    .argument('[spec]', 'ClusterNetwork YAML file of the CNI that was removed', DEFAULT_SPEC)
    .action((spec: string) => {
      io.stdout(nodeCleanupScript(load(spec)));
    });

  program
    .command('schema')
    .description('print the JSON Schema of the ClusterNetwork document')
    .action(() => {
      io.stdout(`${JSON.stringify(clusterNetworkJsonSchema(), null, 2)}\n`);
    });

  try {
    program.parse([...argv], { from: 'user' });
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      code = EXIT_USAGE;
    }
  } catch (e) {
    if (e instanceof InvalidSpec || e instanceof SpecValidationError) {
      for (const issue of e.issues) io.stderr(`${formatIssue(issue)}\n`);
      code = EXIT_INVALID;
    } else if (e instanceof CommanderError) {
      code = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    } else {
      throw e;
    }
  }
  return code;
}
