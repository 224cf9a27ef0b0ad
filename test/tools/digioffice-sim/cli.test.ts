import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from '../../helpers/eventually';

const ROOT = join(__dirname, '..', '..', '..');

function startCli(args: string[]): { child: ChildProcessWithoutNullStreams; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/digioffice-sim/main.ts', ...args], { cwd: ROOT });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function urlFrom(output: () => string, exited: Promise<unknown>): Promise<string> {
  let done = false;
  void exited.then(() => (done = true));
  return eventually(
    () => {
      if (done) throw new Error(`the simulator stopped before it listened:\n${output()}`);
      return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output())?.[1];
    },
    { what: `the simulator's "listening on" line`, timeoutMs: 15_000, everyMs: 50 },
  );
}

describe('tools/digioffice-sim/main.ts', () => {
  it('prints the URL and the seeded sign-ins, serves the API, and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['--port', '0']);
    try {
      const url = await urlFrom(cli.output, cli.exited);
      const ping = await fetch(`${url}/api/ping`);

      expect([ping.status, await ping.json()]).toEqual([200, { Value: 'pong' }]);
      expect(cli.output()).toContain('sign in as alexw / demo (Alex Wilber, DigiOffice user 12)');
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain('SIGTERM: stopping the DigiOffice simulator');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });

  it('refuses an unknown option with exit code 1', async () => {
    const cli = startCli(['--colour', 'blue']);

    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('unknown option --colour');
  });
});
