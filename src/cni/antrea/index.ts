/** Antrea's public API. */
export * from './props';
export * from './antrea';
export { ANTREA_PORTS } from './config';
export { antreaMtuDeduction, ANTREA_MTU_OVERHEAD, type AntreaMtuInput } from './mtu';
export { antreaCrdDefinitions } from './crds';
export * from './policy/types';
export * from './policy/tier';
export * from './policy/cluster-network-policy';
export * from './policy/network-policy';
export * from './policy/cluster-group';
export type * from './spec';
export type { AntreaAgent } from './agent';
export type { AntreaController } from './controller';
export type { ResolvedAntreaProps } from './defaults';
