/**
 * Adversarial input sizes (issue 17, "linear cost"): a Flannel spec (network.yaml's) with a huge part, each at 1× and
 * 2×. The bench checks that the cost per label / key / network stays flat (2× takes about twice the time of 1×) and
 * that peak memory stays bounded, each process running with a capped heap (`--max-old-space-size`, HEAP_CAP_MIB).
 */
import { formatIssue } from '../src/spec/issues';
import type { ClusterNetworkSpec } from '../src/spec/schema';
import { validateClusterNetwork } from '../src/spec/validate';
import { buildApp } from '../src/synth';
import { secondaryNetwork } from './generators';

/** The heap cap every hostile process runs with: a case that needs more fails instead of growing. */
export const HEAP_CAP_MIB = 1024;

export interface HostileCase {
  /** `labels`, `unknown-keys`, `networks`. */
  readonly name: string;
  /** The count at 1× (the issue's sizes); 2× is measured too. */
  readonly n: number;
  /** What one unit is, for the table. */
  readonly unit: string;
  /** What is timed: `synth` (spec → validated → YAML, as the CLI's synth) or `validate` (the issues, formatted). */
  readonly work: 'synth' | 'validate';
  readonly spec: (n: number) => ClusterNetworkSpec;
}

/** network.yaml's spec (Flannel, 6 objects). */
export function flannelSpec(): ClusterNetworkSpec {
  return {
    apiVersion: 'cdk8s-cni.dev/v1alpha1',
    kind: 'ClusterNetwork',
    metadata: { name: 'demo' },
    spec: {
      ipFamilies: ['IPv4'],
      pods: { cidrs: ['10.244.0.0/16'], nodeMaskSize: 24, maxPerNode: 110 },
      services: { cidrs: ['10.96.0.0/12'] },
      nodes: { cidrs: ['192.168.0.0/16'], count: 3, maxCount: 50, mtu: 1500 },
      cni: { type: 'flannel', backend: 'vxlan' },
    },
  };
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'labels',
    n: 10_000,
    unit: 'label',
    work: 'synth',
    // valid labels: each is stamped on every object
    spec: (n) => {
      const s = flannelSpec();
      return { ...s, metadata: { ...s.metadata, labels: Object.fromEntries(Array.from({ length: n }, (_, i) => [`example.com/label-${i}`, `value-${i}`])) } };
    },
  },
  {
    name: 'unknown-keys',
    n: 100_000,
    unit: 'key',
    work: 'validate',
    // every key is an error at its own path (`spec.cni.x<i>: … is not allowed`)
    spec: (n) => {
      const s = flannelSpec();
      const unknown = Object.fromEntries(Array.from({ length: n }, (_, i) => [`x${i}`, i]));
      return { ...s, spec: { ...s.spec, cni: { ...s.spec.cni, ...unknown } as ClusterNetworkSpec['spec']['cni'] } };
    },
  },
  {
    name: 'networks',
    n: 5_000,
    unit: 'network',
    work: 'synth',
    // valid Multus networks (macvlan + host-local, ipvlan + static, bridge + whereabouts; one /24 each, 100 per namespace)
    spec: (n) => ({ ...flannelSpec(), spec: { ...flannelSpec().spec, multus: { networks: Array.from({ length: n }, (_, j) => secondaryNetwork(j)) } } }),
  },
];

export function hostileCase(name: string): HostileCase {
  const c = HOSTILE_CASES.find((h) => h.name === name);
  if (!c) throw new Error(`unknown hostile case ${name} (allowed: ${HOSTILE_CASES.map((h) => h.name).join(', ')})`);
  return c;
}

/** The measured work on a spec: what `cdk8s-cni synth` or `validate` does in memory (no files, no YAML parsing). */
export function hostileWork(c: HostileCase, spec: ClusterNetworkSpec): unknown {
  if (c.work === 'synth') return buildApp(spec).app.synthYaml();
  const r = validateClusterNetwork(spec);
  if (r.ok) throw new Error(`${c.name}: expected the spec to be refused`);
  return r.issues.map(formatIssue).join('\n');
}
