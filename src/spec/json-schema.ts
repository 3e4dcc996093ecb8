/** The JSON Schema of a ClusterNetwork document, for editor completion in YAML (`cdk8s-cni schema`). */
import { z } from 'zod';
import { clusterNetworkSchema } from './schema';

export const SCHEMA_ID = 'https://cdk8s-cni.dev/schema/v1alpha1/cluster-network.schema.json';

export function clusterNetworkJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(clusterNetworkSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: SCHEMA_ID, title: 'ClusterNetwork', ...schema };
}
