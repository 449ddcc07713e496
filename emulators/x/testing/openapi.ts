import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The spec is read at test time from the shared fixtures; nothing of it is copied into the
// project. X_OPENAPI_SPEC can point elsewhere (e.g. a newer version).
const SPEC_PATH =
  process.env.X_OPENAPI_SPEC ??
  fileURLToPath(new URL('../../../../shared/fixtures/x-api/openapi-2.166.json', import.meta.url));

type Json = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec; // The file is X's OpenAPI 3 document.

// ajv-formats is CommonJS; its default export is the plugin function under either interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

// OpenAPI 3.0 keywords ajv does not know (discriminator without oneOf, example, ...) are only
// annotations here: strict mode off ignores them, and every schema is checked structurally.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of collectFormats(spec.components)) {
  // Formats the spec invents (`long`, a regex as a format, a typo) constrain nothing.
  if (!ajv.formats[format]) ajv.addFormat(format, true);
}
ajv.addSchema({ $id: 'x-openapi', components: spec.components });

function collectFormats(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectFormats(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') found.add(value);
      else collectFormats(value, found);
    }
  }
  return found;
}

/** Points the spec's local `#/components/...` refs at the registered document. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `x-openapi${v}` : rebase(v),
    ]),
  );
}

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  params: (template.match(/\{/g) ?? []).length,
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The spec's path template for a concrete path, preferring literal segments (`/2/users/me`). */
export function specPathFor(path: string): string | undefined {
  return templates.filter((t) => t.regex.test(path)).sort((a, b) => a.params - b.params)[0]
    ?.template;
}

const cache = new Map<string, ValidateFunction>();

function validatorFor(key: string, schemas: Json[]): ValidateFunction {
  let validate = cache.get(key);
  if (!validate) {
    // rebase() returns its input's shape: a schema object in, a schema object out.
    validate = ajv.compile(rebase(schemas.length === 1 ? schemas[0] : { anyOf: schemas }) as Json);
    cache.set(key, validate);
  }
  return validate;
}

/**
 * Checks a JSON body against the spec's schema for the operation and status. Error statuses use
 * the spec's `default` (Problem or Error), plus the success schema, since X answers some 4xx
 * with a partial result (`errors` and `meta`, as for invalid stream rules). Returns the errors,
 * or `undefined` when the spec has no such operation (OAuth endpoints, the control API).
 */
export function specErrors(
  method: string,
  pathname: string,
  status: number,
  body: unknown,
): string[] | undefined {
  const template = specPathFor(pathname);
  const operation = template ? spec.paths[template]?.[method.toLowerCase()] : undefined;
  if (!template || !operation?.responses) return undefined;
  const responses = operation.responses;
  const success = Object.entries(responses).find(([code]) => code.startsWith('2'));
  const schemaOf = (content: Record<string, { schema?: Json }> | undefined, type: string) =>
    content?.[type]?.schema;

  const schemas: Json[] = [];
  if (status < 300) {
    const chosen = responses[String(status)] ?? success?.[1];
    const schema = schemaOf(chosen?.content, 'application/json');
    if (schema) schemas.push(schema);
  } else {
    const fallback = responses[String(status)] ?? responses.default;
    for (const type of ['application/json', 'application/problem+json']) {
      const schema = schemaOf(fallback?.content, type);
      if (schema) schemas.push(schema);
    }
    const schema = schemaOf(success?.[1].content, 'application/json');
    if (schema) schemas.push({ allOf: [schema, { required: ['errors'] }] });
  }
  if (schemas.length === 0)
    return [`the spec has no JSON schema for ${method} ${template} ${status}`];

  const validate = validatorFor(`${method} ${template} ${status < 300 ? 'ok' : 'error'}`, schemas);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

const ROUTE_NOT_FOUND = JSON.stringify({
  errors: [{ message: 'Sorry, that page does not exist', code: 34 }],
});

/** Throws, with ajv's words, if `body` does not match the spec (no-op off-spec). */
export function assertMatchesSpec(
  method: string,
  pathname: string,
  status: number,
  body: unknown,
): void {
  // The answer for a route that does not exist: the spec has operations the emulator leaves out.
  if (status === 404 && JSON.stringify(body) === ROUTE_NOT_FOUND) return;
  const errors = specErrors(method, pathname, status, body);
  if (errors && errors.length > 0) {
    throw new Error(
      `${method} ${pathname} ${status} does not match the OpenAPI spec:\n${errors.slice(0, 10).join('\n')}\n${JSON.stringify(body).slice(0, 800)}`,
    );
  }
}
