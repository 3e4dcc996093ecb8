/** `Kind/name` and `Kind/namespace/name`: how overrides address an output object. */

/** A rendered Kubernetes object (what a chart's `toJson()` returns). */
export interface RenderedObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown; readonly [k: string]: unknown };
  readonly [k: string]: unknown;
}

/** A parsed object reference. */
export interface ObjectRef {
  readonly kind: string;
  /** Undefined when the reference is `Kind/name` (any namespace, or cluster-scoped). */
  readonly namespace?: string;
  readonly name: string;
}

/** The allowed forms, for messages. */
export const OBJECT_REF_FORMS = 'Kind/name or Kind/namespace/name, e.g. DaemonSet/kube-system/calico-node';

/** Parses `Kind/name` or `Kind/namespace/name`; undefined when the text has another form. */
export function parseObjectRef(text: string): ObjectRef | undefined {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '' || p.trim() !== p)) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(parts[0])) return undefined;
  return parts.length === 2 ? { kind: parts[0], name: parts[1] } : { kind: parts[0], namespace: parts[1], name: parts[2] };
}

/** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object. */
export function objectId(obj: RenderedObject): string {
  const ns = obj.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? `${String(obj.kind)}/${ns}/${String(obj.metadata?.name)}` : `${String(obj.kind)}/${String(obj.metadata?.name)}`;
}

/** Indexes of the objects `ref` names (several only when `Kind/name` matches in more than one namespace). */
export function matchObjects(objects: readonly RenderedObject[], ref: ObjectRef): number[] {
  const out: number[] = [];
  objects.forEach((o, i) => {
    if (o.kind !== ref.kind || o.metadata?.name !== ref.name) return;
    if (ref.namespace !== undefined && (o.metadata?.namespace ?? '') !== ref.namespace) return;
    out.push(i);
  });
  return out;
}

/** What exists instead, for an error: the objects of the same kind, or the kinds present. */
export function describeAlternatives(objects: readonly RenderedObject[], kind: string, limit = 12): string {
  const same = objects.filter((o) => o.kind === kind).map(objectId);
  const list = same.length > 0 ? same : [...new Set(objects.map((o) => String(o.kind)))].sort();
  const shown = (list.length > limit ? [...list.slice(0, limit), `and ${list.length - limit} more`] : list).join(', ');
  return same.length > 0 ? shown : `no ${kind} is rendered; kinds: ${shown}`;
}
