import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileStorage } from '../../../src/storage/fileStorage';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'filestorage-crash-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

interface WrittenValue {
  n: number;
  length: number;
  payload: string;
}

describe('FileStorage after a crash', () => {
  it('reads the intact original when a torn temp file was left beside it, and deletes the temp file', async () => {
    await new FileStorage(dir).write({ 'a/b': { n: 1 } });
    const leftover = path.join(dir, 'a%2Fb.0123456789ab.tmp');
    await fs.writeFile(leftover, '{"v":1,"key":"a/b","eTag":"x","value":{"n":');

    const storage = new FileStorage(dir);
    expect(await storage.read(['a/b'])).toEqual({ 'a/b': { n: 1, eTag: expect.any(String) as string } });
    expect(await storage.list('')).toEqual(['a/b']);
    expect(await fs.readdir(dir)).toEqual(['a%2Fb.json']);
  });

  it('leaves only complete items, including every acknowledged write, when a writer is killed with SIGKILL', async () => {
    const acked = await runWriterUntilKilled(dir, 300);
    expect(acked.size).toBeGreaterThan(0);

    for (const name of await fs.readdir(dir)) {
      if (name.endsWith('.tmp')) continue;
      expect(name.endsWith('.json')).toBe(true);
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
    }

    const storage = new FileStorage(dir);
    const keys = await storage.list('');
    expect(keys).toEqual(expect.arrayContaining([...acked.keys()]));
    const items = await storage.read(keys);
    for (const key of keys) {
      const { n, length, payload } = items[key] as unknown as WrittenValue;
      expect(payload).toBe(String(n % 10).repeat(length));
      expect(n).toBeGreaterThanOrEqual(acked.get(key) ?? 0);
    }
    expect((await fs.readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

/** Starts crashWriter.ts, kills it with SIGKILL after `ackCount` acknowledged writes; returns key → last acked n. */
function runWriterUntilKilled(folder: string, ackCount: number): Promise<Map<string, number>> {
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'crashWriter.ts'), folder], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked = new Map<string, number>();
  let count = 0;
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [, key, n] = line.split(' ');
      if (key === undefined || n === undefined) continue;
      acked.set(key, Number(n));
      if (++count === ackCount) child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer ended without being killed: ${stderr}`));
    });
  });
}
