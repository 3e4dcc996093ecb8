/** Rules of the Felix settings Calico and Canal share (projectcalico/calico@v3.32.1). */
import { defineRule } from '../../../rules/rule';

const FELIX_CRD = 'projectcalico/calico@v3.32.1 libcalico-go/config/crd/crd.projectcalico.org_felixconfigurations.yaml (openAPIV3Schema of spec)';

export const FELIX_RULES = {
  extraModelled: defineRule<{ field: string }>({
    id: 'calico/felix-extra-modelled-field',
    severity: 'error',
    path: 'spec.cni.felix.extra.<field>',
    summary: 'felix.extra holds only fields the spec does not model; a modelled field is set through its typed field, which the checks see.',
    source: { contract: 'docs/cni/calico.md "Felix settings": what the spec models is checked, so a modelled field must not bypass its checks through the escape hatch' },
    message: ({ field }) => `is modelled by the spec (allowed: set spec.cni.felix.${field} instead)`,
  }),
  extraSchema: defineRule<{ detail: string }>({
    id: 'calico/felix-extra-schema',
    severity: 'error',
    path: 'spec.cni.felix.extra.<field>',
    summary: 'Every felix.extra field is a FelixConfiguration spec field of the pinned CRD, with a value its schema accepts (type, enum, pattern, bounds); the API server refuses a wrong value and prunes an unknown field.',
    source: { upstream: FELIX_CRD },
    message: ({ detail }) => detail,
  }),
  extraExclusive: defineRule({
    id: 'calico/felix-route-table-range-exclusive',
    severity: 'error',
    path: 'spec.cni.felix.extra.routeTableRanges',
    summary: 'routeTableRange and routeTableRanges are not both set.',
    source: { upstream: `${FELIX_CRD}: x-kubernetes-validations "routeTableRange and routeTableRanges cannot both be set"` },
    message: () => 'is set together with routeTableRange (allowed: one of them)',
  }),
  extraInUse: defineRule<{ fields: string }>({
    id: 'calico/felix-extra-in-use',
    severity: 'warning',
    path: 'spec.cni.felix.extra',
    summary: 'felix.extra fields are written as given: only their shape is checked (against the CRD schema), not what they do together with the rest of the spec.',
    source: { opinion: 'an escape hatch is the user\'s responsibility; the warning lists the unchecked fields so a reviewer sees them' },
    message: ({ fields }) => `sets ${fields} as given; only the CRD schema checks them, not how they interact with the rest of the spec`,
  }),
};
