/**
 * kubeadm configuration from a ClusterNetwork: the pod and service ranges, node CIDR allocation, kubelet max pods
 * and the kube-proxy phase all follow from the one spec, so kubeadm and the CNI can never disagree on the pod range.
 * Plain data (no Pulumi): the `kubeadm-config` CLI command prints it and the kubeadm stack writes it to the VMs.
 */
import { cniModuleFor } from '../cni/registry';
import { nodeFirewall } from '../reports/firewall';
import { SpecValidationError } from '../spec/issues';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { KUBEADM_RULES } from './rules';
import {
  KUBEADM_API_VERSION,
  KUBELET_API_VERSION,
  KUBE_PROXY_API_VERSION,
  type KubeadmArg,
  type KubeadmClusterConfiguration,
  type KubeadmDocument,
  type KubeadmInitConfiguration,
  type KubeadmJoinConfiguration,
  type KubeletConfiguration,
  type KubeProxyConfiguration,
} from './types';
import { kubeadmNetworkIssues, refuse } from './validate';

/** The Kubernetes version the stacks and the CLI use unless told otherwise. */
export const DEFAULT_KUBERNETES_VERSION = 'v1.33.4';
/** containerd's CRI socket (what the kubeadm stack installs). */
export const CONTAINERD_CRI_SOCKET = 'unix:///var/run/containerd/containerd.sock';
/** The kubeadm phase that installs kube-proxy; skipped when the CNI replaces kube-proxy. */
export const KUBE_PROXY_PHASE = 'addon/kube-proxy';

/** Settings of a kubeadm cluster that are not part of the network spec. */
export interface KubeadmClusterOptions {
  /**
   * Kubernetes version (`ClusterConfiguration.kubernetesVersion`).
   * @default DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;
  /**
   * Cluster name. @default the spec's `metadata.name`
   */
  readonly clusterName?: string;
  /** Stable API server address `host:port` for all nodes (`controlPlaneEndpoint`). @default unset (kubeadm uses the advertise address) */
  readonly controlPlaneEndpoint?: string;
  /** Extra API server certificate SANs (e.g. a public IP or DNS name). @default none */
  readonly apiServerCertSANs?: readonly string[];
  /** Cluster DNS domain. @default cluster.local */
  readonly dnsDomain?: string;
  /** Kubelet cgroup driver (must match the container runtime's). @default systemd */
  readonly cgroupDriver?: string;
  /** CRI socket. @default containerd's socket */
  readonly criSocket?: string;
}

/** Settings of `kubeadm init` on the first control-plane node. */
export interface KubeadmInitOptions extends KubeadmClusterOptions {
  /** Bootstrap token `[a-z0-9]{6}.[a-z0-9]{16}` workers join with. @default none (kubeadm generates one) */
  readonly bootstrapToken?: string;
  /** Lifetime of the bootstrap token. @default 24h0m0s (kubeadm's default) */
  readonly bootstrapTokenTtl?: string;
  /** Address the API server advertises. @default unset (kubeadm uses the default route's address) */
  readonly advertiseAddress?: string;
  /** API server port. @default 6443 */
  readonly bindPort?: number;
}

/** Settings of `kubeadm join` on a worker. */
export interface KubeadmJoinOptions {
  /** `host:port` of the API server. */
  readonly apiServerEndpoint: string;
  /** The bootstrap token. */
  readonly token: string;
  /** Pins of the cluster CA, `sha256:<hex>` of its public key (see `caCertHash`). At least one is required. */
  readonly caCertHashes: readonly string[];
  /** CRI socket. @default containerd's socket */
  readonly criSocket?: string;
}

/** The documents of `kubeadm init --config`. */
export interface KubeadmInitDocuments {
  readonly init: KubeadmInitConfiguration;
  readonly cluster: KubeadmClusterConfiguration;
  readonly kubelet: KubeletConfiguration;
  /** Absent when the CNI replaces kube-proxy. */
  readonly kubeProxy?: KubeProxyConfiguration;
}

const BOOTSTRAP_TOKEN = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;
const CA_CERT_HASH = /^sha256:[0-9a-f]{64}$/;

