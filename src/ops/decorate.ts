/**
 * `target`, with some of its public methods replaced: a decorator for a class instance at the composition root
 * (counting, auditing, a correlation scope) without a change to the class or to the types its users expect. Every
 * other member reads from `target` itself, its methods bound to it.
 */
export function decorate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.prototype.hasOwnProperty.call(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
