/**
 * Cases of the escape hatches' rules (src/overrides/rules.ts) and of Antrea's extra config keys: each refused (or
 * warned) override next to a nearby one that passes. Overrides that need the rendered objects are checked by
 * validation too (it renders the otherwise valid spec), so spec documents cover them; the ambiguous-object case needs
 * two objects of one kind and name, which no CNI renders, so it uses an OverridableChart.
 */
import { ApiObject, Testing } from 'cdk8s';
import { OverridableChart } from '../../../src/overrides/chart';
import type { OverridesProps } from '../../../src/overrides/props';
import { SpecValidationError, type SpecIssue } from '../../../src/spec/issues';
import { specCase, specWith, type RuleCase } from '../support';

const DS = 'DaemonSet/kube-flannel/kube-flannel-ds';
const CM = 'ConfigMap/kube-flannel/kube-flannel-cfg';
const withOverrides = (overrides: OverridesProps) => specWith({ overrides });
const env = (vars: unknown[], object = DS, container = 'kube-flannel') => withOverrides({ env: [{ object, container, env: vars as any }] });
const patch = (ops: unknown[], object = CM) => withOverrides({ patches: [{ object, ops: ops as any }] });
const antrea = (cni: Record<string, unknown>) => specWith({ cni: { type: 'antrea', ...cni } });

/** Issues of a chart holding one ConfigMap `cfg` per namespace, patched as `object`. */
const twoNamespaces = (object: string) => (): readonly SpecIssue[] => {
  const chart = new OverridableChart(Testing.app(), 'c', { overrides: { patches: [{ object, ops: [{ op: 'replace', path: '/data/a', value: '2' }] }] } });
  for (const ns of ['a', 'b']) new ApiObject(chart, ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: ns }, data: { a: '1' } });
  try {
    chart.toJson();
  } catch (e) {
    if (e instanceof SpecValidationError) return e.issues;
    throw e;
  }
  return chart.overrideWarnings;
};

export const OVERRIDES_CASES: readonly RuleCase[] = [
  specCase('overrides/object-ref', 'a name without its kind', patch([{ op: 'remove', path: '/data/net-conf.json' }], 'kube-flannel-cfg'), patch([{ op: 'remove', path: '/data/net-conf.json' }], 'ConfigMap/kube-flannel-cfg')),
  specCase('overrides/unknown-object', 'a ConfigMap the spec does not render', patch([{ op: 'remove', path: '/data/a' }], 'ConfigMap/kube-system/calico-config'), patch([{ op: 'remove', path: '/data/net-conf.json' }])),
  { rule: 'overrides/ambiguous-object', name: 'Kind/name in two namespaces', refuses: twoNamespaces('ConfigMap/cfg'), accepts: twoNamespaces('ConfigMap/a/cfg') },
  specCase('overrides/env-no-pod-template', 'env for a ConfigMap', env([{ name: 'A', value: 'b' }], CM), env([{ name: 'A', value: 'b' }])),
  specCase('overrides/env-unknown-container', 'a container the DaemonSet does not have', env([{ name: 'A', value: 'b' }], DS, 'flanneld'), env([{ name: 'A', value: 'b' }], DS, 'install-cni')),
  specCase('overrides/env-name', 'a name with =', env([{ name: 'A=1', value: 'b' }]), env([{ name: 'A.1', value: 'b' }])),
  specCase(
    'overrides/env-value-and-value-from',
    'value and valueFrom',
    env([{ name: 'NODE', value: 'n1', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }]),
    env([{ name: 'NODE', value: '', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }]),
  ),
  specCase('overrides/env-value-from-sources', 'valueFrom without a source', env([{ name: 'NODE', valueFrom: {} }]), env([{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }])),
  specCase(
    'overrides/env-set-twice',
    'the same variable twice for one container',
    env([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]),
    env([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]),
  ),
  specCase(
    'overrides/env-secret-literal',
    'a literal API token',
    env([{ name: 'API_TOKEN', value: 'abc' }]),
    env([{ name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }]),
  ),
  specCase('overrides/env-replaced', "a variable Flannel's manifest sets", env([{ name: 'EVENT_QUEUE_DEPTH', value: '10000' }]), env([{ name: 'EXTRA_FLAG', value: '1' }])),
  specCase('overrides/patch-pointer', 'a path without the leading /', patch([{ op: 'remove', path: 'data/net-conf.json' }]), patch([{ op: 'remove', path: '/data/net-conf.json' }])),
  specCase(
    'overrides/patch-move-into-itself',
    'moving data into one of its keys',
    patch([{ op: 'move', from: '/data', path: '/data/x' }]),
    patch([{ op: 'move', from: '/data/net-conf.json', path: '/data/x' }]),
  ),
  specCase('overrides/patch-failed', 'replacing a key that does not exist', patch([{ op: 'replace', path: '/data/nope', value: 'x' }]), patch([{ op: 'add', path: '/data/nope', value: 'x' }])),
  specCase('overrides/patch-failed', 'a test that fails', patch([{ op: 'test', path: '/metadata/namespace', value: 'kube-system' }]), patch([{ op: 'test', path: '/metadata/namespace', value: 'kube-flannel' }])),
  specCase('overrides/patch-broke-object', 'removing the kind', patch([{ op: 'remove', path: '/kind' }]), patch([{ op: 'remove', path: '/data' }])),
  specCase('overrides/patched', 'a patch that changes a path', patch([{ op: 'add', path: '/data/x', value: 'y' }]), patch([{ op: 'test', path: '/kind', value: 'ConfigMap' }])),
  specCase('antrea/config-modelled-key', 'tunnelType through agentConfig', antrea({ agentConfig: { tunnelType: 'vxlan' } }), antrea({ tunnelType: 'vxlan', agentConfig: { tunnelCsum: true } })),
  specCase(
    'antrea/config-modelled-key',
    'NodeIPAM masks through controllerConfig',
    antrea({ controllerConfig: { nodeIPAM: { nodeCIDRMaskSizeIPv4: 25 } } }),
    antrea({ controllerConfig: { tlsMinVersion: 'VersionTLS13' } }),
  ),
  specCase('antrea/config-unknown-key', 'a misspelt key', antrea({ agentConfig: { transportInterfce: 'eth1' } }), antrea({ agentConfig: { transportInterface: 'eth1' } })),
];
