/**
 * Applies overrides to rendered objects (plain JSON, after every check of this library): extra env first, then JSON
 * patches, each in the order given. Deterministic: the same objects and overrides give the same result. Objects are
 * copied before they are changed; the input is never modified.
 */
import { applyPatch, deepClone, getValueByPointer, type Operation } from 'fast-json-patch';
import { hasValidPointers } from './checks';
import type { IssueCollector } from '../spec/issues';
import { describeAlternatives, matchObjects, objectId, parseObjectRef, type RenderedObject } from './object-ref';
import type { EnvVar, JsonPatchOperation, ObjectPatch, OverridesProps } from './props';
import { OVERRIDES_RULES as R } from './rules';

/** Overrides and the path their issues are reported at (`spec.overrides` for the spec, `overrides` for props). */
export interface OverrideSource {
  readonly overrides: OverridesProps;
  readonly base: string;
}

type Json = Record<string, any>;

/** The pod spec of a Pod or of an object with a pod template (CronJob: the job's template). */
function podSpecOf(obj: Json): Json | undefined {
  const spec = obj.kind === 'Pod' ? obj.spec : obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template?.spec : obj.spec?.template?.spec;
  return spec && Array.isArray(spec.containers) ? spec : undefined;
}

const show = (v: unknown): string => {
  const json = JSON.stringify(v) ?? 'nothing';
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
};

/** The value a variable had, for the replaced-variable warning. */
function describeOld(v: Json): string {
  if (v.valueFrom !== undefined) return `valueFrom ${show(v.valueFrom)}`;
  return show(v.value ?? '');
}

function envEntry(v: EnvVar): Json {
  return { name: v.name, ...(v.value !== undefined ? { value: v.value } : {}), ...(v.valueFrom !== undefined ? { valueFrom: deepClone(v.valueFrom) } : {}) };
}

/** Finds the one object `text` names, reporting at `path` when there is none or more than one. */
function target(objects: readonly RenderedObject[], text: string, path: string, issues: IssueCollector): number | undefined {
  const ref = parseObjectRef(text);
  if (!ref) return undefined; // reported by checkOverrides
  const found = matchObjects(objects, ref);
  if (found.length === 0) issues.report(R.unknownObject, path, { ref: text, existing: describeAlternatives(objects, ref.kind) });
  else if (found.length > 1) issues.report(R.ambiguousObject, path, { ref: text, matches: found.map((i) => objectId(objects[i])).join(', ') });
  return found.length === 1 ? found[0] : undefined;
}

class Application {
  public readonly objects: Json[];
  private readonly copied = new Set<number>();
  /** Variables an override set, per `object index/container`, so a later override of the same one is not "replacing the CNI's". */
  private readonly userSet = new Set<string>();

  public constructor(objects: readonly RenderedObject[]) {
    this.objects = [...objects] as Json[];
  }

  private writable(i: number): Json {
    if (!this.copied.has(i)) {
      this.objects[i] = deepClone(this.objects[i]);
      this.copied.add(i);
    }
    return this.objects[i];
  }

  public env(source: OverrideSource, issues: IssueCollector): void {
    (source.overrides.env ?? []).forEach((e, i) => {
      const at = `${source.base}.env[${i}]`;
      const index = target(this.objects, e.object, `${at}.object`, issues);
      if (index === undefined) return;
      const ref = objectId(this.objects[index]);
      const pod = podSpecOf(this.objects[index]);
      if (!pod) return issues.report(R.noPodTemplate, `${at}.object`, { ref });
      const all = [...pod.containers, ...(pod.initContainers ?? [])] as Json[];
      const position = all.findIndex((c) => c.name === e.container);
      if (position < 0) return issues.report(R.unknownContainer, `${at}.container`, { ref, container: e.container, containers: all.map((c) => String(c.name)).join(', ') });
      const writablePod = podSpecOf(this.writable(index))!;
      const container = [...writablePod.containers, ...(writablePod.initContainers ?? [])][position] as Json;
      const list: Json[] = (container.env ??= []);
      e.env.forEach((v, j) => {
        const key = `${index}/${e.container}/${v.name}`;
        const existing = list.findIndex((x) => x.name === v.name);
        if (existing < 0) list.push(envEntry(v));
        else {
          if (!this.userSet.has(key)) issues.report(R.envReplaced, `${at}.env[${j}].name`, { name: v.name, ref, container: e.container, old: describeOld(list[existing]) });
          list[existing] = envEntry(v);
        }
        this.userSet.add(key);
      });
    });
  }

