/** Props of the Calico policy agent half that the Calico and Canal constructs share. */
import type { Construct } from 'constructs';
import type { ImageOptions } from '../images';
import type { FelixConfigurationSpec } from './felix-configuration';

/** Options shared by the Calico and Canal constructs (the Calico policy half). */
export interface CalicoCommonProps extends ImageOptions {
  /** Namespace of every namespaced object. @default 'kube-system' */
  readonly namespace?: string;
  /** Calico image tag for cni, node, kube-controllers and typha. @default VERSIONS.calico.version */
  readonly version?: string;
  /** MTU of pod interfaces and tunnels (`veth_mtu`); 0 lets Calico detect it. @default 0 */
  readonly vethMtu?: number;
  /** Enable IPv6 in Felix (FELIX_IPV6SUPPORT) and address IPv6 pods. @default false */
  readonly ipv6?: boolean;
  /** Disable IPv4 pod addressing (IPv6-only clusters). @default false */
  readonly ipv4Disabled?: boolean;
  /** The cluster-wide FelixConfiguration `default`. @default - none created (Felix defaults) */
  readonly felixConfiguration?: FelixConfigurationSpec;
  /**
   * API server endpoint for calico-node (the `kubernetes-services-endpoint` ConfigMap), needed when kube-proxy is
   * absent (eBPF). @default - none (calico-node uses the kubernetes Service via kube-proxy)
   */
  readonly kubernetesServiceEndpoint?: { readonly host: string; readonly port: number };
  /** Where the CustomResourceDefinitions go (a chart applied first). @default - this construct */
  readonly crdScope?: Construct;
  /** Add Argo CD sync waves: CRDs "-1", custom resources "1". @default false */
  readonly argoSyncWaves?: boolean;
}
