/**
 * The subset of kubeadm.k8s.io/v1beta4, kubelet.config.k8s.io/v1beta1 and kubeproxy.config.k8s.io/v1alpha1 that the
 * library emits. Field names are upstream's (../shared/reference/kubeadm); tests check every emitted field against the
 * reference field list.
 */

export const KUBEADM_API_VERSION = 'kubeadm.k8s.io/v1beta4';
export const KUBELET_API_VERSION = 'kubelet.config.k8s.io/v1beta1';
export const KUBE_PROXY_API_VERSION = 'kubeproxy.config.k8s.io/v1alpha1';

/** A command-line argument of a control-plane component (v1beta4 replaced the v1beta3 map with a list). */
export interface KubeadmArg {
  readonly name: string;
  readonly value: string;
}

export interface KubeadmBootstrapToken {
  readonly token: string;
  readonly description?: string;
  readonly ttl?: string;
  readonly usages?: readonly string[];
  readonly groups?: readonly string[];
}

export interface KubeadmNodeRegistration {
  readonly name?: string;
  readonly criSocket?: string;
  readonly kubeletExtraArgs?: readonly KubeadmArg[];
}

export interface KubeadmInitConfiguration {
  readonly apiVersion: typeof KUBEADM_API_VERSION;
  readonly kind: 'InitConfiguration';
  readonly bootstrapTokens?: readonly KubeadmBootstrapToken[];
  readonly nodeRegistration: KubeadmNodeRegistration;
  readonly localAPIEndpoint?: { readonly advertiseAddress?: string; readonly bindPort: number };
  readonly skipPhases?: readonly string[];
}

export interface KubeadmClusterConfiguration {
  readonly apiVersion: typeof KUBEADM_API_VERSION;
  readonly kind: 'ClusterConfiguration';
  readonly clusterName: string;
  readonly kubernetesVersion: string;
  readonly controlPlaneEndpoint?: string;
  readonly networking: { readonly podSubnet: string; readonly serviceSubnet: string; readonly dnsDomain: string };
  readonly apiServer?: { readonly certSANs?: readonly string[] };
  readonly controllerManager: { readonly extraArgs: readonly KubeadmArg[] };
}

export interface KubeadmJoinConfiguration {
  readonly apiVersion: typeof KUBEADM_API_VERSION;
  readonly kind: 'JoinConfiguration';
  readonly nodeRegistration: KubeadmNodeRegistration;
  readonly discovery: {
    readonly bootstrapToken: { readonly apiServerEndpoint: string; readonly token: string; readonly caCertHashes: readonly string[] };
  };
}

export interface KubeletConfiguration {
  readonly apiVersion: typeof KUBELET_API_VERSION;
  readonly kind: 'KubeletConfiguration';
  readonly cgroupDriver: string;
  readonly clusterDomain: string;
  readonly clusterDNS: readonly string[];
  readonly maxPods: number;
}

export interface KubeProxyConfiguration {
  readonly apiVersion: typeof KUBE_PROXY_API_VERSION;
  readonly kind: 'KubeProxyConfiguration';
  readonly clusterCIDR: string;
}

/** Any document of a kubeadm config file. */
export type KubeadmDocument = KubeadmInitConfiguration | KubeadmClusterConfiguration | KubeadmJoinConfiguration | KubeletConfiguration | KubeProxyConfiguration;
