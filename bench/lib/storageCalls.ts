import { BundleSources } from './bundleSources';

/**
 * Counts the calls the app makes on its Storage (through createApp's `wrapStorage`), each attributed to the product
 * function that made it, found on the (async) stack. Costs a stack trace per call: for profiling runs only.
 */

type Storage = {
  read(keys: string[]): Promise<unknown>;
  write(changes: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<void>;
  create(key: string, item: Record<string, unknown>): Promise<boolean>;
  list(prefix: string): Promise<string[]>;
  batch(changes: Array<{ op: string; key: string }>): Promise<number>;
};

export interface CallCount {
  /** e.g. `read` */
  method: string;
  /** The nearest product function on the stack, e.g. `OutboxStore.findKey`. */
  caller: string;
  /** The outermost product method on the stack (the entry point), e.g. `NotificationWebhook.handle`. */
  path: string;
  calls: number;
  keys: number;
}

const METHODS = ['read', 'write', 'delete', 'create', 'list', 'batch'] as const;

export class StorageCalls {
  private counts = new Map<string, CallCount>();
  private readonly sources = new BundleSources();

  /** The same storage (every other member passes through), counting the six contract methods. */
  wrap<S extends Storage>(storage: S): S {
    const counted = new Map<PropertyKey, unknown>(
      METHODS.map((method) => {
        const original = (storage[method] as (...args: unknown[]) => Promise<unknown>).bind(storage);
        const counting = (...args: unknown[]) => {
          this.count(method, keysIn(method, args[0]), callSites());
          return original(...args);
        };
        return [method, counting];
      }),
    );
    return new Proxy(storage, {
      get: (target, property) => {
        if (counted.has(property)) return counted.get(property);
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** The counts since the last take, largest first; starts counting afresh. */
  take(): CallCount[] {
    const list = [...this.counts.values()].sort((a, b) => b.calls - a.calls);
    this.counts = new Map();
    return list;
  }

  private count(method: string, keys: number, sites: NodeJS.CallSite[]): void {
    const frames = productFrames(sites, this.sources);
    const caller = frames[0] ?? '(unknown)';
    const path = [...frames].reverse().find((f) => f.includes('.')) ?? frames[frames.length - 1] ?? '(unknown)';
    const id = `${method} ${caller} ${path}`;
    const entry = this.counts.get(id) ?? { method, caller, path, calls: 0, keys: 0 };
    entry.calls++;
    entry.keys += keys;
    this.counts.set(id, entry);
  }
}

function keysIn(method: string, arg: unknown): number {
  if (Array.isArray(arg)) return arg.length;
  if (method === 'write' && typeof arg === 'object' && arg !== null) return Object.keys(arg).length;
  return 1;
}

/** The (async) stack as V8's call sites, without formatting it into text (cheaper). */
function callSites(): NodeJS.CallSite[] {
  const original: unknown = Reflect.get(Error, 'prepareStackTrace');
  Error.prepareStackTrace = (_error, sites) => sites;
  const holder: { stack?: unknown } = {};
  Error.captureStackTrace(holder, callSites);
  const sites = holder.stack as NodeJS.CallSite[];
  Reflect.set(Error, 'prepareStackTrace', original);
  return sites;
}

/**
 * `Class.method` of frames in the product's own code (src/, not storage backends), innermost first. In the bundle a
 * class's name on the stack may be one esbuild gave it; the class is then the nearest `class` declared above the
 * method in its source file (the product's files declare one or a few).
 */
function productFrames(sites: NodeJS.CallSite[], sources: BundleSources): string[] {
  const frames: string[] = [];
  for (const site of sites) {
    const bundled = site.getFileName() ?? '';
    const origin = sources.originOf(bundled, (site.getLineNumber() ?? 1) - 1, (site.getColumnNumber() ?? 1) - 1);
    if (!/[/\\]src[/\\]/.test(origin.file) || /[/\\]src[/\\]storage[/\\]/.test(origin.file)) continue;
    const stackType = site.getTypeName();
    const type =
      stackType && stackType !== 'Object' && stackType !== 'global' && origin.line !== null
        ? (sources.classAt(origin.file, origin.line) ?? stackType)
        : stackType;
    const name = site.getFunctionName() ?? '<anonymous>';
    frames.push(type && type !== 'Object' && type !== 'global' ? `${type}.${name}` : name);
  }
  return frames;
}
