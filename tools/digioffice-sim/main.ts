/**
 * CLI: `npx tsx tools/digioffice-sim/main.ts [--port 5088] [--host 127.0.0.1] [--latency-ms 0] [--token-ttl-ms 3600000]
 * [--unknown-task-status 404]`. Prints the base URL and the seeded sign-ins; stops cleanly on SIGINT/SIGTERM.
 */
import { createDigiOfficeSimulator } from './simulator';
import { SEED } from './seed';
import type { UnknownTaskStatus } from './taskAccess';

interface CliOptions {
  port: number;
  host: string;
  latencyMs: number;
  tokenTtlMs: number;
  unknownTaskStatus: UnknownTaskStatus;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 5088, host: '127.0.0.1', latencyMs: 0, tokenTtlMs: 3_600_000, unknownTaskStatus: 404 };
  const numberArg = (name: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number, got ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    switch (name) {
      case '--port':
        options.port = numberArg(name, value);
        break;
      case '--host':
        if (!value) throw new Error('--host needs an address');
        options.host = value;
        break;
      case '--latency-ms':
        options.latencyMs = numberArg(name, value);
        break;
      case '--token-ttl-ms':
        options.tokenTtlMs = numberArg(name, value);
        break;
      case '--unknown-task-status': {
        const status = numberArg(name, value);
        if (status !== 400 && status !== 404 && status !== 500) throw new Error('--unknown-task-status must be 400, 404 or 500');
        options.unknownTaskStatus = status;
        break;
      }
      default:
        throw new Error(`unknown option ${name ?? ''}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const sim = createDigiOfficeSimulator(options);
  const url = await sim.listen(options.port, options.host);
  console.log(`DigiOffice simulator listening on ${url} (API under ${url}/api, controls under ${url}/_sim/)`);
  for (const user of SEED.users)
    console.log(`  sign in as ${user.userName} / ${user.password} (${user.displayName}, DigiOffice user ${user.id})`);
  const stop = (signal: string) => {
    console.log(`${signal}: stopping the DigiOffice simulator`);
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
