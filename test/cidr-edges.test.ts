/**
 * Every CIDR edge through the CLI (issue 17): all-ones, /0, /32, /31, /128, /127 and IPv4-mapped IPv6 ranges in the
 * pod, Service, node and Multus ranges, with and without `dnsIP`: exit 0 or 1 with `path: message`, never a crash.
 * Then one test per finding, each failing on the code before the fix.
 */
import { cli, writeSpec } from './support/cli';
import { specWith } from './rules/support';

type Json = Record<string, unknown>;

const IPV4_EDGES = ['255.255.255.255/32', '0.0.0.0/0', '10.96.0.0/32', '10.96.0.0/31', '255.255.255.254/31', '255.255.255.248/29', '::ffff:10.0.0.0/104'];
const IPV6_EDGES = ['::/0', 'fd00:10:96::/128', 'fd00:10:96::/127', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127', '::ffff:10.96.0.0/108'];
const EDGES = [...IPV4_EDGES, ...IPV6_EDGES];

const V6 = { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/108'] } };
const address = (cidr: string) => cidr.split('/')[0];
const v6 = (edge: string) => edge.includes(':');

/** Where an edge goes, as a spec patch (IPv6 edges in an IPv6 cluster). */
const PLACES: Record<string, (edge: string) => Json> = {
  'spec.pods.cidrs': (e) => (v6(e) ? { ...V6, pods: { cidrs: [e] } } : { pods: { cidrs: [e] } }),
  'spec.services.cidrs': (e) => (v6(e) ? { ...V6, services: { cidrs: [e] } } : { services: { cidrs: [e] } }),
  'spec.services.cidrs with dnsIP': (e) => (v6(e) ? { ...V6, services: { cidrs: [e], dnsIP: address(e) } } : { services: { cidrs: [e], dnsIP: address(e) } }),
  'spec.services.dnsIP at the edge address': (e) => ({ services: { cidrs: ['10.96.0.0/12'], dnsIP: address(e) } }),
  'spec.nodes.cidrs': (e) => ({ nodes: { count: 1, cidrs: [e] } }),
  'multus host-local subnet': (e) => multus({ type: 'host-local', subnet: e, gateway: address(e) }),
  'multus whereabouts range': (e) => multus({ type: 'whereabouts', range: e, exclude: [e] }),
  'multus static address': (e) => multus({ type: 'static', addresses: [{ address: e, gateway: address(e) }] }),
  'multus host-local rangeStart/rangeEnd': (e) => multus({ type: 'host-local', subnet: '10.30.0.0/24', rangeStart: address(e), rangeEnd: address(e) }),
  'multus whereabouts range_start/range_end': (e) => multus({ type: 'whereabouts', range: '10.30.0.0/24', range_start: address(e), range_end: address(e) }),
  'multus route dst': (e) => multus({ type: 'host-local', subnet: '10.30.0.0/24', routes: [{ dst: e, gw: '10.30.0.1' }] }),
};

function multus(ipam: Json): Json {
  return { multus: { networks: [{ name: 'edge', plugin: { type: 'macvlan', master: 'eth1' }, ipam }] } };
}

function validate(spec: Json) {
  return cli('validate', writeSpec(specWith(spec)));
}

/** Lines of a failed validate: each `path: message` (warnings `warning: path: message`). */
function issueLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '));
}

describe('every CIDR edge through the CLI', () => {
  const cases = Object.entries(PLACES).flatMap(([place, patch]) => EDGES.map((edge) => [place, edge, patch(edge)] as const));

  test.each(cases)('%s = %s: exit 0, or 1 with path: message lines; never a crash', (_place, _edge, spec) => {
    const r = validate(spec);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect([0, 1]).toContain(r.code);
    if (r.code === 1) {
      const lines = issueLines(r.stderr);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/^(spec|metadata)[\w.[\]]*: \S/);
    }
  });
});

