import type { Construct } from 'constructs';
import type { ImageOptions } from '../common/images';

/** How Multus runs: `thick` (a multus-daemon per node, the shim talks to it) or `thin` (the binary does everything). */
export type MultusMode = 'thick' | 'thin';

export interface MultusProps extends ImageOptions {
  /** Thick plugin (multus-daemonset-thick.yml) or thin plugin (multus-daemonset.yml). @default 'thick' */
  readonly mode?: MultusMode;
  /** Namespace of the DaemonSet, ConfigMap and ServiceAccount. @default 'kube-system' */
  readonly namespace?: string;
  /** Multus image tag; the thick image adds `-thick`. @default VERSIONS.multus.version ('v4.3.0') */
  readonly version?: string;
  /** Where the NetworkAttachmentDefinition CRD goes, e.g. a chart applied before this one. @default - this construct */
  readonly crdScope?: Construct;
  /** Annotations on the CRD (e.g. an Argo CD sync wave). @default - none */
  readonly crdAnnotations?: Record<string, string>;
}
