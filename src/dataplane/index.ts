/** Data-plane verification on real CNI plugins inside network namespaces (Linux, root). */
export * from './exec';
export * from './cni-exec';
export * from './lab';
export * from './prerequisites';
export * from './verify';
