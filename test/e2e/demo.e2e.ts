/**
 * `npm run demo` as a user runs it: one URL printed, the Playground answering there, and Ctrl-C (SIGINT to the
 * process group, as a terminal sends it) stopping all three parts with exit code 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
  });
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not stop within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('npm run demo', () => {
  let demo: ChildProcess | null = null;
  afterAll(() => {
    // Whatever happened, leave nothing running.
    if (demo?.pid && demo.exitCode === null) process.kill(-demo.pid, 'SIGKILL');
  });

  it('prints one URL, serves the Playground there, and stops everything on Ctrl-C', async () => {
    demo = spawn('npm', ['run', '--silent', 'demo'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    });
    const exited = exitOf(demo, 120_000);
    const [, url] = await waitForOutput(demo, /Open:\s+(http:\/\/\S+)\s/, 90_000);
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);

    const page = await fetch(url ?? '');
    expect(page.status).toBe(200);

    process.kill(-(demo.pid ?? 0), 'SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(url ?? '')).rejects.toThrow();
  });
});
