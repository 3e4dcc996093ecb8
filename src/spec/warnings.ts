/**
 * Warnings about a valid spec: what it still needs from outside this library, or upstream caveats. The CLI and the
 * cdk8s app print them to stderr as `warning: …` before synthesizing.
 */
import { multusWarnings } from '../cni/multus/module';
import { cniModuleFor } from '../cni/registry';
import type { ResolvedClusterNetwork } from './resolve';

/** Every warning for `network`: the CNI's own, then those of `spec.multus`. */
export function specWarnings(network: ResolvedClusterNetwork): string[] {
  return [...(cniModuleFor(network.spec.cni.type).warnings?.(network) ?? []), ...(network.spec.multus ? multusWarnings(network.spec.multus) : [])];
}
