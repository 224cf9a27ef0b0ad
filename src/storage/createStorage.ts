import type { Config } from '../config';
import type * as AzureBackend from './azureBlobStorage';
import { SqliteStorage } from './sqliteStorage';
import type { OwnedStorage } from './storage';

/**
 * Opens the storage backend the config names. With `STORAGE=sqlite` this takes the store's one-process lock and
 * throws `StorageOpenError` when another process holds it.
 */
export function createStorage(config: Config['storage']): OwnedStorage {
  switch (config.kind) {
    case 'sqlite':
      return SqliteStorage.open(config.dir);
    case 'azure': {
      // Required only here, so a bot on SQLite never loads the Azure SDK (start time and memory).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { AzureBlobStorage } = require('./azureBlobStorage') as typeof AzureBackend;
      return new AzureBlobStorage({ connectionString: config.connectionString, container: config.container });
    }
  }
}
