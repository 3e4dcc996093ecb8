import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { NAD_API_VERSION, NAD_KIND } from './network-attachment-definition';

/** Name of the NetworkAttachmentDefinition CRD. */
export const NAD_CRD_NAME = 'network-attachment-definitions.k8s.cni.cncf.io';

export interface NetworkAttachmentDefinitionCrdProps {
  /** Extra annotations (e.g. Argo CD sync waves). @default - none */
  readonly annotations?: Record<string, string>;
}

/**
 * The NetworkAttachmentDefinition CustomResourceDefinition (k8s.cni.cncf.io/v1, namespaced, short names nad and
 * net-attach-def) as Multus v4.3.0 installs it.
 */
export class NetworkAttachmentDefinitionCrd extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: NetworkAttachmentDefinitionCrdProps = {}) {
    super(scope, id);
    const [group, version] = NAD_API_VERSION.split('/');
    this.apiObject = new ApiObject(this, 'resource', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: NAD_CRD_NAME, ...(props.annotations ? { annotations: props.annotations } : {}) },
      spec: {
        group,
        scope: 'Namespaced',
        names: {
          plural: 'network-attachment-definitions',
          singular: 'network-attachment-definition',
          kind: NAD_KIND,
          shortNames: ['nad', 'net-attach-def'],
        },
        versions: [
          {
            name: version,
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                description:
                  'NetworkAttachmentDefinition is a CRD schema specified by the Network Plumbing Working Group to express the intent for attaching pods to one or more logical or physical networks. More information available at: https://github.com/k8snetworkplumbingwg/multi-net-spec',
                type: 'object',
                properties: {
                  apiVersion: {
                    description:
                      'APIVersion defines the versioned schema of this represen tation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
                    type: 'string',
                  },
                  kind: {
                    description:
                      'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
                    type: 'string',
                  },
                  metadata: { type: 'object' },
                  spec: {
                    description: 'NetworkAttachmentDefinition spec defines the desired state of a network attachment',
                    type: 'object',
                    properties: {
                      config: { description: 'NetworkAttachmentDefinition config is a JSON-formatted CNI configuration', type: 'string' },
                    },
                  },
                },
              },
            },
          },
        ],
      },
    });
  }
}
