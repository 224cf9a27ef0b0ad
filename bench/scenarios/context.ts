import { join } from 'node:path';
import type { Child } from '../lib/processes';

export interface BenchOptions {
  quick: boolean;
  /** Teams' limits and the bot's pacing run this many times faster. */
  scale: number;
  /** Alternating rounds per side-by-side figure (default 5, quick 3). */
  rounds: number;
  /** Node/V8 flags for every bot process (default: package.json's `start` script's, as the container image runs it). */
  botNodeFlags: string[];
}

/** What every scenario gets: the options, the stubs process (simulator + connector), and a folder for this run. */
export interface BenchContext {
  options: BenchOptions;
  stubs: Child;
  simUrl: string;
  teamsUrl: string;
  /** Logs, storage folders and profiles of this run. */
  runDir: string;
  /** The bundled bot launcher (bench/children/bot.ts built as the product is: bundleBot.ts). */
  botScript: string;
  log(message: string): void;
}

export function storageDir(ctx: BenchContext, name: string): string {
  return join(ctx.runDir, 'storage', name);
}

/** The options every bot of the run shares. */
export function botBasics(ctx: BenchContext, name: string) {
  return {
    name,
    script: ctx.botScript,
    logDir: ctx.runDir,
    storageDir: storageDir(ctx, name),
    simUrl: ctx.simUrl,
    teamsUrl: ctx.teamsUrl,
    nodeFlags: ctx.options.botNodeFlags,
  };
}

/** One line of the printed table. */
export interface Row {
  figure: string;
  /** The headline number, formatted. */
  value: string;
  goal: string;
  /** The raw numbers behind it, short. */
  detail: string;
}

export interface FigureResult {
  rows: Row[];
  /** Everything measured, for bench/results.json. */
  data: Record<string, unknown>;
}

export const fmt = {
  ms: (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : 'n/a'),
  x: (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a'),
  n: (v: number, digits = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : 'n/a'),
  s: (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} s` : 'n/a'),
};