/** Pod CIDRs in family order, as kubeadm's comma-separated `podSubnet`. */
function podSubnet(network: ResolvedClusterNetwork): string {
  return network.spec.pods.cidrs.join(',');
}

/** True when Kubernetes allocates per-node pod CIDRs for this CNI (Flannel, Canal, Cilium `kubernetes` IPAM). */
export function usesNodeCidrs(network: ResolvedClusterNetwork): boolean {
  return cniModuleFor(network.spec.cni.type).podAddressing(network) === 'node-cidr';
}

/** True when the CNI replaces kube-proxy, so kubeadm must skip its kube-proxy phase. */
export function skipsKubeProxy(network: ResolvedClusterNetwork): boolean {
  return nodeFirewall(network).replacesKubeProxy;
}

/**
 * kube-controller-manager flags: node CIDR allocation sized by `nodeMaskSize` (per family) when the CNI reads node
 * CIDRs; explicitly off when the CNI runs its own IPAM, so nodes never carry a podCIDR that disagrees with the CNI.
 * Always the per-family flags, also for single stack: kubeadm's validation (getClusterNodeMask) reads only
 * `node-cidr-mask-size-ipv4` / `-ipv6` and otherwise assumes /24 and /64, and kube-controller-manager takes the family
 * flag for a single-stack cluster CIDR as well.
 */
export function controllerManagerArgs(network: ResolvedClusterNetwork): KubeadmArg[] {
  if (!usesNodeCidrs(network)) return [{ name: 'allocate-node-cidrs', value: 'false' }];
  const { ipFamilies, pods } = network.spec;
  const args: KubeadmArg[] = [{ name: 'allocate-node-cidrs', value: 'true' }];
  for (const family of [...ipFamilies].sort()) {
    args.push(family === 'IPv4' ? { name: 'node-cidr-mask-size-ipv4', value: String(pods.nodeMaskSize) } : { name: 'node-cidr-mask-size-ipv6', value: String(pods.nodeMaskSizeIPv6) });
  }
  return args;
}

/** Throws a {@link SpecValidationError} listing what `kubeadm init` would refuse for this network (see `validate.ts`). */
export function assertKubeadmAccepts(network: ResolvedClusterNetwork): void {
  const issues = kubeadmNetworkIssues(network, usesNodeCidrs(network));
  if (issues.length > 0) throw new SpecValidationError(issues);
}

/** `ClusterConfiguration`: pod/service ranges, DNS domain, node CIDR allocation. */
export function kubeadmClusterConfiguration(network: ResolvedClusterNetwork, opts: KubeadmClusterOptions = {}): KubeadmClusterConfiguration {
  assertKubeadmAccepts(network);
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'ClusterConfiguration',
    clusterName: opts.clusterName ?? network.metadata.name,
    kubernetesVersion: opts.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    ...(opts.controlPlaneEndpoint ? { controlPlaneEndpoint: opts.controlPlaneEndpoint } : {}),
    networking: { podSubnet: podSubnet(network), serviceSubnet: network.spec.services.cidrs.join(','), dnsDomain: opts.dnsDomain ?? 'cluster.local' },
    ...(opts.apiServerCertSANs && opts.apiServerCertSANs.length > 0 ? { apiServer: { certSANs: [...opts.apiServerCertSANs] } } : {}),
    controllerManager: { extraArgs: controllerManagerArgs(network) },
  };
}

/** `InitConfiguration`: the bootstrap token, the API endpoint, and the kube-proxy phase skipped when replaced. */
export function kubeadmInitConfiguration(network: ResolvedClusterNetwork, opts: KubeadmInitOptions = {}): KubeadmInitConfiguration {
  if (opts.bootstrapToken !== undefined && !BOOTSTRAP_TOKEN.test(opts.bootstrapToken)) refuse(KUBEADM_RULES.bootstrapToken, 'bootstrapToken', { what: 'not a kubeadm token' });
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'InitConfiguration',
    ...(opts.bootstrapToken
      ? {
          bootstrapTokens: [
            {
              token: opts.bootstrapToken,
              description: `cdk8s-cni join token for ${opts.clusterName ?? network.metadata.name}`,
              ttl: opts.bootstrapTokenTtl ?? '24h0m0s',
              usages: ['signing', 'authentication'],
              groups: ['system:bootstrappers:kubeadm:default-node-token'],
            },
          ],
        }
      : {}),
    nodeRegistration: { criSocket: opts.criSocket ?? CONTAINERD_CRI_SOCKET },
    localAPIEndpoint: { ...(opts.advertiseAddress ? { advertiseAddress: opts.advertiseAddress } : {}), bindPort: opts.bindPort ?? 6443 },
    ...(skipsKubeProxy(network) ? { skipPhases: [KUBE_PROXY_PHASE] } : {}),
  };
}

