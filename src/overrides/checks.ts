/**
 * The checks an override gets before anything is rendered: object references, Kubernetes EnvVar rules and JSON
 * Pointer syntax. What needs the rendered objects (does the object exist, does the patch apply) is in `apply.ts`.
 */
import type { IssueCollector } from '../spec/issues';
import { parseObjectRef } from './object-ref';
import type { EnvVar, JsonPatchOperation, OverridesProps } from './props';
import { OVERRIDES_RULES as R } from './rules';

/** Printable ASCII except `=` (Kubernetes RelaxedEnvironmentVariableValidation). */
const ENV_NAME = /^[\x20-\x3c\x3e-\x7e]+$/;
/** Names that say the variable holds a secret. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PSK|PRIVATE_?KEY|API_?KEY|CREDENTIAL)/i;
/** A JSON Pointer (RFC 6901): empty, or `/`-prefixed tokens where `~` is only followed by 0 or 1. */
const POINTER = /^(\/([^~/]|~[01])*)*$/;

const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'] as const;

function checkEnvVar(v: EnvVar, path: string, issues: IssueCollector): void {
  if (!ENV_NAME.test(v.name)) issues.report(R.envName, `${path}.name`, { name: v.name });
  if (v.valueFrom) {
    const count = SOURCES.filter((s) => v.valueFrom?.[s] !== undefined).length;
    if (v.value !== undefined && v.value !== '' && count > 0) issues.report(R.valueAndValueFrom, `${path}.valueFrom`, { name: v.name });
    else if (count !== 1) issues.report(R.valueFromSources, `${path}.valueFrom`, { name: v.name, count });
  } else if (v.value && SECRET_NAME.test(v.name)) {
    issues.report(R.secretLiteral, `${path}.value`, { name: v.name });
  }
}

/** Whether an operation's `path` (and `from`) are JSON Pointers. */
export function hasValidPointers(op: JsonPatchOperation): boolean {
  return POINTER.test(op.path) && (!('from' in op) || POINTER.test(op.from));
}

function checkOp(op: JsonPatchOperation, path: string, issues: IssueCollector): void {
  if (!POINTER.test(op.path)) issues.report(R.pointer, `${path}.path`, { field: 'path', value: op.path });
  if (op.op !== 'move' && op.op !== 'copy') return;
  if (!POINTER.test(op.from)) issues.report(R.pointer, `${path}.from`, { field: 'from', value: op.from });
  else if (op.op === 'move' && op.path.startsWith(`${op.from}/`)) issues.report(R.moveIntoItself, `${path}.from`, { from: op.from, path: op.path });
}

/** Checks `overrides` (at `base`, e.g. `spec.overrides`) without rendering anything. */
export function checkOverrides(overrides: OverridesProps, base: string, issues: IssueCollector): void {
  const seen = new Map<string, string>();
  (overrides.env ?? []).forEach((e, i) => {
    const at = `${base}.env[${i}]`;
    const ref = parseObjectRef(e.object);
    if (!ref) issues.report(R.objectRef, `${at}.object`, { value: e.object });
    e.env.forEach((v, j) => {
      const path = `${at}.env[${j}]`;
      checkEnvVar(v, path, issues);
      const key = JSON.stringify([ref?.kind, ref?.namespace, ref?.name, e.container, v.name]);
      const first = seen.get(key);
      if (first) issues.report(R.envSetTwice, `${path}.name`, { name: v.name, first });
      else seen.set(key, path);
    });
  });
  (overrides.patches ?? []).forEach((p, i) => {
    const at = `${base}.patches[${i}]`;
    if (!parseObjectRef(p.object)) issues.report(R.objectRef, `${at}.object`, { value: p.object });
    p.ops.forEach((op, j) => checkOp(op, `${at}.ops[${j}]`, issues));
  });
}
