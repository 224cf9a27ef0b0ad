import { readFileSync } from 'node:fs';
import { BundleSources } from './bundleSources';

/** Summaries of a V8 .cpuprofile (what `node --cpu-prof` and the inspector's Profiler write). */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded, ms. */
  busyMs: number;
  idlePercent: number;
  /** Functions by self time. */
  self: TimeShare[];
  /** Self time by where the code lives: a package, a src/ folder, Node's core, GC. */
  areas: TimeShare[];
  /** The product's own functions (src/) by total time (themselves and what they call synchronously). */
  productTotal: TimeShare[];
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  // Functions of the bundled bot get the file they were built from as their url, and the name their source gave them.
  const sources = new BundleSources();
  for (const node of profile.nodes) {
    const { url, lineNumber, columnNumber } = node.callFrame;
    if (!url) continue;
    const origin = sources.originOf(url, lineNumber, columnNumber);
    node.callFrame.url = origin.file;
    if (origin.name && node.callFrame.functionName) node.callFrame.functionName = origin.name;
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const total = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') {
      idle += ms;
      return;
    }
    busy += ms;
    add(self, frameName(node), ms);
    add(areas, areaOf(node), ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || !/[/\\]src[/\\]/.test(frame.callFrame.url)) continue;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      add(total, name, ms);
    }
  });
  const shares = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((ms / busy) * 1000) / 10 }));
  return {
    busyMs: Math.round(busy),
    idlePercent: Math.round((idle / Math.max(1, idle + busy)) * 1000) / 10,
    self: shares(self, top),
    areas: shares(areas, top),
    productTotal: shares(total, top),
  };
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** `function file` (no line: code run through tsx has none that match the source). */
function frameName(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  return `${functionName || '(anonymous)'} ${shortUrl(url)}`;
}

/** The path inside node_modules, or inside the repository (a bundled function: the file its source map names). */
function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = /node_modules[/\\](.*)$/.exec(path);
  if (modules) return modules[1] as string;
  const own = /[/\\]((?:src|bench|tools)[/\\](?:(?!src[/\\]).)*)$/.exec(path);
  return own ? (own[1] as string) : path;
}

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native bindings: fs, crypto, …)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const pkg = /node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /[/\\]src[/\\](?:([^/\\]+)[/\\])?[^/\\]+$/.exec(url);
  if (own) return `src/${own[1] ?? ''}`;
  return /[/\\]bench[/\\]/.test(url) ? 'bench' : url;
}
