import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { shippedEnvironment } from '../../../bench/lib/shippedFlags';
import { REPO_ROOT } from '../../../tools/package/paths';

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile → instructions: comments dropped, `\` continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const joined = lines.join('\n').replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** Instructions grouped by stage (each starts at a FROM). */
function stages(instructions: Instruction[]): Instruction[][] {
  const result: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') result.push([]);
    result[result.length - 1]?.push(instruction);
  }
  return result;
}

const args = (stage: Instruction[], keyword: string): string[] => stage.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  const instructions = parseDockerfile(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  const [build = [], runtime = [], ...extra] = stages(instructions);

  it('is multi-stage, both stages on the Node version of .nvmrc (bookworm-slim)', () => {
    const nodeVersion = readFileSync(join(REPO_ROOT, '.nvmrc'), 'utf8').trim();
    expect(nodeVersion).toMatch(/^24\.\d+\.\d+$/);
    expect(extra).toEqual([]);
    expect(args(build, 'FROM')).toEqual([`node:${nodeVersion}-bookworm-slim AS build`]);
    expect(args(runtime, 'FROM')).toEqual([`node:${nodeVersion}-bookworm-slim AS runtime`]);
  });

  it('pins the same Node as the `node` devDependency that npm scripts run on', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.devDependencies.node).toBe(readFileSync(join(REPO_ROOT, '.nvmrc'), 'utf8').trim());
    // Node 24 from 24.15 on (earlier 24.x print an ExperimentalWarning for node:sqlite), and its type definitions.
    expect(pkg.engines.node).toBe('>=24.15 <25');
    expect(pkg.devDependencies['@types/node']).toMatch(/^24\.\d+\.\d+$/);
  });

  it('builds with npm ci + npm run build', () => {
    expect(args(build, 'RUN')).toEqual(['npm ci --ignore-scripts --no-audit --no-fund', 'npm run build']);
  });

  it('installs only production dependencies in the runtime stage and copies dist/, cards/ and web/ (the sign-in page)', () => {
    const runs = args(runtime, 'RUN');
    expect(runs.some((r) => /^npm ci --omit=dev\b/.test(r))).toBe(true);
    expect(runs.some((r) => /npm (install|i)\b/.test(r) || (/npm ci/.test(r) && !/--omit=dev/.test(r)))).toBe(false);
    expect(args(runtime, 'COPY')).toEqual([
      'package.json package-lock.json ./',
      '--from=build /app/dist ./dist',
      'cards ./cards',
      'web ./web',
    ]);
  });

  it('runs as the non-root node user', () => {
    const users = instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users).toEqual(['node']);
    const userAt = runtime.findIndex((i) => i.keyword === 'USER');
    const lastRunAt = runtime.map((i) => i.keyword).lastIndexOf('RUN');
    expect(userAt).toBeGreaterThan(lastRunAt);
  });

  it('sets the production environment, the port, and /data as the storage volume', () => {
    expect(args(runtime, 'ENV')).toEqual(['NODE_ENV=production HOST=0.0.0.0 PORT=3978 STORAGE_DIR=/data', 'MALLOC_MMAP_THRESHOLD_=16384']);
    expect(args(runtime, 'EXPOSE')).toEqual(['3978']);
    expect(args(runtime, 'VOLUME')).toEqual(['["/data"]']);
    // Only the node user may read the data folder (a fresh volume takes the folder's owner and mode).
    expect(args(runtime, 'RUN')).toContain('mkdir -p -m 0700 /data && chown node:node /data');
  });

  it("checks health with node's fetch against /healthz on $PORT (no curl in slim)", () => {
    const [healthcheck = ''] = args(runtime, 'HEALTHCHECK');
    expect(healthcheck).toMatch(
      / CMD \["node", "-e", ".*fetch\('http:\/\/127\.0\.0\.1:' \+ \(process\.env\.PORT \|\| 3978\) \+ '\/healthz'\)/,
    );
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  describe('the HEALTHCHECK command, run with node', () => {
    const [healthcheck = ''] = args(runtime, 'HEALTHCHECK');
    const command = JSON.parse(healthcheck.slice(healthcheck.indexOf(' CMD ') + 5)) as string[];
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    async function serve(status: number): Promise<number> {
      server = createServer((req, res) => {
        res.writeHead(req.url === '/healthz' ? status : 404);
        res.end();
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    }

    const exitCode = (port: number): Promise<number> =>
      new Promise((resolve) => {
        const [, ...nodeArgs] = command;
        execFile(process.execPath, nodeArgs, { env: { PORT: String(port) } }, (error) => {
          resolve(error ? Number(error.code ?? -1) : 0);
        });
      });

    it('exits 0 when /healthz answers 200', async () => {
      expect(command[0]).toBe('node');
      expect(await exitCode(await serve(200))).toBe(0);
    });

    it('exits 1 when /healthz answers 503', async () => {
      expect(await exitCode(await serve(503))).toBe(1);
    });

    it('exits 1 when nothing listens', async () => {
      const port = await serve(200);
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
      expect(await exitCode(port)).toBe(1);
    });
  });

  it("gives the bench's bot processes the image's malloc setting, unless the bench's own environment names it", () => {
    expect(shippedEnvironment({})).toEqual({ MALLOC_MMAP_THRESHOLD_: '16384' });
    expect(shippedEnvironment({ MALLOC_MMAP_THRESHOLD_: '131072' })).toEqual({});
  });

  it('starts dist/index.js with the Node flags of `npm start`', () => {
    const start = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe('node --expose-gc dist/index.js');
    expect(args(runtime, 'CMD')).toEqual(['["node", "--expose-gc", "dist/index.js"]']);
    expect(instructions[instructions.length - 1]?.keyword).toBe('CMD');
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps secrets, local state and host builds out of the build context', () => {
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*', 'node_modules', 'dist', 'data', '.git', 'build']));
  });

  it('does not exclude what the image copies', () => {
    for (const needed of ['src', 'cards', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']) {
      expect(ignored).not.toContain(needed);
    }
  });
});
