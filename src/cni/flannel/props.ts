import type { ImageOptions } from '../common/images';
import type { FlannelNetworkProps } from '../common/flannel-data-path/props';

export interface FlannelProps extends FlannelNetworkProps, ImageOptions {
  /** Namespace for Flannel's objects; created with the `privileged` Pod Security label. @default 'kube-flannel' */
  readonly namespace?: string;
  /** Flannel image tag (the CNI plugin image keeps its own pinned tag). @default VERSIONS.flannel.version */
  readonly version?: string;
}
