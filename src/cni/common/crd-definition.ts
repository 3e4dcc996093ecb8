/**
 * CustomResourceDefinitions as data: the definition modules a CNI ships (generated once from the pinned upstream
 * release, see scripts/) and the construct that emits them as `apiextensions.k8s.io/v1` objects.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** One version of a CRD (`spec.versions[]`), with its OpenAPI v3 schema as upstream publishes it. */
export interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly schema: { readonly openAPIV3Schema: Record<string, unknown> };
  readonly [field: string]: unknown;
}

/** The fields of a CustomResourceDefinition that define it (everything but generated metadata). */
export interface CrdDefinition {
  /** Annotations upstream sets on the CRD (e.g. controller-gen version, API approval). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Labels upstream sets on the CRD (e.g. Antrea's `app: antrea`). @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  readonly group: string;
  readonly names: {
    readonly kind: string;
    /** Written only when upstream writes it (the API server defaults it to `<kind>List`). */
    readonly listKind?: string;
    readonly plural: string;
    readonly singular: string;
    readonly shortNames?: readonly string[];
  };
  /** `spec.preserveUnknownFields`, written only when upstream writes it. */
  readonly preserveUnknownFields?: boolean;
  readonly scope: 'Cluster' | 'Namespaced';
  readonly versions: readonly CrdVersion[];
  /** `spec.conversion`, written only when upstream writes it (e.g. a conversion webhook). */
  readonly conversion?: Readonly<Record<string, unknown>>;
}

/** `<plural>.<group>`, the name Kubernetes requires for a CRD. */
export function crdName(def: CrdDefinition): string {
  return `${def.names.plural}.${def.group}`;
}

export interface CustomResourceDefinitionsProps {
  /** The definitions to emit, in order. */
  readonly definitions: readonly CrdDefinition[];
  /** Annotations added to every CRD (e.g. an Argo CD sync wave). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A set of CustomResourceDefinitions, one `ApiObject` each, named `<plural>.<group>`. */
export class CustomResourceDefinitions extends Construct {
  /** The CRD objects, by CRD name. */
  public readonly objects: ReadonlyMap<string, ApiObject>;

  public constructor(scope: Construct, id: string, props: CustomResourceDefinitionsProps) {
    super(scope, id);
    const objects = new Map<string, ApiObject>();
    for (const def of props.definitions) {
      const name = crdName(def);
      const annotations = { ...def.annotations, ...props.annotations };
      const obj = new ApiObject(this, name, {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name, ...(def.labels ? { labels: { ...def.labels } } : {}), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
        spec: {
          group: def.group,
          names: def.names,
          ...(def.preserveUnknownFields !== undefined ? { preserveUnknownFields: def.preserveUnknownFields } : {}),
          scope: def.scope,
          versions: def.versions,
          ...(def.conversion ? { conversion: def.conversion } : {}),
        },
      });
      objects.set(name, obj);
    }
    this.objects = objects;
  }
}

/** Where a CNI construct puts its CustomResourceDefinitions, and whether it orders them for Argo CD. */
export interface CrdPlacementProps {
  /** Scope for the CRDs (a chart synthesized and applied before this one, see `BuildContext.crdScope`). @default - the construct itself */
  readonly crdScope?: Construct;
  /** Annotate `argocd.argoproj.io/sync-wave`: CRDs "-1", custom resources "1". @default false */
  readonly argoSyncWaves?: boolean;
}
