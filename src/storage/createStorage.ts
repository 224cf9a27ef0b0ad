import type { Config } from '../config';
import { FileStorage } from './fileStorage';
import type { Storage } from './storage';

/** The storage backend the config names (DESIGN §7). */
export function createStorage(config: Config['storage']): Storage {
  switch (config.kind) {
    case 'file':
      return new FileStorage(config.dir);
    case 'azure':
      throw new Error('STORAGE=azure is not available in this build yet; use STORAGE=file.');
  }
}
