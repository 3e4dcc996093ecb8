/**
 * Cilium datapath knobs and extraConfig (issue 18): each knob writes exactly the cilium-config keys and values that
 * templates/cilium-configmap.yaml of the 1.19.5 chart renders for the same values, at the template's position; the
 * agent's start-up refusals are errors in the spec and in the construct; everything synthesized passes the schemas.
 */
import { readFileSync } from 'node:fs';
import { App, Chart } from 'cdk8s';
import { Cilium } from '../src/cni/cilium/cilium';
import { ciliumConfigData } from '../src/cni/cilium/config-map';
import { resolveCiliumProps } from '../src/cni/cilium/defaults';
import type { CiliumProps } from '../src/cni/cilium/props';
import { cniModuleFor } from '../src/cni/registry';
import { SpecValidationError } from '../src/spec/issues';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
import { find, loadExample, synthExample } from './support/examples';
import { validateObjects } from './support/schema-validation';
import { describeWithReference, referencePath } from './support/shared';
import { specWith } from './rules/support';

const config = (props: CiliumProps) => ciliumConfigData(resolveCiliumProps(props));
const DEFAULT = config({});
/** The keys a knob adds or changes relative to the chart defaults. */
function delta(props: CiliumProps): Record<string, string> {
  const cm = config(props);
  return Object.fromEntries(Object.entries(cm).filter(([k, v]) => DEFAULT[k] !== v));
}
const KPR: CiliumProps = { kubeProxyReplacement: true, k8sServiceHost: '10.0.0.10', k8sServicePort: 6443 };

describe('cilium-config keys per knob (chart 1.19.5 templates/cilium-configmap.yaml)', () => {
  test('defaults: none of the knob keys except bpf-lb-sock "false" (socketLB.enabled defaults to false)', () => {
    for (const k of ['enable-bpf-masquerade', 'bpf-lb-mode', 'bpf-lb-dsr-dispatch', 'devices', 'bpf-lb-sock-hostns-only', 'enable-bandwidth-manager', 'enable-bbr', 'enable-egress-gateway']) {
      expect(DEFAULT).not.toHaveProperty([k]);
    }
    expect(DEFAULT['bpf-lb-sock']).toBe('false');
  });

  test('bpf.masquerade: written only when set, as "true" or "false"', () => {
    expect(delta({ ...KPR, bpf: { masquerade: true } })).toMatchObject({ 'enable-bpf-masquerade': 'true' });
    expect(config({ bpf: { masquerade: false } })['enable-bpf-masquerade']).toBe('false');
    expect(config({ bpf: {} })).not.toHaveProperty(['enable-bpf-masquerade']);
  });

  test('loadBalancer: bpf-lb-mode and bpf-lb-dsr-dispatch as given; acceleration stays "disabled"', () => {
    expect(delta({ ...KPR, loadBalancer: { mode: 'dsr', dsrDispatch: 'ipip' } })).toEqual({
      'kube-proxy-replacement': 'true',
      'kube-proxy-replacement-healthz-bind-address': '',
      'bpf-lb-mode': 'dsr',
      'bpf-lb-dsr-dispatch': 'ipip',
    });
    expect(config({ loadBalancer: { mode: 'hybrid' } })).toMatchObject({ 'bpf-lb-mode': 'hybrid', 'bpf-lb-acceleration': 'disabled' });
    expect(config({ loadBalancer: { mode: 'hybrid' } })).not.toHaveProperty(['bpf-lb-dsr-dispatch']);
  });

  test('devices: joined with one space', () => {
    expect(delta({ devices: ['eth0', 'bond0'] })).toEqual({ devices: 'eth0 bond0' });
    expect(delta({ devices: ['enp+'] })).toEqual({ devices: 'enp+' });
  });

  test('socketLB: bpf-lb-sock always, bpf-lb-sock-hostns-only only when set', () => {
    expect(delta({ socketLB: { enabled: true } })).toEqual({ 'bpf-lb-sock': 'true' });
    expect(delta({ socketLB: { enabled: true, hostNamespaceOnly: true } })).toEqual({ 'bpf-lb-sock': 'true', 'bpf-lb-sock-hostns-only': 'true' });
    expect(config({ socketLB: { hostNamespaceOnly: false } })).toMatchObject({ 'bpf-lb-sock': 'false', 'bpf-lb-sock-hostns-only': 'false' });
  });

  test('bandwidthManager: the three keys only when enabled (bbrHostNamespaceOnly at its default false)', () => {
    expect(delta({ bandwidthManager: { enabled: true } })).toEqual({ 'enable-bandwidth-manager': 'true', 'enable-bbr': 'false', 'enable-bbr-hostns-only': 'false' });
    expect(delta({ ...KPR, bpf: { masquerade: true }, bandwidthManager: { enabled: true, bbr: true } })).toMatchObject({ 'enable-bbr': 'true' });
    expect(delta({ bandwidthManager: { enabled: false, bbr: true } })).toEqual({});
  });

  test('egressGateway: enable-egress-gateway "true" only when enabled; the reconciliation interval stays', () => {
    expect(delta({ egressGateway: { enabled: true } })).toEqual({ 'enable-egress-gateway': 'true' });
    expect(config({ egressGateway: { enabled: false } })).not.toHaveProperty(['enable-egress-gateway']);
    expect(config({ egressGateway: { enabled: true } })['egress-gateway-reconciliation-trigger-interval']).toBe('1s');
  });

  test('extraConfig: merged last; an unmodeled key may replace a chart default, as the chart allows', () => {
    const cm = config({ extraConfig: { 'bpf-lb-algorithm': 'maglev', debug: 'true' } });
    expect(cm['bpf-lb-algorithm']).toBe('maglev');
    expect(cm.debug).toBe('true');
    expect(Object.keys(cm).at(-1)).toBe('bpf-lb-algorithm');
  });
});

