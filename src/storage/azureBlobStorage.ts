import { BlobServiceClient, type BlobRequestConditions, type ContainerClient } from '@azure/storage-blob';
import { blobNameOf, encodePrefix, keyOfBlobName } from './blobNames';
import { ETagConflictError, type OwnedStorage, type StorageChange, type StoreItem, type StoreItems } from './storage';

export interface AzureBlobStorageOptions {
  connectionString: string;
  container: string;
}

/** A storage call that failed for another reason than an eTag conflict; names the key (or prefix) and the container. */
export class AzureStorageError extends Error {
  constructor(
    readonly key: string,
    message: string,
    options?: { cause: unknown },
  ) {
    super(`AzureBlobStorage: ${message}`, options);
    this.name = 'AzureStorageError';
  }
}

/**
 * Short per-request timeouts and few retries: every caller (a card click, a webhook) has a user or sender waiting,
 * and the outbox keeps its own durable retry schedule. The SDK's default per-try timeout is unlimited.
 */
const RETRY = { maxTries: 3, tryTimeoutInMs: 15_000, retryDelayInMs: 500, maxRetryDelayInMs: 4_000 };

/**
 * `STORAGE=azure`: one JSON blob per key in one container, so several bot instances share state.
 *
 * The blob's ETag is the item's eTag, and the eTag rules of `Storage` map onto HTTP conditions: a write with an eTag
 * is `If-Match` (Azure refuses it for a missing blob too: a conflict, as the Storage interface says), `create` is
 * `If-None-Match: *`. So conditional writes and creates are atomic across processes, not just within one.
 *
 * Writes of several keys in one call are not a transaction: every item is attempted, and the first failure is thrown
 * after all have settled. The container is created on first use.
 */
export class AzureBlobStorage implements OwnedStorage {
  private readonly container: ContainerClient;
  private ready: Promise<void> | null = null;

  constructor(private readonly options: AzureBlobStorageOptions) {
    this.container = BlobServiceClient.fromConnectionString(options.connectionString, { retryOptions: RETRY }).getContainerClient(
      options.container,
    );
  }

  async read(keys: string[]): Promise<StoreItems> {
    const unique = [...new Set(keys)];
    const names = unique.map(blobNameOf);
    const found = await Promise.all(unique.map((key, i) => this.readOne(key, names[i] as string)));
    const items: StoreItems = {};
    found.forEach((item, i) => {
      if (item) items[unique[i] as string] = item;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, item]) => ({ key, name: blobNameOf(key), item }));
    const results = await Promise.allSettled(entries.map(({ key, name, item }) => this.writeOne(key, name, item)));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  async delete(keys: string[]): Promise<void> {
    const entries = [...new Set(keys)].map((key) => ({ key, name: blobNameOf(key) }));
    await Promise.all(entries.map(({ key, name }) => this.deleteOne(key, name)));
  }

  async create(key: string, item: StoreItem): Promise<boolean> {
    return this.createOne(key, blobNameOf(key), item);
  }

  private deleteOne(key: string, name: string): Promise<void> {
    return this.call(key, 'deleting', async () => void (await this.container.getBlockBlobClient(name).deleteIfExists()));
  }

