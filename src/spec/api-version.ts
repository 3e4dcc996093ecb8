/** The `apiVersion` and `kind` of a ClusterNetwork document (kept apart from the zod schema, which loads lazily). */
export const API_VERSION = 'cdk8s-cni.dev/v1alpha1';
export const KIND = 'ClusterNetwork';
