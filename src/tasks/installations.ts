import type { Installation } from '../core/installation';
import { installationIndexKey, installationKey } from '../core/storageKeys';
import { recipientKeys, type RecipientIds, type UserKey } from '../core/userKey';
import type { Storage, StoreItems } from '../storage/storage';

interface IndexEntry {
  tenantId: string;
  aadObjectId: string;
  [key: string]: unknown;
}

/**
 * Conversation references of users who installed the bot, keyed by tenant + AAD object id, with lookup indexes by
 * AAD object id, UPN and e-mail so a notification can address a user by any of them without a scan.
 */
export class InstallationStore {
  constructor(private readonly storage: Storage) {}

  async get(user: UserKey): Promise<Installation | null> {
    const key = installationKey(user);
    const items = await this.storage.read([key]);
    return (items[key] as Installation | undefined) ?? null;
  }

  async save(installation: Installation): Promise<void> {
    const previous = await this.get(installation);
    const stale = previous ? indexKeys(previous).filter((k) => !indexKeys(installation).includes(k)) : [];
    const entry: IndexEntry = { tenantId: installation.tenantId, aadObjectId: installation.aadObjectId };
    const changes: StoreItems = { [installationKey(installation)]: { ...installation, eTag: '*' } };
    for (const key of indexKeys(installation)) changes[key] = { ...entry, eTag: '*' };
    await this.storage.write(changes);
    if (stale.length > 0) await this.storage.delete(stale);
  }

  async remove(user: UserKey): Promise<Installation | null> {
    const previous = await this.get(user);
    if (!previous) return null;
    await this.storage.delete([installationKey(user), ...indexKeys(previous)]);
    return previous;
  }

  /**
   * The installation a notification recipient refers to, trying AAD object id, then UPN, then e-mail: the index
   * entries in one read, then the installation.
   */
  async findByRecipient(recipient: RecipientIds): Promise<Installation | null> {
    const keys = recipientIndexKeys(recipient);
    const entries = await this.storage.read(keys);
    for (const key of keys) {
      const entry = entries[key] as IndexEntry | undefined;
      if (!entry) continue;
      const installation = await this.get(entry);
      if (installation) return installation;
    }
    return null;
  }

  /**
   * Whether some index entry names the recipient (one read). An entry a crash left behind its removed installation
   * answers true; a notification queued on it is parked by its delivery, which looks the installation up itself.
   */
  async isInstalled(recipient: RecipientIds): Promise<boolean> {
    const entries = await this.storage.read(recipientIndexKeys(recipient));
    return Object.keys(entries).length > 0;
  }
}

function indexKeys(installation: Installation): string[] {
  return recipientIndexKeys({
    aadObjectId: installation.aadObjectId,
    userPrincipalName: installation.userPrincipalName,
    email: installation.email,
  });
}

function recipientIndexKeys(recipient: RecipientIds): string[] {
  return recipientKeys(recipient).map(installationIndexKey);
}