describeWithReference('key order follows the chart template', () => {
  /** The data keys of templates/cilium-configmap.yaml in the order the template writes them (first occurrence). */
  const templateOrder = (() => {
    const text = readFileSync(referencePath('cilium', 'helm-chart-1.19.5', 'templates', 'cilium-configmap.yaml'), 'utf8');
    const body = text.slice(text.indexOf('name: cilium-config'));
    const keys: string[] = [];
    for (const m of body.matchAll(/^ {2}([a-z0-9][a-z0-9.-]*):/gm)) if (!keys.includes(m[1])) keys.push(m[1]);
    return keys;
  })();

  test('every knob key is a key of the template, and all keys keep the template order', () => {
    const cm = config({
      ...KPR,
      bpf: { masquerade: true },
      loadBalancer: { mode: 'dsr', dsrDispatch: 'ipip' },
      devices: ['eth0'],
      socketLB: { enabled: true, hostNamespaceOnly: true },
      bandwidthManager: { enabled: true, bbr: true },
      egressGateway: { enabled: true },
      routingMode: 'native',
      ipv4NativeRoutingCIDR: '10.0.0.0/8',
    });
    const knobKeys = ['enable-bpf-masquerade', 'bpf-lb-mode', 'bpf-lb-dsr-dispatch', 'devices', 'bpf-lb-sock', 'bpf-lb-sock-hostns-only', 'enable-bandwidth-manager', 'enable-bbr', 'enable-bbr-hostns-only', 'enable-egress-gateway'];
    for (const k of knobKeys) expect(templateOrder).toContain(k);
    const positions = Object.keys(cm).filter((k) => templateOrder.includes(k)).map((k) => templateOrder.indexOf(k));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(Object.keys(cm).filter((k) => !templateOrder.includes(k))).toEqual([]);
  });
});

