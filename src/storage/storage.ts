/**
 * The one storage interface (docs/architecture.md, "Storage layout"). Shaped like botbuilder's `Storage`
 * (read/write/delete with eTags) so a botbuilder backend drops in, plus the two operations the product needs that
 * botbuilder's lacks: an atomic create-if-absent (one click = one POST, across instances) and a key listing by prefix
 * (outbox recovery).
 *
 * eTag rules (as botbuilder): an item written without `eTag` or with `eTag: '*'` overwrites; an item written with
 * another eTag is written only when it equals the stored eTag, else `ETagConflictError` (also when no item is stored).
 * Every successful write gives the item a new eTag, returned by later reads.
 *
 * Each key is changed atomically; a call that names several keys is NOT all-or-nothing: `write` stores every item
 * whose eTag holds and then throws for the first that did not. Azure Blob Storage cannot do better, so no caller may
 * rely on more (test/unit/storage/storageContract.ts pins this for every backend).
 *
 * `batch` applies several changes in one call, in order, up to the first that does not hold; what a crash can leave
 * behind is always a prefix of them (all or nothing on SQLite, which runs a batch as one transaction; on Azure any
 * prefix, since each blob is written on its own). Callers order a batch so that every prefix is a state they can
 * recover from.
 *
 * Keys are non-empty strings of any characters except lone UTF-16 surrogates (they have no UTF-8 form).
 */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

export type StoreItems = Record<string, StoreItem>;

/**
 * One change in a `batch`: `write` follows the eTag rules of `write` (a conditional write holds when the eTag matches),
 * `create` holds when no item has the key, `delete` always holds (a missing key is fine).
 */
export type StorageChange =
  { op: 'write'; key: string; item: StoreItem } | { op: 'create'; key: string; item: StoreItem } | { op: 'delete'; key: string };

/**
 * How much a committed write survives (docs/deployment.md, "Durability"). `full`, the default: a killed process and a
 * power cut. `process-crash`: a killed process, not necessarily a power cut or a kernel crash (the embedded store
 * commits it without an fsync; a later `full` commit syncs it too). Only for writes whose loss the product recovers
 * from by itself; backends whose every write is durable (Azure) treat both alike.
 */
export type Durability = 'full' | 'process-crash';

export interface WriteOptions {
  durability?: Durability;
}

export interface Storage {
  /** Items that exist; missing keys are absent from the result. */
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Writes the item only if no item has this key. Returns false (and writes nothing) when one exists. */
  create(key: string, item: StoreItem, options?: WriteOptions): Promise<boolean>;
  /** Keys that start with `prefix`, in no particular order. */
  list(prefix: string): Promise<string[]>;
  /**
   * Applies the changes in order until one does not hold (a conditional write whose eTag differs, a create of a key
   * that exists): that one and the rest are not applied. Resolves to how many were applied (`changes.length` when all
   * were), so `changes[n]` is the one that did not hold. Invalid keys are refused before anything is applied. A crash
   * mid-batch leaves a prefix of the changes applied (see above).
   */
  batch(changes: StorageChange[], options?: WriteOptions): Promise<number>;
}

/** A backend the app opened and therefore closes when it stops (the embedded store releases its lock then). */
export interface OwnedStorage extends Storage {
  close(): Promise<void>;
}

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Storage: invalid key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}

/** The store cannot be opened at start (another process holds it, no permission, …); the message says why in one line. */
export class StorageOpenError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'StorageOpenError';
  }
}
