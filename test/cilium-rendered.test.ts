/**
 * Cilium equals `helm template` (issue 16): for each value set rendered from the 1.19.5 chart
 * (../shared/reference/cilium/rendered, SOURCES.md there), the same props — and the same spec — synthesize the same
 * objects, compared object by object and field by field. The only objects the chart has and we do not are the Secrets
 * it generates at render time (`hubble.tls.auto.method: helm`), which a deterministic synth must not make; the
 * intended differences are listed in docs/cni/cilium.md.
 */
import { App, Chart } from 'cdk8s';
import { Cilium } from '../src/cni/cilium/cilium';
import type { CiliumProps } from '../src/cni/cilium/props';
import { synthObjects } from '../src/synth';
import { compareWithRendered, objectKey, renderedObjects, type RenderedSet } from './support/helm-template';
import { describeWithReference } from './support/shared';

/** values-kpr-native-wireguard-hubble.yaml without its encryption block (which props and spec spell differently). */
const KPR = {
  kubeProxyReplacement: true,
  k8sServiceHost: '192.0.2.10',
  k8sServicePort: 6443,
  routingMode: 'native',
  ipv4NativeRoutingCIDR: '10.0.0.0/8',
  autoDirectNodeRoutes: true,
  hubble: { enabled: true, relay: true, ui: true },
} as const;

/** The props that mirror each values-<set>.yaml. */
const PROPS: Record<RenderedSet, CiliumProps> = {
  default: {},
  'kpr-native-wireguard-hubble': { ...KPR, encryption: { type: 'wireguard' } },
  'geneve-ipsec-relay': {
    routingMode: 'tunnel',
    tunnelProtocol: 'geneve',
    encryption: { type: 'ipsec', ipsecSecretName: 'cilium-ipsec-keys' },
    hubble: { enabled: true, relay: true },
    ipam: { mode: 'cluster-pool', clusterPoolIPv4PodCIDRList: ['10.48.0.0/16'], clusterPoolIPv4MaskSize: 25 },
  },
  'dual-stack-kubernetes-ipam': { ipv4: true, ipv6: true, ipam: { mode: 'kubernetes' }, policyEnforcementMode: 'always', operatorReplicas: 1 },
};

/** The same settings as ClusterNetwork specs (the spec layer maps them to the props above). */
const SPEC_CNI: Record<RenderedSet, { families: string[]; pods: string[]; services: string[]; cni: Record<string, unknown> }> = {
  default: { families: ['IPv4'], pods: ['10.0.0.0/8'], services: ['172.20.0.0/16'], cni: {} },
  'kpr-native-wireguard-hubble': {
    families: ['IPv4'],
    pods: ['10.0.0.0/8'],
    services: ['172.20.0.0/16'],
    cni: { ...KPR, encryption: { enabled: true, type: 'wireguard' } },
  },
  'geneve-ipsec-relay': {
    families: ['IPv4'],
    pods: ['10.48.0.0/16'],
    services: ['172.20.0.0/16'],
    cni: {
      tunnelProtocol: 'geneve',
      encryption: { enabled: true, type: 'ipsec', keySecret: { name: 'cilium-ipsec-keys' } },
      hubble: { relay: true },
      ipam: { clusterPoolIPv4MaskSize: 25 },
    },
  },
  'dual-stack-kubernetes-ipam': {
    families: ['IPv4', 'IPv6'],
    pods: ['10.244.0.0/16', 'fd00:10:244::/56'],
    services: ['10.96.0.0/12', 'fd00:10:96::/112'],
    cni: { ipam: { mode: 'kubernetes' }, policyEnforcementMode: 'always', operator: { replicas: 1 } },
  },
};

