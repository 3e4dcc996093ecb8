/** `cdk8s-cni/kubeadm`: kubeadm configuration and cloud-init for a network. */
export * from '../kubeadm';
