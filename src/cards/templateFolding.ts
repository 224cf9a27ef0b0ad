/** Values a template's bindings are known to have before any card is drawn, by path from the card's data root. */
export type KnownValues = Readonly<Record<string, string | number | boolean>>;

const WHOLE_BINDING = /^\$\{([\w.]+)\}$/;
const DROP = Symbol('left out');

/**
 * The template payload with what is known at load written in (`where` names the template in errors):
 * - a string that is exactly `${path}` for a known path becomes the value;
 * - an element whose `$when` is exactly a known `${path}` loses that `$when` (true) or is left out (false).
 * Every `${fixed.…}` must be known: those are the values that depend only on the language. Under a `$data` the
 * bindings read the element's own data, not the root: only `${fixed.…}` is written in there. A value must not hold
 * `${`, which the template engine would read as an expression.
 */
export function foldKnown(payload: unknown, known: KnownValues, where: string): unknown {
  const folded = fold(payload, known, where, false);
  if (folded === DROP) throw new Error(`${where}: the whole template is left out`);
  return folded;
}

function fold(node: unknown, known: KnownValues, where: string, scoped: boolean): unknown {
  if (typeof node === 'string') return foldString(node, known, where, scoped);
  if (Array.isArray(node)) return node.map((item) => fold(item, known, where, scoped)).filter((item) => item !== DROP);
  if (typeof node !== 'object' || node === null) return node;
  const inScope = scoped || '$data' in node;
  const entries = Object.entries(node);
  const when = knownWhen((node as { $when?: unknown }).$when, known, where, inScope);
  if (when === false) return DROP;
  const result: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (key === '$when' && when === true) continue;
    const folded = fold(value, known, where, inScope);
    // The engine would leave `null` there; no template needs that, so it is not imitated.
    if (folded === DROP) throw new Error(`${where}: "${key}" would be left out of its object, not of a list`);
    result[key] = folded;
  }
  return result;
}

function knownWhen(when: unknown, known: KnownValues, where: string, scoped: boolean): boolean | null {
  const path = typeof when === 'string' && !scoped ? WHOLE_BINDING.exec(when)?.[1] : undefined;
  if (path === undefined || !Object.hasOwn(known, path)) return null;
  const value = known[path];
  if (typeof value !== 'boolean') throw new Error(`${where}: "$when": "${String(when)}" is known as ${JSON.stringify(value)}`);
  return value;
}

function foldString(text: string, known: KnownValues, where: string, scoped: boolean): unknown {
  const path = WHOLE_BINDING.exec(text)?.[1];
  const isFixed = path?.startsWith('fixed.') ?? false;
  if (!isFixed && text.includes('${fixed.')) throw new Error(`${where}: "${text}" uses a fixed value inside a longer text`);
  if (path === undefined || (scoped && !isFixed) || !Object.hasOwn(known, path)) {
    if (isFixed) throw new Error(`${where}: "${text}" is not one of its fixed values`);
    return text;
  }
  const value = known[path];
  if (typeof value === 'string' && value.includes('${')) throw new Error(`${where}: the value of "${text}" holds "\${"`);
  return value;
}
