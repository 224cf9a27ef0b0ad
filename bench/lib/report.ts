import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, FigureResult } from '../scenarios/context';

export const RESULTS_FILE = join(__dirname, '..', 'results.json');

export interface Machine {
  nproc: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  date: string;
  commit: string;
  summary: string;
}

export function machine(): Machine {
  const nproc = Number(tryRun('nproc', [])) || cpus().length;
  const cpu = cpus()[0]?.model.trim() ?? 'unknown';
  const commit = tryRun('git', ['rev-parse', '--short', 'HEAD']) || 'unknown';
  const date = new Date().toISOString();
  const memoryGiB = Math.round(totalmem() / 2 ** 30);
  return {
    nproc,
    cpu,
    memoryGiB,
    node: process.version,
    date,
    commit,
    summary: `${nproc} × ${cpu}, ${memoryGiB} GiB, Node ${process.version}, commit ${commit}`,
  };
}

function tryRun(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function printTable(results: Record<string, FigureResult>): void {
  const rows = Object.values(results).flatMap((r) => r.rows);
  const header = { figure: 'figure', value: 'value', goal: 'goal', detail: 'raw (medians of the rounds)' };
  const all = [header, ...rows];
  const width = (key: keyof typeof header) => Math.max(...all.map((r) => r[key].length));
  const line = (r: typeof header) =>
    `${r.figure.padEnd(width('figure'))}  ${r.value.padStart(width('value'))}  ${r.goal.padEnd(width('goal'))}  ${r.detail}`;
  process.stdout.write(`\n${line(header)}\n${'-'.repeat(line(header).length)}\n${rows.map(line).join('\n')}\n\n`);
}

/** Merges this run's figures into bench/results.json (figures not run keep their last values). */
export function writeResults(results: Record<string, FigureResult>, options: BenchOptions): string {
  const previous = existsSync(RESULTS_FILE)
    ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { figures?: Record<string, unknown> })
    : {};
  const measured = { machine: machine(), options };
  const figures = { ...previous.figures };
  for (const [name, result] of Object.entries(results)) figures[name] = { ...measured, rows: result.rows, ...result.data };
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ figures }, null, 2)}\n`);
  return RESULTS_FILE;
}
