import { specCase, specWith, type RuleCase } from '../support';

export const SHAPE_CASES: readonly RuleCase[] = [
  specCase('shape/unknown-field', 'a typo in a field name', specWith({ pods: { cidr: ['10.244.0.0/16'] } }), specWith({})),
  specCase('shape/required', 'spec.cni missing', specWith({ cni: undefined }), specWith({})),
  specCase('shape/wrong-type', 'nodes.count as a string', specWith({ nodes: { count: 'three' } }), specWith({ nodes: { count: 3 } })),
  specCase('shape/not-allowed', 'an unknown CNI type', specWith({ cni: { type: 'contiv' } }), specWith({ cni: { type: 'flannel' } })),
  specCase('shape/too-small', 'zero nodes', specWith({ nodes: { count: 0 } }), specWith({ nodes: { count: 1 } })),
  specCase('shape/too-big', 'more nodes than the schema allows', specWith({ nodes: { count: 100001 } }), specWith({ nodes: { count: 100000 } })),
  specCase(
    'shape/invalid',
    'a literal Weave password instead of a Secret reference',
    specWith({ cni: { type: 'weave', encryption: { passwordSecret: 'hunter2' } } }),
    specWith({ cni: { type: 'weave', encryption: { passwordSecret: { name: 'weave-passwd', key: 'password' } } } }),
  ),
];
