import type { ImageOptions } from '../common/images';
import type { FlannelNetworkProps } from '../common/flannel-data-path/props';

export interface FlannelProps extends FlannelNetworkProps, ImageOptions {
  /** Namespace for Flannel's objects; created with the `privileged` Pod Security label. @default 'kube-flannel' */
  readonly namespace?: string;
  /** Flannel image tag (the CNI plugin image keeps its own pinned tag). @default VERSIONS.flannel.version */
  readonly version?: string;
  /**
   * MTU of pod interfaces, written as `mtu` in the CNI config's delegate (the flannel CNI plugin passes it to the
   * bridge plugin instead of subnet.env's `FLANNEL_MTU`; flannel-io/cni-plugin flannel_linux.go `doCmdAdd`).
   * @default - FLANNEL_MTU from flanneld: the underlay MTU minus the backend's overhead (VXLAN 50, WireGuard 80)
   */
  readonly podMtu?: number;
}
