/** kubeadm configuration and node bootstrap generated from a ClusterNetwork (plain data, no Pulumi). */
export * from './types';
export * from './config';
export * from './ca-hash';
export * from './cloud-init';
export * from './rules';
export * from './validate';
