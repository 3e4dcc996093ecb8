/**
 * calico-node's IP autodetection methods (`IP_AUTODETECTION_METHOD` / `IP6_AUTODETECTION_METHOD`), parsed the way
 * calico-node parses them (projectcalico/calico@v3.32.1 node/pkg/lifecycle/startup/autodetection/
 * autodetection_methods.go, AutoDetectCIDR).
 */
import { Cidr, IpAddress, type IpFamily } from '../../plan/cidr';

/** An autodetection method in upstream's vocabulary. */
export type CalicoIpAutodetectionMethod =
  | 'first-found'
  | 'kubernetes-internal-ip'
  | `can-reach=${string}`
  | `interface=${string}`
  | `skip-interface=${string}`
  | `cidr=${string}`;

/** The method prefixes calico-node knows, in the order it tries them. */
export const AUTODETECTION_METHODS = ['first-found', 'interface=', 'cidr=', 'can-reach=', 'skip-interface=', 'kubernetes-internal-ip'] as const;

/** What is wrong with a method, for the rule that reports it. */
export type AutodetectionProblem =
  | { readonly kind: 'method'; readonly value: string }
  | { readonly kind: 'cidr'; readonly value: string; readonly detail: string }
  | { readonly kind: 'regex'; readonly value: string; readonly detail: string }
  | { readonly kind: 'family'; readonly value: string; readonly found: IpFamily; readonly want: IpFamily };

/** calico-node splits list values on commas with optional blanks around them (`\s*,\s*`). */
const LIST_SEPARATOR = /\s*,\s*/;

/**
 * Checks a regular expression as Go's RE2 compiles it. JavaScript accepts a superset for what matters here; the
 * constructs RE2 refuses (lookaround, backreferences) are refused explicitly.
 */
export function re2Problem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookahead and lookbehind are not supported by Go regular expressions (RE2)';
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not supported by Go regular expressions (RE2)';
  try {
    new RegExp(pattern);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

/** Every problem calico-node would hit with `method` when detecting a `family` address (empty when it is valid). */
export function autodetectionProblems(method: string, family: IpFamily): AutodetectionProblem[] {
  if (method === '' || method === 'first-found' || method.startsWith('kubernetes-internal-ip')) return [];
  const list = (prefix: string) => method.slice(prefix.length).split(LIST_SEPARATOR);
  if (method.startsWith('interface=') || method.startsWith('skip-interface=')) {
    // calico-node joins the regexes into one "(a)|(b)" and compiles it; one bad regex fails the whole method.
    return list(method.startsWith('interface=') ? 'interface=' : 'skip-interface=').flatMap((value) => {
      const detail = re2Problem(value);
      return detail ? [{ kind: 'regex' as const, value, detail }] : [];
    });
  }
  if (method.startsWith('cidr=')) {
    return list('cidr=').flatMap((value): AutodetectionProblem[] => {
      const c = Cidr.parse(value);
      if (typeof c === 'string') return [{ kind: 'cidr', value, detail: c }];
      return c.family === family ? [] : [{ kind: 'family', value, found: c.family, want: family }];
    });
  }
  if (method.startsWith('can-reach=')) {
    const dest = method.slice('can-reach='.length);
    const addr = IpAddress.parse(dest);
    return typeof addr !== 'string' && addr.family !== family ? [{ kind: 'family', value: dest, found: addr.family, want: family }] : [];
  }
  return [{ kind: 'method', value: method }];
}

/**
 * The method calico-node gets: the spec's, else `cidr=` the node ranges of the family (so multi-NIC nodes use the
 * address on the node network), else undefined (upstream's default, first-found).
 */
export function defaultAutodetectionMethod(nodeCidrs: readonly string[] | undefined, family: IpFamily): CalicoIpAutodetectionMethod | undefined {
  const ranges = (nodeCidrs ?? []).map((t) => Cidr.parse(t)).filter((c): c is Cidr => typeof c !== 'string' && c.family === family);
  return ranges.length > 0 ? `cidr=${ranges.map((c) => c.toString()).join(',')}` : undefined;
}
