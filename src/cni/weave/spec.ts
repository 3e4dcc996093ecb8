/** `spec.cni` when `type: weave`. Leaf module: schema only. */
import { z } from 'zod';
import { cidrString, cniCommonShape, intInRange, secretKeyRef, strictObject } from '../../spec/zod-helpers';

export const weaveCniSchema = strictObject(
  {
    type: z.literal('weave'),
    ...cniCommonShape,
    ipallocRange: cidrString('IPALLOC_RANGE: the range Weave IPAM allocates pod addresses from. Default: spec.pods.cidrs[0].').optional(),
    mtu: intInRange(576, 65535, "WEAVE_MTU. Default: spec.nodes.mtu minus Weave's 84-byte overhead, rounded down to a multiple of 4.").optional(),
    noMasqLocal: z.boolean().default(true).meta({ description: 'NO_MASQ_LOCAL: keep client source IPs for Services with externalTrafficPolicy: Local.' }),
    connLimit: intInRange(1, 100000, 'CONN_LIMIT: soft limit on peer connections (Weave default 200).').optional(),
    encryption: strictObject(
      {
        passwordSecret: secretKeyRef('The Secret key holding WEAVE_PASSWORD (a reference, never the password itself).', {
          what: 'password',
          namespace: 'kube-system',
          fields: 'name+key',
        }),
      },
      'Data-plane encryption (WEAVE_PASSWORD from a Secret).',
    ).optional(),
  },
  'Weave Net 2.8.1 (archived upstream): a mesh overlay (fastdp VXLAN / sleeve) with its own IPAM and network policy controller.',
);

export type WeaveCniSpec = z.input<typeof weaveCniSchema>;
export type ResolvedWeaveCni = z.output<typeof weaveCniSchema>;
