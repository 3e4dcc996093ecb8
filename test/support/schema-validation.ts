/**
 * Validates synthesized objects: built-in kinds against the Kubernetes OpenAPI definitions
 * (../shared/reference/k8s-schemas), custom resources against the upstream CRD `openAPIV3Schema` found anywhere in
 * ../shared/reference. Objects are validated strictly: a field the schema does not define is an error (the API server
 * would drop it silently, which is exactly the bug we want to catch).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { HAS_SHARED, REFERENCE_DIR } from './shared';

type Json = Record<string, any>;

const K8S_DEFS_FILE = join(REFERENCE_DIR, 'k8s-schemas', 'k8s-v1.36.0-definitions-subset.json');

/** Makes object schemas closed (additionalProperties: false) unless they allow unknown fields. */
function closeObjects(schema: any, branch = false): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach((s) => closeObjects(s, branch));
  // Branches of oneOf/anyOf/allOf in structural CRD schemas only restate which of the parent's properties are
  // required; closing them would reject valid input.
  if (!branch && schema.properties && schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
    schema.additionalProperties = false;
  }
  for (const [k, v] of Object.entries(schema)) closeObjects(v, k === 'oneOf' || k === 'anyOf' || k === 'allOf');
}

/**
 * CRD `pattern`s are Go (RE2) regular expressions, translated so they mean what the API server enforces:
 * - RE2's inline flag `^(?i)...` (Calico) becomes the `i` flag;
 * - single-letter Unicode classes `\pC` / `\PC` (Cilium) become `\p{C}` / `\P{C}` under the `u` flag.
 */
export function goPatternToJs(pattern: string, flags = ''): RegExp {
  const inline = /^(\^?)\(\?i\)/.exec(pattern);
  let source = inline ? inline[1] + pattern.slice(inline[0].length) : pattern;
  let f = inline ? `${flags}i` : flags;
  if (/\\[pP][A-Z]/.test(source)) {
    source = source.replace(/\\([pP])([A-Z])/g, '\\$1{$2}');
    if (!f.includes('u')) f += 'u';
  }
  return new RegExp(source, f);
}
const goRegExp = Object.assign(goPatternToJs, { code: 'new RegExp' });

function newAjv(): Ajv {
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false, code: { regExp: goRegExp } });
}

let k8s: { ajv: Ajv; roots: Record<string, string>; cache: Map<string, ValidateFunction> } | undefined;
function k8sValidatorFor(kind: string): ValidateFunction | undefined {
  if (!k8s) {
    const doc = JSON.parse(readFileSync(K8S_DEFS_FILE, 'utf8'));
    closeObjects(doc.definitions);
    const ajv = newAjv();
    ajv.addSchema({ $id: 'k8s', definitions: doc.definitions });
    k8s = { ajv, roots: doc.roots, cache: new Map() };
  }
  const def = kind === '__ObjectMeta' ? 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' : k8s.roots[kind];
  if (!def) return undefined;
  let v = k8s.cache.get(kind);
  if (!v) {
    v = k8s.ajv.compile({ $ref: `k8s#/definitions/${def}` });
    k8s.cache.set(kind, v);
  }
  return v;
}

function walkYaml(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walkYaml(p, out);
    else if (/\.ya?ml$/.test(f)) out.push(p);
  }
  return out;
}

let crds: Map<string, Json> | undefined;
/** Upstream CRD versions by `group/version/Kind`, from every CRD file under ../shared/reference. */
function crdIndex(): Map<string, Json> {
  if (crds) return crds;
  crds = new Map();
  // Upstream CRDs ../shared/reference lacks (provenance in each file's header) come after the reference.
  for (const file of [...walkYaml(REFERENCE_DIR), ...walkYaml(join(__dirname, '..', 'fixtures', 'crds'))]) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('CustomResourceDefinition')) continue;
    for (const d of parseAllDocuments(text)) {
      const o = d.toJS() as Json | null;
      if (!o || o.kind !== 'CustomResourceDefinition' || !o.spec?.versions) continue;
      for (const v of o.spec.versions) {
        const key = `${o.spec.group}/${v.name}/${o.spec.names.kind}`;
        if (!crds.has(key) && v.schema?.openAPIV3Schema) crds.set(key, { schema: v.schema.openAPIV3Schema, file });
      }
    }
  }
  return crds;
}

