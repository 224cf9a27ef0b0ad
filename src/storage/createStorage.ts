import type { Config } from '../config';
import { AzureBlobStorage } from './azureBlobStorage';
import { FileStorage } from './fileStorage';
import type { Storage } from './storage';

/** The storage backend the config names (STORAGE). */
export function createStorage(config: Config['storage']): Storage {
  switch (config.kind) {
    case 'file':
      return new FileStorage(config.dir);
    case 'azure':
      return new AzureBlobStorage({ connectionString: config.connectionString, container: config.container });
  }
}