  private async createOne(key: string, name: string, item: StoreItem): Promise<boolean> {
    try {
      await this.upload(key, name, item, { ifNoneMatch: '*' });
      return true;
    } catch (error) {
      // 409 BlobAlreadyExists; 412 when a concurrent create won between Azure's check and its write.
      if (error instanceof AzureStorageError && [409, 412].includes(statusOf(error.cause) ?? 0)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const encoded = encodePrefix(prefix);
    return this.call(prefix, 'listing the keys that start with', async () => {
      const keys: string[] = [];
      for await (const blob of this.container.listBlobsFlat({ prefix: encoded })) {
        const key = keyOfBlobName(blob.name);
        if (key !== null && key.startsWith(prefix)) keys.push(key);
      }
      return keys;
    });
  }

  /**
   * One request per change, each after the one before it has been applied: Azure has no transaction across blobs, so
   * a crash (or a failed request) leaves a prefix of the batch applied, as the Storage contract says.
   */
  async batch(changes: StorageChange[]): Promise<number> {
    const steps = changes.map((change) => ({ change, name: blobNameOf(change.key) }));
    for (const [index, { change, name }] of steps.entries()) {
      if (!(await this.apply(change, name))) return index;
    }
    return steps.length;
  }

  /** Nothing to release: every request stands alone. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async apply(change: StorageChange, name: string): Promise<boolean> {
    switch (change.op) {
      case 'delete':
        await this.deleteOne(change.key, name);
        return true;
      case 'create':
        return this.createOne(change.key, name, change.item);
      case 'write':
        try {
          await this.writeOne(change.key, name, change.item);
          return true;
        } catch (error) {
          if (error instanceof ETagConflictError) return false;
          throw error;
        }
    }
  }

  private async readOne(key: string, name: string): Promise<StoreItem | undefined> {
    const downloaded = await this.call(key, 'reading', async () => {
      try {
        const response = await this.container.getBlockBlobClient(name).download();
        return { text: await readText(response.readableStreamBody), eTag: response.etag ?? '' };
      } catch (error) {
        if (statusOf(error) === 404 && codeOf(error) === 'BlobNotFound') return undefined;
        throw error;
      }
    });
    if (!downloaded) return undefined;
    return { ...this.parse(key, name, downloaded.text), eTag: downloaded.eTag };
  }

  private async writeOne(key: string, name: string, item: StoreItem): Promise<void> {
    const eTag = item.eTag;
    const conditional = eTag !== undefined && eTag !== '' && eTag !== '*';
    try {
      await this.upload(key, name, item, conditional ? { ifMatch: eTag } : {});
    } catch (error) {
      // 412 for a changed blob; Azure answers a missing one with 412 too, and 404 if it was deleted mid-request.
      const status = error instanceof AzureStorageError ? statusOf(error.cause) : undefined;
      if (conditional && (status === 412 || (status === 404 && codeOf((error as AzureStorageError).cause) === 'BlobNotFound'))) {
        throw new ETagConflictError(key);
      }
      throw error;
    }
  }

  private upload(key: string, name: string, item: StoreItem, conditions: BlobRequestConditions): Promise<void> {
    const { eTag: _eTag, ...value } = item;
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    return this.call(key, 'writing', async () => {
      await this.container.getBlockBlobClient(name).upload(body, body.length, {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
      });
    });
  }

  private parse(key: string, name: string, text: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new AzureStorageError(
        key,
        `the item "${key}" (blob "${name}" in container "${this.options.container}") is unreadable (invalid JSON: ${(error as Error).message}); fix or delete that blob.`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AzureStorageError(
        key,
        `the item "${key}" (blob "${name}" in container "${this.options.container}") is not a JSON object; fix or delete that blob.`,
      );
    }
    return parsed as Record<string, unknown>;
  }

  /** Runs one request after the container exists; any failure comes back as an AzureStorageError naming the key. */
  private async call<T>(key: string, doing: string, request: () => Promise<T>): Promise<T> {
    try {
      await this.init();
      return await request();
    } catch (error) {
      if (error instanceof AzureStorageError) throw error;
      throw new AzureStorageError(key, `${doing} "${key}" in container "${this.options.container}" failed: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  private init(): Promise<void> {
    this.ready ??= this.container.createIfNotExists().then(
      () => undefined,
      (error: unknown) => {
        this.ready = null; // let a later call try again (e.g. after the network or the key was fixed)
        throw error;
      },
    );
    return this.ready;
  }
}

async function readText(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Status, service error code and the first line of the message (the rest is request ids and times). */
function describe(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const status = statusOf(error);
  const code = codeOf(error);
  return [status, code].filter((part) => part !== undefined).join(' ') + (status !== undefined || code !== undefined ? ': ' : '') + message;
}
