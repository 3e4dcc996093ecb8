import type { CalicoCommonProps } from '../common/calico-policy/props';
import type { FlannelNetworkProps } from '../common/flannel-data-path/props';

export interface CanalProps extends CalicoCommonProps, FlannelNetworkProps {
  /** Interface flanneld uses between nodes (`canal_iface`); empty picks the default route's. @default '' */
  readonly iface?: string;
  /** Masquerade pod traffic leaving the pod network (`masquerade`, FLANNELD_IP_MASQ). @default true */
  readonly masquerade?: boolean;
}