/** Objects the chart generates at render time with genCA/genSignedCert: never synthesized (no key material). */
const RENDER_TIME_SECRETS: Record<RenderedSet, string[]> = {
  default: ['Secret/kube-system/cilium-ca', 'Secret/kube-system/hubble-server-certs'],
  'dual-stack-kubernetes-ipam': ['Secret/kube-system/cilium-ca', 'Secret/kube-system/hubble-server-certs'],
  'geneve-ipsec-relay': ['Secret/kube-system/cilium-ca', 'Secret/kube-system/hubble-relay-client-certs', 'Secret/kube-system/hubble-server-certs'],
  'kpr-native-wireguard-hubble': ['Secret/kube-system/cilium-ca', 'Secret/kube-system/hubble-relay-client-certs', 'Secret/kube-system/hubble-server-certs'],
};

function synthProps(props: CiliumProps): any[] {
  const chart = new Chart(new App(), 'c');
  new Cilium(chart, 'cilium', props);
  return chart.toJson();
}

function synthSpec(set: RenderedSet): any[] {
  const s = SPEC_CNI[set];
  return synthObjects({
    apiVersion: 'cdk8s-cni.dev/v1alpha1',
    kind: 'ClusterNetwork',
    metadata: { name: set },
    spec: { ipFamilies: s.families, pods: { cidrs: s.pods }, services: { cidrs: s.services }, nodes: { count: 3 }, cni: { type: 'cilium', ...s.cni } },
  } as any);
}

const SETS = Object.keys(PROPS) as RenderedSet[];

describeWithReference('Cilium 1.19.5: object by object equal to helm template', () => {
  describe.each(SETS)('value set %s', (set) => {
    test('props: same objects and fields; only the render-time Secrets are absent', () => {
      const r = compareWithRendered(synthProps(PROPS[set]), set);
      expect(r.missing).toEqual(RENDER_TIME_SECRETS[set]);
      expect(r.extra).toEqual([]);
      expect(r.diffs).toEqual({});
    });

    test('spec: the ClusterNetwork spec with the same settings synthesizes the same objects', () => {
      const r = compareWithRendered(synthSpec(set), set);
      expect(r.missing).toEqual(RENDER_TIME_SECRETS[set]);
      expect(r.extra).toEqual([]);
      expect(r.diffs).toEqual({});
    });

    test('the rendered file really holds the objects the comparison relies on', () => {
      const keys = renderedObjects(set).map(objectKey);
      for (const k of ['DaemonSet/kube-system/cilium', 'ConfigMap/kube-system/cilium-config', 'ClusterRole//cilium', 'Service/kube-system/cilium-envoy']) expect(keys).toContain(k);
      expect(keys.filter((k) => k.startsWith('Secret/'))).toEqual(RENDER_TIME_SECRETS[set]);
    });
  });

  test('no RBAC rule beyond the chart in any set (every Role/ClusterRole equal, rule by rule)', () => {
    for (const set of SETS) {
      const chart = new Map(renderedObjects(set).filter((o) => o.kind.endsWith('Role')).map((o) => [objectKey(o), o.rules]));
      const ours = synthProps(PROPS[set]).filter((o) => o.kind.endsWith('Role'));
      expect(ours.map(objectKey).sort()).toEqual([...chart.keys()].sort());
      for (const o of ours) expect({ role: objectKey(o), rules: o.rules }).toEqual({ role: objectKey(o), rules: chart.get(objectKey(o)) });
    }
  });

  test('hubble-ui ClusterRole: read-only core objects and CRDs, no networkpolicies and no cilium.io (as 1.19.5)', () => {
    const role = synthProps(PROPS['kpr-native-wireguard-hubble']).find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'hubble-ui');
    const groups = role.rules.flatMap((r: any) => r.apiGroups);
    expect(groups).not.toContain('cilium.io');
    expect(groups).not.toContain('networking.k8s.io');
  });

  test('WireGuard writes wireguard-persistent-keepalive as the chart does', () => {
    const cm = synthProps(PROPS['kpr-native-wireguard-hubble']).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'cilium-config');
    expect(cm.data['wireguard-persistent-keepalive']).toBe('0s');
  });
});
