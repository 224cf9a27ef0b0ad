import { createRequire } from 'node:module';
import { formatPath, type JsonObject } from './json';
import { problem, type Problem } from './problem';

interface AjvError {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
interface Ajv {
  compile(schema: object): ValidateFunction;
}

/*
 * Microsoft's ManifestUtil.validateManifestAgainstSchema is ajv draft-04 + ajv-formats (uri, email, regex) with
 * allErrors and strictTypes off. We build that same validator from @microsoft/app-manifest's own dependencies
 * because the package's entry point cannot be loaded under jest (whose module loader has no require(esm)): it requires the ESM-only strip-bom
 * and node-fetch 3. Loading them through the package keeps us on exactly the versions it validates with.
 */
const requireFromAppManifest = createRequire(require.resolve('@microsoft/app-manifest'));
const AjvDraft04 = (requireFromAppManifest('ajv-draft-04') as { default: new (options: object) => Ajv }).default;
const addFormats = (requireFromAppManifest('ajv-formats') as { default: (ajv: Ajv, formats: string[]) => Ajv }).default;

const compiled = new Map<object, ValidateFunction>();

function validatorFor(schema: JsonObject): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const ajv = addFormats(new AjvDraft04({ allErrors: true, strictTypes: false }), ['uri', 'email', 'regex']);
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function pointerSegments(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** One ajv error as a Problem that names the field (for required/unknown properties: the property itself). */
export function toProblem(root: string, error: AjvError): Problem {
  const segments = pointerSegments(error.instancePath);
  const { missingProperty, additionalProperty, allowedValues } = error.params;
  if (typeof missingProperty === 'string') return problem(formatPath(root, [...segments, missingProperty]), 'is required');
  if (typeof additionalProperty === 'string') {
    return problem(formatPath(root, [...segments, additionalProperty]), 'is not allowed here (unknown property)');
  }
  const message = error.message ?? 'is invalid';
  if (Array.isArray(allowedValues)) {
    return problem(formatPath(root, segments), `${message}: ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return problem(formatPath(root, segments), message);
}

/** Validates `document` against a bundled JSON schema; `root` names the document in problems (`manifest`, `nl.json`). */
export function checkAgainstSchema(root: string, document: JsonObject, schema: JsonObject): Problem[] {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema);
  } catch (error) {
    return [problem(root, `the bundled schema could not be compiled: ${error instanceof Error ? error.message : String(error)}`)];
  }
  return validate(document) ? [] : (validate.errors ?? []).map((e) => toProblem(root, e));
}
