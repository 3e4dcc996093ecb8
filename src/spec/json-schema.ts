/** The JSON Schema of a ClusterNetwork document, for editor completion in YAML (`cdk8s-cni schema`). */
import { specSchemas } from './schemas';

export const SCHEMA_ID = 'https://cdk8s-cni.dev/schema/v1alpha1/cluster-network.schema.json';

export function clusterNetworkJsonSchema(): Record<string, unknown> {
  // zod loads here, not when the library is imported
  const { z } = require('zod') as typeof import('zod');
  const schema = z.toJSONSchema(specSchemas().clusterNetworkSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema: schema.$schema, $id: SCHEMA_ID, title: 'ClusterNetwork', ...schema };
}