  public patches(source: OverrideSource, issues: IssueCollector): void {
    (source.overrides.patches ?? []).forEach((p, i) => this.patch(p, `${source.base}.patches[${i}]`, issues));
  }

  private patch(p: ObjectPatch, at: string, issues: IssueCollector): void {
    const index = target(this.objects, p.object, `${at}.object`, issues);
    if (index === undefined) return;
    const ref = objectId(this.objects[index]);
    if (!p.ops.every(hasValidPointers)) return; // reported by checkOverrides
    // one operation at a time, so a failure names its operation (fast-json-patch's error index is not reliable)
    let result = this.objects[index];
    for (const [j, op] of p.ops.entries()) {
      try {
        result = applyPatch(result, [deepClone(op) as Operation], true, false, true).newDocument as Json;
      } catch (err) {
        const e = err as { name?: string; message?: string };
        const field = e.name === 'OPERATION_FROM_UNRESOLVABLE' ? 'from' : 'path';
        return issues.report(R.patchFailed, `${at}.ops[${j}].${field}`, { ref, reason: failure(e, op, result) });
      }
    }
    const missing = ['apiVersion', 'kind'].filter((k) => typeof result[k] !== 'string' || result[k] === '');
    if (typeof result.metadata?.name !== 'string' || result.metadata.name === '') missing.push('metadata.name');
    if (missing.length > 0) return issues.report(R.patchBrokeObject, at, { ref, missing: missing.join(', ') });
    this.objects[index] = result;
    this.copied.add(index);
    const changes = p.ops.filter((op) => op.op !== 'test');
    if (changes.length > 0) issues.report(R.patched, at, { ref, paths: changes.map(describeOp).join(', ') });
  }
}

function describeOp(op: JsonPatchOperation): string {
  return op.op === 'move' || op.op === 'copy' ? `${op.op} ${op.from || '(root)'} to ${op.path || '(root)'}` : `${op.op} ${op.path || '(root)'}`;
}

/** Why an operation did not apply, in words. */
function failure(e: { name?: string; message?: string }, op: JsonPatchOperation, doc: Json): string {
  const path = op.path || '(root)';
  switch (e.name) {
    case 'OPERATION_PATH_UNRESOLVABLE':
      return `${op.op} ${path}: the path does not exist`;
    case 'OPERATION_FROM_UNRESOLVABLE':
      return `${op.op} from ${'from' in op ? op.from : ''}: the path does not exist`;
    case 'OPERATION_PATH_CANNOT_ADD':
      return `add ${path}: its parent does not exist`;
    case 'TEST_OPERATION_FAILED': {
      let actual: unknown;
      try {
        actual = getValueByPointer(doc, op.path);
      } catch {
        actual = undefined;
      }
      return `test ${path}: the value is ${show(actual)}, not ${show('value' in op ? op.value : undefined)}`;
    }
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return `${op.op} ${path}: the index is past the end of the list`;
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
      return `${op.op} ${path}: a list index must be a number or -`;
    case 'OPERATION_VALUE_REQUIRED':
      return `${op.op} ${path}: value is required`;
    default:
      return `${op.op} ${path}: ${(e.message ?? String(e)).split('\n')[0]}`;
  }
}

/**
 * Applies every source's env overrides, then every source's patches, to `objects`. Problems and warnings go to the
 * collector of each source (`collectors[i]` for `sources[i]`), so a caller can tell whose they are.
 */
export function applyOverrides(objects: readonly RenderedObject[], sources: readonly OverrideSource[], collectors: readonly IssueCollector[]): RenderedObject[] {
  const app = new Application(objects);
  sources.forEach((s, i) => app.env(s, collectors[i]));
  sources.forEach((s, i) => app.patches(s, collectors[i]));
  return app.objects;
}
