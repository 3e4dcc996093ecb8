/** macvlan (plugins-docs/macvlan.md): a MAC-addressed sub-interface of a node interface, moved into the pod. */
export interface MacvlanPlugin {
  readonly type: 'macvlan';
  /** Node interface to enslave, e.g. `eth1`. Required here: the upstream default (the default-route interface) is rarely what a secondary network wants. */
  readonly master: string;
  /** `bridge`, `private`, `vepa` or `passthru`. @default 'bridge' */
  readonly mode?: 'bridge' | 'private' | 'vepa' | 'passthru';
  /** MTU, at most the master's. @default - chosen by the kernel */
  readonly mtu?: number;
  /** The master lives in the pod's network namespace. @default false */
  readonly linkInContainer?: boolean;
}
