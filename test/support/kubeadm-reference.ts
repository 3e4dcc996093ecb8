/**
 * The kubeadm / kubelet / kube-proxy config field lists from ../shared/reference/kubeadm: the v1beta4 field index
 * (type, field, Go type) and the field names of KubeletConfiguration and KubeProxyConfiguration from their API pages.
 */
import { readFileSync } from 'node:fs';
import { referencePath } from './shared';

/** Fields per kubeadm v1beta4 type: field → Go type. */
export function kubeadmV1beta4Fields(): Map<string, Map<string, string>> {
  const types = new Map<string, Map<string, string>>();
  for (const line of readFileSync(referencePath('kubeadm', 'kubeadm-v1beta4-fields.tsv'), 'utf8').split('\n')) {
    if (line.startsWith('#') || line.startsWith('type\t') || !line.trim()) continue;
    const [type, field, goType] = line.split('\t');
    if (!types.has(type)) types.set(type, new Map());
    types.get(type)!.set(field, goType);
  }
  return types;
}

/** Field names documented in the `<kind>` section of a component-config API page (kubelet, kube-proxy). */
export function componentConfigFields(file: string, kind: string): Set<string> {
  const text = readFileSync(referencePath('kubeadm', file), 'utf8');
  const start = text.search(new RegExp(`^## \`${kind}\``, 'm'));
  if (start < 0) throw new Error(`${file}: no section ${kind}`);
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  return new Set([...section.matchAll(/<tr><td><code>([A-Za-z0-9]+)<\/code>/g)].map((m) => m[1]));
}

/**
 * Every field path of `doc` that the reference does not define, walking nested kubeadm types by their Go types
 * (`[]Arg` → Arg; embedded `ControlPlaneComponent` fields count for `APIServer`).
 */
export function unknownKubeadmFields(doc: Record<string, unknown>, type: string, fields = kubeadmV1beta4Fields(), path = type): string[] {
  const own = fields.get(type);
  if (!own) return [`${path}: type ${type} not in the reference`];
  const embedded = [...own.entries()].filter(([f, t]) => f === t).map(([, t]) => fields.get(t) ?? new Map<string, string>());
  const out: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const goType = own.get(key) ?? embedded.find((m) => m.has(key))?.get(key);
    if (!goType) {
      out.push(`${path}.${key}`);
      continue;
    }
    const elem = goType.replace(/^\[\]/, '');
    if (fields.has(elem) && value && typeof value === 'object') {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((v, i) => out.push(...unknownKubeadmFields(v as Record<string, unknown>, elem, fields, Array.isArray(value) ? `${path}.${key}[${i}]` : `${path}.${key}`)));
    }
  }
  return out;
}