describe('spec → construct', () => {
  const doc = loadExample('cilium-dsr-egress-gateway.yaml');
  const objs = synthExample('cilium-dsr-egress-gateway.yaml');
  const cm = find(objs, 'ConfigMap', 'cilium-config').data;

  test('the example writes every knob', () => {
    expect(cm).toMatchObject({
      'enable-bpf-masquerade': 'true',
      'bpf-lb-mode': 'dsr',
      'bpf-lb-dsr-dispatch': 'ipip',
      devices: 'eth0 bond0',
      'bpf-lb-sock': 'false',
      'bpf-lb-sock-hostns-only': 'true',
      'enable-bandwidth-manager': 'true',
      'enable-bbr': 'true',
      'enable-egress-gateway': 'true',
      'bpf-lb-algorithm': 'maglev',
      'kube-proxy-replacement': 'true',
      'routing-mode': 'native',
    });
  });

  test('validation: valid, and the only warning lists the extra key', () => {
    const r = validateClusterNetwork(doc);
    expect(r.issues).toEqual([]);
    expect(r.warnings.map((w) => [w.rule, w.path, w.message])).toEqual([
      ['cilium/extra-config', 'spec.cni.extraConfig', 'sets cilium-config keys this library does not check: bpf-lb-algorithm (they reach the agent as given)'],
    ]);
  });

  test('node traffic: IPIP (protocol 4) for DSR dispatch; the egress gateway tunnels even with native routing', () => {
    const network = resolveClusterNetwork(doc);
    const rules = cniModuleFor('cilium').nodeTraffic(network);
    expect(rules).toContainEqual({ protocol: '4', description: 'Cilium DSR (IPIP dispatch)' });
    expect(rules).toContainEqual({ protocol: 'udp', fromPort: 8472, description: 'Cilium VXLAN tunnel (egress gateway redirect)' });
    const noGateway = resolveClusterNetwork(specWith({ cni: { ...doc.spec.cni, egressGateway: { enabled: false } } }));
    expect(cniModuleFor('cilium').nodeTraffic(noGateway).some((r) => r.fromPort === 8472)).toBe(false);
    const geneve = resolveClusterNetwork(specWith({ cni: { ...doc.spec.cni, tunnelProtocol: 'geneve', loadBalancer: { mode: 'dsr', dsrDispatch: 'geneve' } } }));
    expect(cniModuleFor('cilium').nodeTraffic(geneve)).toContainEqual({ protocol: 'udp', fromPort: 6081, description: 'Cilium DSR (Geneve dispatch)' });
  });

  test('pod MTU: the egress gateway enables the tunnel with MTU adaptation, so native routing loses 50 bytes; tunnelPort is used then', () => {
    const native = (egress: boolean, extra = {}) =>
      specWith({ nodes: { count: 3, mtu: 9001 }, cni: { type: 'cilium', routingMode: 'native', ipv4NativeRoutingCIDR: '10.244.0.0/16', kubeProxyReplacement: true, k8sServiceHost: '10.0.0.10', k8sServicePort: 6443, bpf: { masquerade: true }, egressGateway: { enabled: egress }, ...extra } });
    expect(cniModuleFor('cilium').podMtu(resolveClusterNetwork(native(false)))).toBe(9001);
    expect(cniModuleFor('cilium').podMtu(resolveClusterNetwork(native(true)))).toBe(8951);
    expect(validateClusterNetwork(native(true, { tunnelPort: 8473 })).warnings.map((w) => w.rule)).not.toContain('cilium/tunnel-port-native');
    expect(validateClusterNetwork(native(false, { tunnelPort: 8473 })).warnings.map((w) => w.rule)).toContain('cilium/tunnel-port-native');
  });

  test('plan row names the knobs', () => {
    const network = resolveClusterNetwork(doc);
    const row = cniModuleFor('cilium').planRows!(network).find((r) => r.label === 'Cilium datapath');
    expect(row?.value).toBe(
      'BPF masquerading, load balancing dsr (ipip dispatch), socket LB in the host namespace only, bandwidth manager with BBR, egress gateway, devices eth0 bond0, extra config bpf-lb-algorithm',
    );
  });

  test('extraConfig: a key the spec models is refused with the typed field; the warning names chart defaults it replaces', () => {
    const refused = validateClusterNetwork(specWith({ cni: { type: 'cilium', extraConfig: { 'kube-proxy-replacement': 'true', 'enable-ipv6': 'true' } } }));
    expect(refused.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.cni.extraConfig.enable-ipv6: enable-ipv6 is modeled by spec.ipFamilies; set it there so it is checked (allowed: cilium-config keys the spec does not model)',
      'spec.cni.extraConfig.kube-proxy-replacement: kube-proxy-replacement is modeled by spec.cni.kubeProxyReplacement; set it there so it is checked (allowed: cilium-config keys the spec does not model)',
    ]);
    const replacing = validateClusterNetwork(specWith({ cni: { type: 'cilium', extraConfig: { debug: 'true', 'bpf-lb-algorithm': 'maglev' } } }));
    expect(replacing.ok).toBe(true);
    expect(replacing.warnings.map((w) => w.message)).toContain(
      "sets cilium-config keys this library does not check: bpf-lb-algorithm, debug; replacing the chart's value of debug (they reach the agent as given)",
    );
  });

  test('extraConfig keys and device names are shape-checked', () => {
    const bad = validateClusterNetwork(specWith({ cni: { type: 'cilium', extraConfig: { 'bad key': 'x' }, devices: ['eth 0'] } }));
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['spec.cni.devices[0]']));
    expect(bad.issues.some((i) => i.path.startsWith('spec.cni.extraConfig'))).toBe(true);
  });
});