describe('findings', () => {
  test('dnsIP with a Service range at the top of the address space is an error at its path, not a crash', () => {
    // was: exit 2 "IPv4 BigInt must be in the range 0 to 2**32 - 1" (the hint took the 10th address past the end)
    const r = validate({ services: { cidrs: ['255.255.255.248/29'], dnsIP: '255.255.255.248' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('spec.services.dnsIP: 255.255.255.248 is the network address of 255.255.255.248/29 (allowed: a host address, e.g. 255.255.255.250)\n');
    const six = validate({ ...V6, services: { cidrs: ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8/125'], dnsIP: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff8' } });
    expect(six.code).toBe(1);
    expect(six.stderr).toMatch(/^spec\.services\.dnsIP: .* is the network address of .*\/125 \(allowed: a host address, e\.g\. ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffa\)\n$/);
  });

  test('the dnsIP hint is an address inside the range', () => {
    // was: "e.g. 10.96.0.10", outside 10.96.0.0/29
    const r = validate({ services: { cidrs: ['10.96.0.0/29'], dnsIP: '10.97.0.10' } });
    expect(r.stderr).toBe('spec.services.dnsIP: 10.97.0.10 is outside spec.services.cidrs[0] 10.96.0.0/29 (allowed: an address inside it, e.g. 10.96.0.2)\n');
  });

  test.each([
    ['255.255.255.255/32', '1 address(es)', '/29'],
    ['10.96.0.0/31', '2 address(es)', '/29'],
    ['10.96.0.0/30', '4 address(es)', '/29'],
  ])('a primary Service range of fewer than 8 addresses is refused as kube-apiserver does: %s', (cidr, holds, allowed) => {
    // was: exit 0 (and for 255.255.255.255/32 with dnsIP, a crash)
    const r = validate({ services: { cidrs: [cidr], dnsIP: address(cidr) } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`spec.services.cidrs[0]: ${cidr} holds ${holds}; kube-apiserver refuses a primary service range of fewer than 8 (allowed: ${allowed} or shorter)\n`);
  });

  test('IPv6 /128 and /127 primary Service ranges are refused; a /125 with a dnsIP is accepted', () => {
    for (const cidr of ['fd00:10:96::/128', 'fd00:10:96::/127']) {
      expect(validate({ ...V6, services: { cidrs: [cidr] } }).stderr).toMatch(/^spec\.services\.cidrs\[0\]: .*fewer than 8 \(allowed: \/125 or shorter\)$/m);
    }
    expect(validate({ ...V6, services: { cidrs: ['fd00:10:96::/125'], dnsIP: 'fd00:10:96::2' } }).code).toBe(0);
  });

  test('the size limit applies to the primary range only, as in kube-apiserver', () => {
    const r = validate({ ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/127'] } });
    expect(r.stderr).not.toContain('fewer than 8');
    expect(r.code).toBe(0);
  });

  test('a Service range without a 10th address needs an explicit dnsIP (kubeadm: the 10th address)', () => {
    // was: exit 0 with an empty cluster DNS IP (kubelet clusterDNS [""])
    const r = validate({ services: { cidrs: ['10.96.0.0/29'] } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('spec.services.dnsIP: is required: spec.services.cidrs[0] 10.96.0.0/29 has no 10th address, the default (allowed: a host address inside it, e.g. 10.96.0.2)\n');
    expect(validate({ services: { cidrs: ['10.96.0.0/29'], dnsIP: '10.96.0.2' } }).code).toBe(0);
    expect(validate({ services: { cidrs: ['10.96.0.0/28'] } }).code).toBe(0);
  });

  test.each([
    ['spec.services.cidrs[0]', { ...V6, services: { cidrs: ['::ffff:10.96.0.0/108'] } }, '::ffff:10.96.0.0/108', '10.96.0.0/12'],
    ['spec.pods.cidrs[0]', { ...V6, pods: { cidrs: ['::ffff:10.244.0.0/112'] } }, '::ffff:10.244.0.0/112', '10.244.0.0/16'],
    ['spec.nodes.cidrs[0]', { nodes: { cidrs: ['::ffff:192.168.0.0/120'] } }, '::ffff:192.168.0.0/120', '192.168.0.0/24'],
  ])('an IPv4-mapped IPv6 range is refused at %s with its IPv4 form', (path, spec, text, ipv4) => {
    // was: exit 0 (IPv6 here, IPv4 to Kubernetes and the CNIs)
    const r = validate(spec);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}: ${text} is an IPv4-mapped IPv6 range, which Kubernetes and the CNIs read as the IPv4 range ${ipv4} (allowed: write ${ipv4}, or an IPv6 range outside ::ffff:0:0/96)\n`);
  });

  test('a range that merely contains the IPv4-mapped block is an ordinary IPv6 range', () => {
    expect(validate({ nodes: { cidrs: ['192.168.0.0/24', '::/64'] } }).stderr).not.toContain('IPv4-mapped');
  });

  test.each(['rangeStart', 'rangeEnd'])('a Multus host-local %s of the other family is an error at its path, not a crash', (field) => {
    // was: exit 2 "IPv4 BigInt must be in the range 0 to 2**32 - 1" (the range text printed an IPv6 value as IPv4)
    const r = validate(multus({ type: 'host-local', subnet: '192.168.10.0/24', [field]: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`spec.multus.networks[0].ipam.${field}: ${field} ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff is outside 192.168.10.0/24 (allowed: an address inside it)\n`);
  });

  test.each([
    ['10.30.0.0/31', '/30'],
    ['255.255.255.255/32', '/30'],
    ['fd00:30::/127', '/126'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128', '/126'],
  ])('a Multus host-local subnet %s is refused as host-local does', (subnet, allowed) => {
    // was: exit 0, and every pod attached to the network failed at ADD ("too small to allocate from")
    const r = validate(multus({ type: 'host-local', subnet }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`spec.multus.networks[0].ipam.subnet: ${subnet} is too small for host-local to allocate from (allowed: ${allowed} or shorter)\n`);
    expect(validate(multus({ type: 'host-local', subnet: '10.30.0.0/30' })).code).toBe(0);
  });

  test('a value with control characters stays on one line', () => {
    // was: the raw newline split the issue over two lines
    const r = validate({ nodes: { cidrs: ['10.0.0.0\n/8'] } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('spec.nodes.cidrs[0]: "10.0.0.0\\n/8" is not a valid IPv4 or IPv6 CIDR\n');
  });
});
