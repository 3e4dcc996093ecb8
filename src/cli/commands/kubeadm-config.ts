/** `cdk8s-cni kubeadm-config`: the kubeadm configuration whose ranges match the spec. */
import type { Command } from 'commander';
import { DEFAULT_KUBERNETES_VERSION, initDocumentList, kubeadmInitDocuments, kubeadmJoinConfiguration, renderKubeadmYaml } from '../../kubeadm/config';
import { SpecValidationError } from '../../spec/issues';
import { DEFAULT_SPEC, EXIT_USAGE, loadNetwork, type CliContext } from '../context';

interface KubeadmConfigOptions {
  readonly kubernetesVersion: string;
  readonly controlPlaneEndpoint?: string;
  readonly join: boolean;
  readonly apiServerEndpoint?: string;
  readonly token?: string;
  readonly caCertHash?: string;
}

export function registerKubeadmConfig(program: Command, ctx: CliContext): void {
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
    .action((spec: string, opts: KubeadmConfigOptions) => {
      const network = loadNetwork(spec, ctx.loadOptions());
      try {
        if (opts.join) {
          const missing = (['apiServerEndpoint', 'token', 'caCertHash'] as const).filter((k) => !opts[k]);
          if (missing.length > 0) throw new Error(`--join needs ${missing.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`);
          ctx.io.stdout(renderKubeadmYaml([kubeadmJoinConfiguration({ apiServerEndpoint: opts.apiServerEndpoint!, token: opts.token!, caCertHashes: [opts.caCertHash!] })]));
        } else {
          ctx.io.stdout(renderKubeadmYaml(initDocumentList(kubeadmInitDocuments(network, { kubernetesVersion: opts.kubernetesVersion, controlPlaneEndpoint: opts.controlPlaneEndpoint }))));
        }
      } catch (e) {
        if (e instanceof SpecValidationError) throw e; // a spec kubeadm refuses: exit 1 like any invalid spec
        ctx.io.stderr(`error: ${(e as Error).message}\n`);
        ctx.setExitCode(EXIT_USAGE);
      }
    });
}
