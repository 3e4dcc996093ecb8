/**
 * CustomResourceDefinitions of the AWS VPC CNI: ENIConfig (shipped in aws-k8s-cni.yaml) and the network policy
 * agent's PolicyEndpoint / ClusterPolicyEndpoint (aws/amazon-network-policy-controller-k8s; EKS installs them on its
 * control plane, self-managed clusters need them). Schemas are structurally equal to upstream's (descriptions left out).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * An OpenAPI v3 schema in upstream's spelling (`x-kubernetes-list-type` …). CRDs are plain `ApiObject`s so nested
 * schemas reach the output exactly as written, without the generated L1 classes' key conversion.
 */
type Schema = { readonly [key: string]: unknown };

const str: Schema = { type: 'string' };
const int32: Schema = { type: 'integer', format: 'int32' };
const arr = (items: Schema, extra: Partial<Schema> = {}): Schema => ({ type: 'array', items, ...extra });
const obj = (properties: Record<string, Schema>, required?: string[], extra: Partial<Schema> = {}): Schema => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
  ...extra,
});

/** metav1.LabelSelector as controller-gen renders it. */
const labelSelector: Schema = obj(
  {
    matchExpressions: arr(obj({ key: str, operator: str, values: arr(str, { 'x-kubernetes-list-type': 'atomic' }) }, ['key', 'operator']), {
      'x-kubernetes-list-type': 'atomic',
    }),
    matchLabels: { type: 'object', additionalProperties: str },
  },
  undefined,
  { 'x-kubernetes-map-type': 'atomic' },
);

const DOMAIN_NAME_PATTERN = '^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$';
const ports = arr(obj({ endPort: int32, port: int32, protocol: { type: 'string', default: 'TCP' } }));
const podEndpoints = arr(obj({ hostIP: str, name: str, namespace: str, podIP: str }, ['hostIP', 'name', 'namespace', 'podIP']));

function customResourceDefinition(scope: Construct, id: string, props: { metadata: { name: string; annotations?: Record<string, string> }; spec: Schema }): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', ...props });
}

function rootSchema(spec: Schema): Schema {
  return obj({ apiVersion: str, kind: str, metadata: { type: 'object' }, spec, status: { type: 'object' } });
}

/** The `eniconfigs.crd.k8s.amazonaws.com` CRD (cluster-scoped, v1alpha1), as aws-k8s-cni.yaml ships it. */
export class EniConfigCrd extends Construct {
  public readonly crd: ApiObject;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    this.crd = customResourceDefinition(this, 'crd', {
      metadata: { name: 'eniconfigs.crd.k8s.amazonaws.com' },
      spec: {
        scope: 'Cluster',
        group: 'crd.k8s.amazonaws.com',
        preserveUnknownFields: false,
        versions: [
          {
            name: 'v1alpha1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                ...rootSchema(obj({ securityGroups: arr(str), subnet: str }, ['subnet'])),
                'x-kubernetes-preserve-unknown-fields': true,
              },
            },
          },
        ],
        names: { plural: 'eniconfigs', singular: 'eniconfig', kind: 'ENIConfig' },
      },
    });
  }
}

/** `policyendpoints.networking.k8s.aws` and `clusterpolicyendpoints.networking.k8s.aws`, read by the network policy agent. */
export class PolicyEndpointCrds extends Construct {
  public readonly policyEndpoints: ApiObject;
  public readonly clusterPolicyEndpoints: ApiObject;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const metadata = (name: string) => ({ name, annotations: { 'controller-gen.kubebuilder.io/version': 'v0.17.0' } });
    const endpoint = (extra: Record<string, Schema>) =>
      obj({ ...extra, cidr: str, domainName: { type: 'string', pattern: DOMAIN_NAME_PATTERN }, ports });
    const version = (spec: Schema) => ({
      name: 'v1alpha1',
      schema: { openAPIV3Schema: rootSchema(spec) },
      served: true,
      storage: true,
      subresources: { status: {} },
    });

    const peRule = endpoint({ except: arr(str) });
    this.policyEndpoints = customResourceDefinition(this, 'policyendpoints', {
      metadata: metadata('policyendpoints.networking.k8s.aws'),
      spec: {
        group: 'networking.k8s.aws',
        names: { kind: 'PolicyEndpoint', listKind: 'PolicyEndpointList', plural: 'policyendpoints', singular: 'policyendpoint' },
        scope: 'Namespaced',
        versions: [
          version(
            obj(
              {
                egress: arr(peRule),
                ingress: arr(peRule),
                podIsolation: arr(str),
                podSelector: labelSelector,
                podSelectorEndpoints: podEndpoints,
                policyRef: obj({ name: str, namespace: str }, ['name', 'namespace']),
              },
              ['policyRef'],
            ),
          ),
        ],
      },
    });

    const action: Schema = { type: 'string', enum: ['Accept', 'Deny', 'Pass'] };
    const cpeRule = { ...endpoint({ action }), required: ['action'] };
    this.clusterPolicyEndpoints = customResourceDefinition(this, 'clusterpolicyendpoints', {
      metadata: metadata('clusterpolicyendpoints.networking.k8s.aws'),
      spec: {
        group: 'networking.k8s.aws',
        names: {
          kind: 'ClusterPolicyEndpoint',
          listKind: 'ClusterPolicyEndpointList',
          plural: 'clusterpolicyendpoints',
          shortNames: ['cpe'],
          singular: 'clusterpolicyendpoint',
        },
        scope: 'Cluster',
        versions: [
          version(
            obj(
              {
                egress: arr(cpeRule),
                ingress: arr(cpeRule),
                podSelectorEndpoints: podEndpoints,
                policyRef: obj({ name: str }, ['name']),
                priority: int32,
                subject: obj(
                  {
                    namespaces: labelSelector,
                    pods: obj({ namespaceSelector: labelSelector, podSelector: labelSelector }, ['namespaceSelector', 'podSelector']),
                  },
                  undefined,
                  { maxProperties: 1, minProperties: 1 },
                ),
                tier: { type: 'string', enum: ['Admin', 'Baseline'] },
              },
              ['policyRef', 'priority', 'subject', 'tier'],
            ),
          ),
        ],
      },
    });
  }
}
