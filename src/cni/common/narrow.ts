/** Narrowing a resolved network to one CNI type, for the functions stacks call with any network (EKS add-on, AKS profile). */
import type { CniType, ResolvedCni } from '../../spec/cni-schema';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import type { NetworkWith } from './cni-module';

/** The network narrowed to `spec.cni.type === type`, or throws `<caller>: spec.cni.type is X, expected <type>`. */
export function networkOfType<T extends CniType>(network: ResolvedClusterNetwork, type: T, caller: string): NetworkWith<Extract<ResolvedCni, { type: T }>> {
  if (network.spec.cni.type !== type) throw new Error(`${caller}: spec.cni.type is ${network.spec.cni.type}, expected ${type}`);
  return network as NetworkWith<Extract<ResolvedCni, { type: T }>>;
}
