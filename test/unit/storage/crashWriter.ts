/**
 * Child process for fileStorage.crash.test.ts: writes to a FileStorage as fast as it can until it is killed, and
 * prints `acked <key> <n>` after each write has resolved, so the parent knows what was acknowledged.
 */
import { FileStorage } from '../../../src/storage/fileStorage';

async function main(dir: string): Promise<void> {
  const storage = new FileStorage(dir);
  for (let n = 1; ; n++) {
    const key = `k/${n % 5}`;
    const length = 1 + ((n * 7919) % 200_000);
    const value = { n, length, payload: String(n % 10).repeat(length) };
    if (n % 3 === 0) {
      const eTag = (await storage.read([key]))[key]?.eTag ?? '*';
      await storage.write({ [key]: { ...value, eTag } });
    } else if (n % 7 === 0) {
      await storage.create(`c/${n}`, value);
      process.stdout.write(`acked c/${n} ${n}\n`);
      continue;
    } else {
      await storage.write({ [key]: value });
    }
    process.stdout.write(`acked ${key} ${n}\n`);
  }
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
