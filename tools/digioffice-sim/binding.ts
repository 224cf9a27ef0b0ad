import { parseDigiOfficeDate, type SimDate } from './dates';
import { bindingFailed, fieldError, type ResponseErrorWire } from './errors';

/**
 * Binds JSON to request DTO fields the way ServiceStack does: property names match case-insensitively, unknown
 * properties (including `__type`) are ignored, values of the wrong type are collected as binding errors.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of `name` in `obj`, matched case-insensitively (`undefined` when absent). */
export function fieldOf(obj: JsonObject, name: string): unknown {
  const wanted = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : obj[key];
}

const GUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

export function normaliseGuid(text: string): string | null {
  const m = GUID.exec(text.trim());
  return m ? m.slice(1, 6).join('-').toLowerCase() : null;
}

export class RequestBinder {
  private readonly errors: ResponseErrorWire[] = [];

  constructor(private readonly operation: string) {}

  /** The request body as an object; `null` (empty body) binds as `{}`. */
  root(body: unknown): JsonObject {
    if (body === null || body === undefined) return {};
    if (isJsonObject(body)) return body;
    this.errors.push(fieldError('SerializationException', '', `The request body is not a JSON object`));
    return {};
  }

  int(obj: JsonObject, name: string, prefix = ''): number | null {
    const value = fieldOf(obj, name);
    if (value === undefined || value === null) return null;
    return this.toInt(value, prefix + name);
  }

  /** `List<int>`: a JSON array, or a comma-separated string as ServiceStack also accepts. `null` when absent. */
  intList(obj: JsonObject, name: string, prefix = ''): number[] | null {
    const value = fieldOf(obj, name);
    if (value === undefined || value === null) return null;
    const items = typeof value === 'string' ? value.split(',').filter((s) => s.trim() !== '') : value;
    if (!Array.isArray(items)) return this.invalid(prefix + name, value);
    const out: number[] = [];
    items.forEach((item: unknown, i) => {
      const n = this.toInt(item, `${prefix}${name}[${i}]`);
      if (n !== null) out.push(n);
    });
    return out;
  }

  string(obj: JsonObject, name: string, prefix = ''): string | null {
    const value = fieldOf(obj, name);
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.invalid(prefix + name, value);
  }

  bool(obj: JsonObject, name: string, prefix = ''): boolean {
    const value = fieldOf(obj, name);
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.invalid(prefix + name, value);
    return false;
  }

  /** Nullable Guid; an empty string binds as null. */
  guid(obj: JsonObject, name: string, prefix = ''): string | null {
    const value = fieldOf(obj, name);
    if (value === undefined || value === null || value === '') return null;
    const guid = typeof value === 'string' ? normaliseGuid(value) : null;
    return guid ?? this.invalid(prefix + name, value);
  }

  /** Nullable DateTime; an empty string binds as null. */
  date(obj: JsonObject, name: string, prefix = ''): SimDate | null {
    const value = fieldOf(obj, name);
    if (value === undefined || value === null || value === '') return null;
    const date = typeof value === 'string' ? parseDigiOfficeDate(value) : null;
    return date ?? this.invalid(prefix + name, value);
  }

  objectList(obj: JsonObject, name: string, prefix = ''): JsonObject[] | null {
    const value = fieldOf(obj, name);
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value)) return this.invalid(prefix + name, value);
    return value.map((item: unknown, i) => (isJsonObject(item) ? item : (this.invalid(`${prefix}${name}[${i}]`, item) ?? {})));
  }

  /** Throws the 400 SerializationException when anything failed to bind. */
  done(): void {
    if (this.errors.length > 0) throw bindingFailed(this.operation, this.errors);
  }

  private toInt(value: unknown, path: string): number | null {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
    return this.invalid(path, value);
  }

  private invalid(path: string, value: unknown): null {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    this.errors.push(fieldError('SerializationException', path, `'${shown}' is an Invalid value for '${path}'`));
    return null;
  }
}
