import type { ImageOptions } from '../common/images';

/** A key in a Kubernetes Secret. */
export interface WeaveSecretKeyRef {
  readonly name: string;
  readonly key: string;
}

/** Weave Net settings, named after the environment variables of weave-daemonset-k8s-1.11.yaml / kube-addon.md. */
export interface WeaveProps extends ImageOptions {
  /** Namespace of the install. @default 'kube-system' */
  readonly namespace?: string;
  /** Image tag of weave-kube and weave-npc. @default VERSIONS.weave.version */
  readonly version?: string;
  /** `IPALLOC_RANGE`. @default - not set: Weave uses 10.32.0.0/12 */
  readonly ipallocRange?: string;
  /** `WEAVE_MTU`. @default - not set: Weave uses 1376 */
  readonly mtu?: number;
  /** `NO_MASQ_LOCAL` ("1"/"0"). @default - not set: Weave enables it */
  readonly noMasqLocal?: boolean;
  /** `CONN_LIMIT`. @default - not set: Weave uses 200 */
  readonly connLimit?: number;
  /** `WEAVE_PASSWORD` from this Secret key (`secretKeyRef`); enables encryption. @default - unencrypted */
  readonly passwordSecret?: WeaveSecretKeyRef;
}