const crdValidators = new Map<string, ValidateFunction>();
function crdValidatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`;
  let v = crdValidators.get(key);
  if (v) return v;
  const entry = crdIndex().get(key);
  if (!entry) return undefined;
  const schema = structuredClone(entry.schema);
  closeObjects(schema);
  // metadata is validated by the API server, not by the CRD schema; apiVersion, kind and metadata are implicit at the
  // root of every structural schema, even when the CRD does not list them (Antrea's CRDs list only spec/status).
  schema.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...schema.properties, metadata: { type: 'object' } };
  v = newAjv().compile(schema);
  crdValidators.set(key, v);
  return v;
}

/** `path: JSON type` of every leaf (arrays as `[]`), skipping `metadata`. */
function leafShapes(value: unknown, path: string, out: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => leafShapes(v, `${path}[]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!(path === '' && k === 'metadata')) leafShapes(v, `${path}.${k}`, out);
  } else out.add(`${path}: ${value === null ? 'null' : typeof value}`);
  return out;
}

let referenceKinds: Map<string, Set<string>> | undefined;
/**
 * Leaf shapes of every upstream object of a built-in kind that the Kubernetes definitions subset in
 * ../shared/reference/k8s-schemas lacks (APIService, admission webhook configurations). Upstream manifests are applied
 * by every install, so a field they use exists with that type; ours may use no field they do not.
 */
function referenceShapes(apiVersion: string, kind: string): Set<string> | undefined {
  if (!referenceKinds) {
    referenceKinds = new Map();
    for (const file of walkYaml(REFERENCE_DIR)) {
      if (file.includes('/templates/')) continue; // helm templates are not objects yet
      const text = readFileSync(file, 'utf8');
      if (!/^kind: (APIService|MutatingWebhookConfiguration|ValidatingWebhookConfiguration)$/m.test(text)) continue;
      for (const d of parseAllDocuments(text)) {
        const o = d.toJS() as Json | null;
        if (!o?.kind || !o.apiVersion || k8sValidatorFor(o.kind)) continue;
        const key = `${o.apiVersion}/${o.kind}`;
        leafShapes(o, '', referenceKinds.get(key) ?? referenceKinds.set(key, new Set()).get(key)!);
      }
    }
  }
  return referenceKinds.get(`${apiVersion}/${kind}`);
}

/** Validates `metadata` against ObjectMeta and every other field against the upstream objects of the same kind. */
function validateByReferenceShape(id: string, obj: Json): string[] {
  const known = referenceShapes(obj.apiVersion, obj.kind)!;
  const meta = k8sValidatorFor('__ObjectMeta');
  const problems = meta && !meta(obj.metadata) ? (meta.errors ?? []).map((e) => `${id}/metadata${e.instancePath}: ${e.message}`) : [];
  for (const leaf of leafShapes(obj, '', new Set())) if (!known.has(leaf)) problems.push(`${id}${leaf.split(':')[0]}: no upstream ${obj.kind} in ../shared/reference has this field with this type`);
  return problems;
}

/** Problems with one object (empty when valid). Objects with no known schema are problems too. */
export function validateObject(obj: Json): string[] {
  const id = `${obj.kind}/${obj.metadata?.namespace ? obj.metadata.namespace + '/' : ''}${obj.metadata?.name}`;
  const isCore = !obj.apiVersion.includes('.') || /\.k8s\.io\//.test(obj.apiVersion) || obj.apiVersion.startsWith('apps/') || obj.apiVersion.startsWith('policy/');
  const validate = isCore ? k8sValidatorFor(obj.kind) : crdValidatorFor(obj.apiVersion, obj.kind);
  if (!validate && isCore && referenceShapes(obj.apiVersion, obj.kind)) return validateByReferenceShape(id, obj);
  if (!validate) return [`${id}: no schema known for ${obj.apiVersion} ${obj.kind} (add it to the reference or the validator)`];
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => `${id}${e.instancePath}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${(e.params as any).additionalProperty})` : ''}`);
}

/**
 * Problems with every object. Without ../shared/reference (a user's clone) there is nothing to validate against:
 * that is announced loudly and no problems are returned; CI always has the reference.
 */
export function validateObjects(objs: readonly Json[]): string[] {
  if (!HAS_SHARED) {
    // eslint-disable-next-line no-console
    console.warn(`*** schema validation SKIPPED: ${REFERENCE_DIR} is absent ***`);
    return [];
  }
  return objs.flatMap(validateObject);
}
