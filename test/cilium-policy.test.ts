/**
 * Typed Cilium policies (issue 4, point 3): output validates against Cilium's CRDs, and the checks Cilium applies on
 * import (one L7 rule kind per port, DNS rules only on egress, no L7 in deny rules, CIDR syntax) fail at synth time.
 */
import { App, Chart } from 'cdk8s';
import { CiliumClusterwideNetworkPolicy, CiliumNetworkPolicy, type CiliumNetworkPolicyProps } from '../src/cni/cilium/network-policy';
import { SpecValidationError } from '../src/spec/issues';
import { describeWithReference } from './support/shared';
import { goPatternToJs, validateObject } from './support/schema-validation';

const chart = () => new Chart(new App(), 'policies');
const frontend = { matchLabels: { app: 'frontend' } };
const api: CiliumNetworkPolicyProps = {
  name: 'api',
  namespace: 'shop',
  description: 'frontend may GET /api/v1/*; api may resolve and call *.stripe.com',
  endpointSelector: { matchLabels: { app: 'api' } },
  ingress: [
    {
      fromEndpoints: [frontend],
      toPorts: [{ ports: [{ port: 8080, protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/api/v1/.*', host: 'api.shop.svc', headers: ['X-Team: blue'] }] } }],
    },
    { fromCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] }], fromCIDR: ['192.168.0.0/16'], toPorts: [{ ports: [{ port: 9090, protocol: 'TCP' }] }] },
  ],
  egress: [
    {
      toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }],
      toPorts: [{ ports: [{ port: 53, protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*.stripe.com' }, { matchName: 'api.shop.svc.cluster.local' }] } }],
    },
    { toFQDNs: [{ matchPattern: '*.stripe.com' }], toPorts: [{ ports: [{ port: 443, protocol: 'TCP' }] }] },
  ],
};

function errorOf(f: () => void): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecValidationError);
    return (e as SpecValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a SpecValidationError');
}

describe('CiliumNetworkPolicy', () => {
  const c = chart();
  new CiliumNetworkPolicy(c, 'api', api);
  const [obj] = c.toJson() as any[];

  test('renders cilium.io/v2 with L3, L4 and L7 rules (ports as strings, as the CRD wants)', () => {
    expect(obj.apiVersion).toBe('cilium.io/v2');
    expect(obj.kind).toBe('CiliumNetworkPolicy');
    expect(obj.metadata).toEqual({ name: 'api', namespace: 'shop' });
    expect(obj.spec.endpointSelector).toEqual({ matchLabels: { app: 'api' } });
    expect(obj.spec.ingress[0].toPorts[0]).toEqual({ ports: [{ port: '8080', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/api/v1/.*', host: 'api.shop.svc', headers: ['X-Team: blue'] }] } });
    expect(obj.spec.ingress[1].fromCIDRSet).toEqual([{ cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] }]);
    expect(obj.spec.egress[0].toPorts[0].rules.dns).toEqual([{ matchPattern: '*.stripe.com' }, { matchName: 'api.shop.svc.cluster.local' }]);
    expect(obj.spec.egress[1].toFQDNs).toEqual([{ matchPattern: '*.stripe.com' }]);
    expect(obj.spec.ingressDeny).toBeUndefined();
  });
});

describe('CiliumClusterwideNetworkPolicy', () => {
  test('cluster-scoped, endpoint or node selector', () => {
    const c = chart();
    new CiliumClusterwideNetworkPolicy(c, 'deny-metadata', {
      name: 'deny-cloud-metadata',
      endpointSelector: {},
      egressDeny: [{ toCIDR: ['169.254.169.254/32'] }],
    });
    new CiliumClusterwideNetworkPolicy(c, 'host', {
      name: 'host-ssh',
      nodeSelector: { matchLabels: { 'node-role.kubernetes.io/worker': '' } },
      ingress: [{ fromEntities: ['cluster'], toPorts: [{ ports: [{ port: 22, protocol: 'TCP' }] }] }],
    });
    const [a, b] = c.toJson() as any[];
    expect(a.kind).toBe('CiliumClusterwideNetworkPolicy');
    expect(a.metadata.namespace).toBeUndefined();
    expect(a.spec).toEqual({ endpointSelector: {}, egressDeny: [{ toCIDR: ['169.254.169.254/32'] }] });
    expect(b.spec.nodeSelector).toEqual({ matchLabels: { 'node-role.kubernetes.io/worker': '' } });
  });

  test('needs exactly one of endpointSelector and nodeSelector', () => {
    expect(errorOf(() => new CiliumClusterwideNetworkPolicy(chart(), 'x', { name: 'x' }))).toEqual(['spec: needs exactly one of endpointSelector and nodeSelector']);
  });
});

describe('rejected as Cilium rejects them', () => {
  const base = { name: 'p', namespace: 'ns', endpointSelector: {} };
  test('HTTP and DNS rules on one port rule', () => {
    const msgs = errorOf(() => new CiliumNetworkPolicy(chart(), 'p', { ...base, egress: [{ toPorts: [{ ports: [{ port: 53 }], rules: { http: [{}], dns: [{ matchName: 'a.b' }] } }] }] }));
    expect(msgs).toEqual(['spec.egress[0].toPorts[0].rules: mixes L7 rule kinds http and dns on one port; Cilium rejects different L7 parsers on the same port (allowed: one kind per port)']);
  });
  test('different L7 kinds on the same port in two rules', () => {
    const msgs = errorOf(
      () =>
        new CiliumNetworkPolicy(chart(), 'p', {
          ...base,
          egress: [
            { toPorts: [{ ports: [{ port: 8053, protocol: 'TCP' }], rules: { dns: [{ matchName: 'a.b' }] } }] },
            { toPorts: [{ ports: [{ port: 8053 }], rules: { http: [{ path: '/' }] } }] },
          ],
        }),
    );
    expect(msgs[0]).toMatch(/^spec\.egress\[1\]\.toPorts\[0\]\.rules: http rules on port 8053\/TCP conflict with dns rules at spec\.egress\[0\]\.toPorts\[0\]\.rules/);
  });
  test('DNS rules on ingress', () => {
    expect(errorOf(() => new CiliumNetworkPolicy(chart(), 'p', { ...base, ingress: [{ toPorts: [{ ports: [{ port: 53 }], rules: { dns: [{ matchName: 'a' }] } }] }] }))[0]).toMatch(
      /^spec\.ingress\[0\]\.toPorts\[0\]\.rules\.dns: DNS rules on ingress/,
    );
  });
  test('L7 rules in a deny rule', () => {
    expect(errorOf(() => new CiliumNetworkPolicy(chart(), 'p', { ...base, ingressDeny: [{ toPorts: [{ ports: [{ port: 80 }], rules: { http: [{ method: 'POST' }] } }] }] }))[0]).toMatch(
      /^spec\.ingressDeny\[0\]\.toPorts\[0\]\.rules: L7 rules in a ingressDeny rule/,
    );
  });
  test('HTTP on UDP, DNS rule with both matchers, bad CIDRs, bad ports: all reported at once', () => {
    const msgs = errorOf(
      () =>
        new CiliumNetworkPolicy(chart(), 'p', {
          ...base,
          ingress: [{ fromCIDR: ['10.0.0.0'], fromCIDRSet: [{ cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] }], toPorts: [{ ports: [{ port: 80, protocol: 'UDP' }], rules: { http: [{}] } }] }],
          egress: [{ toFQDNs: [{ matchName: 'a', matchPattern: '*.a' }], toPorts: [{ ports: [{ port: 70000 }] }] }],
        }),
    );
    expect(msgs.map((m) => m.split(':')[0])).toEqual([
      'spec.ingress[0].fromCIDR[0]',
      'spec.ingress[0].fromCIDRSet[0].except[0]',
      'spec.ingress[0].toPorts[0].rules.http',
      'spec.egress[0].toFQDNs[0]',
      'spec.egress[0].toPorts[0].ports[0].port',
    ]);
  });
});

describeWithReference('policies validate against the Cilium CRDs (../shared/reference/cilium/crds)', () => {
  test('CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy', () => {
    const c = chart();
    new CiliumNetworkPolicy(c, 'api', api);
    new CiliumClusterwideNetworkPolicy(c, 'ccnp', { name: 'world-https', endpointSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }, egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: 443, protocol: 'TCP' }] }] }] });
    const [cnp, ccnp] = c.toJson();
    expect(validateObject(cnp)).toEqual([]);
    expect(validateObject(ccnp)).toEqual([]);
  });

  test('the validator is strict (unknown fields) and reads Go patterns (\\PC = no control characters)', () => {
    expect(goPatternToJs('^\\PC*$').test('ok')).toBe(true);
    expect(goPatternToJs('^\\PC*$').test('a\u0007b')).toBe(false);
    const c = chart();
    new CiliumNetworkPolicy(c, 'api', { ...api, ingress: [{ toPorts: [{ ports: [{ port: 80 }], rules: { http: [{ headerMatches: [{ name: 'X', value: 'a\u0007b' }] }] } }] }] });
    const [cnp] = c.toJson() as any[];
    expect(validateObject({ ...cnp, spec: { ...cnp.spec, bogus: 1 } }).join('\n')).toMatch(/must NOT have additional properties/);
  });
});
