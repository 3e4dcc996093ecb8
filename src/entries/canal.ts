/** `cdk8s-cni/canal`: the Canal construct (Calico policy + Flannel data path). */
export * from './calico-policy';
export * from '../cni/common/flannel-data-path/props';
export * from '../cni/common/flannel-data-path/net-conf';
export * from '../cni/canal/props';
export * from '../cni/canal/canal';
