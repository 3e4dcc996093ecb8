/** `cdk8s-cni/overrides`: escape hatches (docs/escape-hatches.md): extra env per container and JSON patches on rendered objects. */
export * from '../overrides/chart';
export type * from '../overrides/props';
export { applyOverrides, type OverrideSource } from '../overrides/apply';
export { OVERRIDES_RULES } from '../overrides/rules';
export type { RenderedObject } from '../overrides/object-ref';
export type { OverriddenLabel } from '../charts/labelled-chart';
