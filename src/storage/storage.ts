/**
 * The one storage interface (docs/architecture.md, "Storage layout"). Shaped like botbuilder's `Storage` (read/write/delete with eTags) so a
 * botbuilder backend drops in, plus the two operations the product needs that botbuilder's lacks: an atomic
 * create-if-absent (one click = one POST, across instances) and a key listing by prefix (outbox recovery).
 *
 * eTag rules (as botbuilder): an item written without `eTag` or with `eTag: '*'` overwrites; an item written with
 * another eTag is written only when it equals the stored eTag, else `ETagConflictError`. Every successful write
 * gives the item a new eTag, returned by later reads.
 */
export interface StoreItem {
  eTag?: string;
  [key: string]: unknown;
}

export type StoreItems = Record<string, StoreItem>;

export interface Storage {
  /** Items that exist; missing keys are absent from the result. */
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Writes the item only if no item has this key. Returns false (and writes nothing) when one exists. */
  create(key: string, item: StoreItem): Promise<boolean>;
  /** Keys that start with `prefix`, in no particular order. */
  list(prefix: string): Promise<string[]>;
}

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}
