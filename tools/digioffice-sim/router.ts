/**
 * A small route table with ServiceStack's matching rules: paths match case-insensitively, `{Name}` segments bind path
 * parameters, an unmatched path is 404 and a matched path with another verb is 405.
 */

export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON body; `null` when the body was empty. */
  body: unknown;
}

export interface ApiResponse {
  status: number;
  /** HTTP reason phrase; defaults to the standard one. */
  reason?: string;
  headers?: Record<string, string | string[]>;
  /** JSON body; `undefined` sends no body. */
  body?: unknown;
  /** A non-JSON body sent as is (forced failures imitating proxies). */
  text?: string;
}

export type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  path: string;
  /** Upper-case verbs, or 'ANY' for ServiceStack's "All Verbs". */
  methods: readonly string[] | 'ANY';
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[]; route: Route }
  | { kind: 'none' };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = splitPath(path);
  let wrongMethod: RouteMatch | null = null;
  for (const route of routes) {
    const params = matchPath(splitPath(route.path), segments);
    if (!params) continue;
    if (route.methods === 'ANY' || route.methods.includes(method.toUpperCase())) return { kind: 'found', route, params };
    wrongMethod ??= { kind: 'wrongMethod', allowed: [...route.methods], route };
  }
  return wrongMethod ?? { kind: 'none' };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] ?? '';
    const got = segments[i] ?? '';
    const param = /^\{(\w+)\}$/.exec(want);
    if (param?.[1]) params[param[1]] = safeDecode(got);
    else if (want.toLowerCase() !== got.toLowerCase()) return null;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