describe('the construct refuses what the agent refuses (paths as the props spell them)', () => {
  const build = (props: CiliumProps) => () => new Cilium(new Chart(new App(), 'c'), 'cilium', props);
  const thrown = (props: CiliumProps): string => {
    try {
      build(props)();
      return '';
    } catch (e) {
      expect(e).toBeInstanceOf(SpecValidationError);
      return (e as Error).message;
    }
  };

  test('DSR over VXLAN, geneve dispatch without geneve, egress gateway without BPF masquerade, BBR without host routing, a modeled extra key', () => {
    expect(thrown({ ...KPR, loadBalancer: { mode: 'dsr' } })).toMatch(/^loadBalancer\.mode: dsr with VXLAN tunneling: the agent exits/);
    expect(thrown({ ...KPR, routingMode: 'native', ipv4NativeRoutingCIDR: '10.0.0.0/8', loadBalancer: { mode: 'dsr', dsrDispatch: 'geneve' } })).toMatch(/^loadBalancer\.dsrDispatch: is geneve but tunnelProtocol is vxlan/);
    expect(thrown({ ...KPR, egressGateway: { enabled: true } })).toMatch(/^bpf\.masquerade: must be true when egressGateway\.enabled is true/);
    expect(thrown({ bandwidthManager: { enabled: true, bbr: true } })).toMatch(/^bandwidthManager\.bbr: needs BPF host routing, but kubeProxyReplacement false/);
    expect(thrown({ extraConfig: { 'bpf-lb-mode': 'dsr' } })).toBe(
      'extraConfig.bpf-lb-mode: bpf-lb-mode is modeled by loadBalancer.mode; set it there so it is checked (allowed: cilium-config keys the spec does not model)',
    );
  });

  test('extraConfig keys that are not ConfigMap keys or are JavaScript built-in names are refused, not serialized', () => {
    expect(thrown({ extraConfig: JSON.parse('{"constructor": "x", "__proto__": "y"}') })).toBe(
      [
        'extraConfig.__proto__: "__proto__" is not a usable cilium-config key (allowed: letters, digits, -, _ and ., at most 253 characters, not a JavaScript built-in name)',
        'extraConfig.constructor: "constructor" is not a usable cilium-config key (allowed: letters, digits, -, _ and ., at most 253 characters, not a JavaScript built-in name)',
      ].join('\n'),
    );
    expect(thrown({ extraConfig: { 'a key': 'x' } })).toMatch(/^extraConfig\.a key: "a key" is not a usable cilium-config key/);
    const spec = validateClusterNetwork(specWith({ cni: { type: 'cilium', extraConfig: { constructor: 'x' } } }));
    expect(spec.issues.map((i) => i.path)).toEqual(['spec.cni.extraConfig.constructor']);
  });

  test('warnings do not throw: DSR without KPR, BPF masquerade without KPR, an extra key', () => {
    expect(thrown({ loadBalancer: { mode: 'dsr' }, bpf: { masquerade: true }, extraConfig: { 'bpf-lb-algorithm': 'maglev' } })).toBe('');
  });

  test('every accepted combination synthesizes objects that pass the Kubernetes schemas', () => {
    const chart = new Chart(new App(), 'c');
    new Cilium(chart, 'cilium', {
      ...KPR,
      routingMode: 'native',
      ipv4NativeRoutingCIDR: '10.0.0.0/8',
      tunnelProtocol: 'geneve',
      bpf: { masquerade: true },
      loadBalancer: { mode: 'hybrid', dsrDispatch: 'geneve' },
      devices: ['eth+'],
      socketLB: { enabled: true, hostNamespaceOnly: true },
      bandwidthManager: { enabled: true, bbr: true },
      egressGateway: { enabled: true },
      extraConfig: { 'bpf-lb-algorithm': 'maglev' },
    });
    const objs = chart.toJson();
    expect(find(objs, 'ConfigMap', 'cilium-config').data).toMatchObject({ 'bpf-lb-mode': 'hybrid', 'bpf-lb-dsr-dispatch': 'geneve', 'tunnel-protocol': 'geneve' });
    expect(validateObjects(objs)).toEqual([]);
    expect(validateObjects(synthExample('cilium-dsr-egress-gateway.yaml'))).toEqual([]);
  });
});
