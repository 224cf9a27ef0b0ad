import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Clock } from '../core/clock';
import type { Installation } from '../core/installation';
import type { Logger } from '../core/logger';
import { userPath } from '../core/userKey';
import { KeyedMutex } from '../storage/keyedMutex';
import type { InstallationStore } from '../tasks/installations';
import { conversationRefOf, type ActivityUser } from './activityContext';

export interface InstallationCaptureDeps {
  installations: InstallationStore;
  clock: Clock;
  logger: Logger;
  /** Called when a user's first installation is stored: their parked notifications can go out now. */
  onInstalled(installation: Installation): Promise<void>;
}

/**
 * Keeps the user's 1:1 conversation reference current: stored on install and on the first message,
 * refreshed when the conversation, language or time zone changes, with the UPN and e-mail from the roster so
 * notifications can address the user by any of them.
 */
export class InstallationCapture {
  /** Teams sends installationUpdate and conversationUpdate together on install: one capture per user at a time. */
  private readonly perUser = new KeyedMutex();

  constructor(private readonly deps: InstallationCaptureDeps) {}

  /** The user's installation, stored or refreshed as needed; null outside the 1:1 chat. */
  async capture(context: TurnContext, user: ActivityUser, options: { force?: boolean } = {}): Promise<Installation | null> {
    return (await this.captureNew(context, user, options))?.installation ?? null;
  }

  /** As `capture`, and whether this is the user's first installation (Teams sends several events for one install). */
  async captureNew(
    context: TurnContext,
    user: ActivityUser,
    options: { force?: boolean } = {},
  ): Promise<{ installation: Installation; isNew: boolean } | null> {
    if (!user.personal) return null;
    return this.perUser.run(userPath(user.key), () => this.store(context, user, options));
  }

  private async store(
    context: TurnContext,
    user: ActivityUser,
    options: { force?: boolean },
  ): Promise<{ installation: Installation; isNew: boolean }> {
    const existing = await this.deps.installations.get(user.key);
    const reference = conversationRefOf(context);
    const unchanged =
      existing !== null &&
      !options.force &&
      existing.reference.conversation.id === reference.conversation.id &&
      existing.reference.serviceUrl === reference.serviceUrl &&
      existing.locale === user.locale &&
      (user.timezone === null || existing.timezone === user.timezone);
    if (unchanged) return { installation: existing, isNew: false };

    const member = existing?.userPrincipalName && !options.force ? null : await this.member(context);
    const installation: Installation = {
      tenantId: user.key.tenantId,
      aadObjectId: user.key.aadObjectId,
      userPrincipalName: member?.userPrincipalName ?? existing?.userPrincipalName ?? null,
      email: member?.email ?? existing?.email ?? null,
      name: member?.name ?? user.name ?? existing?.name ?? null,
      locale: user.locale,
      timezone: user.timezone ?? existing?.timezone ?? null,
      reference,
      installedAt: existing?.installedAt ?? this.deps.clock.now().toISOString(),
    };
    await this.deps.installations.save(installation);
    if (!existing) await this.deps.onInstalled(installation);
    return { installation, isNew: !existing };
  }

  async remove(user: ActivityUser): Promise<void> {
    await this.deps.installations.remove(user.key);
  }

  private async member(
    context: TurnContext,
  ): Promise<{ userPrincipalName: string | null; email: string | null; name: string | null } | null> {
    try {
      const m = await TeamsInfo.getMember(context, context.activity.from.id);
      return { userPrincipalName: m.userPrincipalName ?? null, email: m.email ?? null, name: m.name ?? null };
    } catch (err) {
      // Without the roster the user is still addressable by AAD object id.
      this.deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not read the member from the roster');
      return null;
    }
  }
}
