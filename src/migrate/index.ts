/** Moving a running cluster from one CNI to another: refusals, facts from both specs, and the runbook. */
export * from './checks';
export * from './facts';
export * from './rules';
export * from './runbook';
export type { MigrationContext, Step } from './steps';
