import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

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
  for (let i = 0; i < 300 && !done; i++) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
    if (match?.[1]) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the simulator did not start:\n${output()}`);
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
