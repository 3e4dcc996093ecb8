/** `cdk8s-cni/spec`: the ClusterNetwork spec: types, loading, validation, defaults and the JSON Schema. */
export * from '../spec/issues';
export type * from '../spec/schema';
export type * from '../spec/cni-schema';
export * from '../spec/schemas';
export * from '../spec/resolve';
export * from '../spec/validate';
export * from '../spec/load';
export * from '../spec/json-schema';
export type { Rule, RuleSeverity, RuleSource } from '../rules/rule';