/** `KubeletConfiguration`: max pods from `spec.pods.maxPerNode`, cluster DNS from `spec.services.dnsIP`. */
export function kubeletConfiguration(network: ResolvedClusterNetwork, opts: KubeadmClusterOptions = {}): KubeletConfiguration {
  return {
    apiVersion: KUBELET_API_VERSION,
    kind: 'KubeletConfiguration',
    cgroupDriver: opts.cgroupDriver ?? 'systemd',
    clusterDomain: opts.dnsDomain ?? 'cluster.local',
    clusterDNS: [network.spec.services.dnsIP],
    maxPods: network.spec.pods.maxPerNode,
  };
}

/** `KubeProxyConfiguration` with the pod ranges, or undefined when the CNI replaces kube-proxy. */
export function kubeProxyConfiguration(network: ResolvedClusterNetwork): KubeProxyConfiguration | undefined {
  if (skipsKubeProxy(network)) return undefined;
  return { apiVersion: KUBE_PROXY_API_VERSION, kind: 'KubeProxyConfiguration', clusterCIDR: podSubnet(network) };
}

/** Every document of `kubeadm init --config` for the network. */
export function kubeadmInitDocuments(network: ResolvedClusterNetwork, opts: KubeadmInitOptions = {}): KubeadmInitDocuments {
  const kubeProxy = kubeProxyConfiguration(network);
  return {
    init: kubeadmInitConfiguration(network, opts),
    cluster: kubeadmClusterConfiguration(network, opts),
    kubelet: kubeletConfiguration(network, opts),
    ...(kubeProxy ? { kubeProxy } : {}),
  };
}

/**
 * `JoinConfiguration` for a worker: token discovery pinned to the cluster CA. There is deliberately no way to emit
 * `unsafeSkipCAVerification`.
 */
export function kubeadmJoinConfiguration(opts: KubeadmJoinOptions): KubeadmJoinConfiguration {
  if (opts.caCertHashes.length === 0) refuse(KUBEADM_RULES.caCertHashRequired, 'caCertHashes', {});
  for (const h of opts.caCertHashes) if (!CA_CERT_HASH.test(h)) refuse(KUBEADM_RULES.caCertHashFormat, 'caCertHashes', { hash: h });
  if (!BOOTSTRAP_TOKEN.test(opts.token)) refuse(KUBEADM_RULES.bootstrapToken, 'token', { what: 'not a kubeadm token' });
  return {
    apiVersion: KUBEADM_API_VERSION,
    kind: 'JoinConfiguration',
    nodeRegistration: { criSocket: opts.criSocket ?? CONTAINERD_CRI_SOCKET },
    discovery: { bootstrapToken: { apiServerEndpoint: opts.apiServerEndpoint, token: opts.token, caCertHashes: [...opts.caCertHashes] } },
  };
}

/** Renders documents as one multi-document YAML file (the form `kubeadm --config` reads). */
export function renderKubeadmYaml(docs: readonly KubeadmDocument[]): string {
  // the yaml package loads here, not when the library is imported (BENCHMARKS.md, cold import)
  const { stringify } = require('yaml') as typeof import('yaml');
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

/** The init documents in file order: InitConfiguration, ClusterConfiguration, KubeletConfiguration, KubeProxyConfiguration. */
export function initDocumentList(d: KubeadmInitDocuments): KubeadmDocument[] {
  return [d.init, d.cluster, d.kubelet, ...(d.kubeProxy ? [d.kubeProxy] : [])];
}
