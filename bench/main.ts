/**
 * `npm run bench [-- --only click,ingest] [--quick] [--rounds N] [--scale N] [--profile] [--bot-node-flags "…"]`: the speed figures of
 * bench/README.md, each measured side by side in one run. Prints a table and writes bench/results.json.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleBot } from './lib/bundleBot';
import { Child } from './lib/processes';
import { shippedNodeFlags } from './lib/shippedFlags';
import { machine, printTable, writeResults } from './lib/report';
import { clickFigure, clickPlan } from './scenarios/click';
import type { BenchContext, BenchOptions, FigureResult } from './scenarios/context';
import { drainFigure } from './scenarios/drain';
import { ingestFigure } from './scenarios/ingest';
import { memoryFigure } from './scenarios/memory';
import { pacingFigure } from './scenarios/pacing';
import { profileFigure } from './scenarios/profile';
import { recoveryFigure } from './scenarios/recovery';
import { renderFigure } from './scenarios/render';

const FIGURES: Record<string, (ctx: BenchContext) => Promise<FigureResult>> = {
  click: clickFigure,
  ingest: ingestFigure,
  drain: drainFigure,
  pacing: pacingFigure,
  recovery: recoveryFigure,
  render: renderFigure,
  memory: memoryFigure,
  profile: profileFigure,
};
const DEFAULT = ['click', 'ingest', 'drain', 'pacing', 'recovery', 'render', 'memory'];

interface Args {
  figures: string[];
  options: BenchOptions;
}

function parseArgs(argv: string[]): Args {
  let only: string[] | null = null;
  let quick = false;
  let profile = false;
  let rounds: number | null = null;
  let scale = 10;
  let botNodeFlags = shippedNodeFlags();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? '';
    const positive = (text: string) => {
      const n = Number(text);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number, got "${text}"`);
      return n;
    };
    if (name === '--only')
      only = value()
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
    else if (name === '--quick') quick = true;
    else if (name === '--profile') profile = true;
    else if (name === '--rounds') rounds = Math.round(positive(value()));
    else if (name === '--scale') scale = positive(value());
    else if (name === '--bot-node-flags') botNodeFlags = value().split(/\s+/).filter(Boolean);
    else
      throw new Error(
        `unknown option ${arg}; use --only a,b --quick --rounds N --scale N --profile --bot-node-flags "…" (figures: ${Object.keys(FIGURES).join(', ')})`,
      );
  }
  const figures = only ?? (profile ? ['profile'] : DEFAULT);
  if (profile && !figures.includes('profile')) figures.push('profile');
  const unknown = figures.filter((f) => !FIGURES[f]);
  if (unknown.length) throw new Error(`unknown figure ${unknown.join(', ')}; choose from ${Object.keys(FIGURES).join(', ')}`);
  return { figures, options: { quick, scale, rounds: rounds ?? (quick ? 3 : 5), botNodeFlags } };
}

async function main(): Promise<void> {
  const { figures, options } = parseArgs(process.argv.slice(2));
  const runDir = mkdtempSync(join(tmpdir(), 'digioffice-bench-'));
  mkdirSync(join(runDir, 'storage'));
  const started = performance.now();
  const log = (message: string) =>
    process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
  log(`${machine().summary}; figures: ${figures.join(', ')}${options.quick ? ' (quick)' : ''}; logs in ${runDir}`);
  const botScript = await bundleBot(join(runDir, 'build'));
  const stubs = await Child.start('stubs', join(__dirname, 'children', 'stubs.ts'), {
    logFile: join(runDir, 'stubs.log'),
    env: { BENCH_CLICK_PLAN: JSON.stringify(clickPlan(options)) },
  });
  const ctx: BenchContext = {
    options,
    stubs,
    simUrl: String(stubs.info.simUrl),
    teamsUrl: String(stubs.info.teamsUrl),
    runDir,
    botScript,
    log,
  };
  const results: Record<string, FigureResult> = {};
  try {
    for (const figure of figures) {
      await stubs.call('configure', { enforceScale: null });
      await stubs.call('reset', { cards: true });
      const run = FIGURES[figure] as (ctx: BenchContext) => Promise<FigureResult>;
      const t0 = performance.now();
      try {
        results[figure] = await run(ctx);
      } catch (err) {
        log(`${figure} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        results[figure] = {
          rows: [{ figure, value: 'failed', goal: '', detail: String(err).slice(0, 120) }],
          data: { error: String(err) },
        };
      }
      log(`${figure} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await stubs.stop();
    rmSync(join(runDir, 'storage'), { recursive: true, force: true });
  }
  printTable(results);
  const file = writeResults(results, options);
  log(`wrote ${file}; logs and profiles in ${runDir}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
