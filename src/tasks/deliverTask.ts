import { DeliveryError, type CardChannel, type CardJson, type CardMessage } from '../core/cardChannel';
import type { CardViews } from '../core/cardViews';
import type { Clock } from '../core/clock';
import type { Installation } from '../core/installation';
import type { Logger } from '../core/logger';
import { isActionable, type TaskSnapshot, type TaskState } from '../core/task';
import type { RecipientIds } from '../core/userKey';
import { viewerOf } from '../core/viewer';
import { parseDigiOfficeDate } from '../digioffice/dates';
import type { InstallationStore } from './installations';
import { newSnapshot, withNewFacts, type TaskFacts } from './snapshots';
import type { TaskStore } from './taskStore';

/** A task event as the webhook accepted it (structurally the outbox's TaskNotification). */
export interface TaskEvent extends TaskFacts {
  event: 'task.assigned' | 'task.updated' | 'task.closed';
  recipient: RecipientIds;
  closedBy?: string | undefined;
  closedAt?: string | undefined;
}

export interface DeliverDeps {
  installations: InstallationStore;
  tasks: TaskStore;
  channel: CardChannel;
  views: CardViews;
  clock: Clock;
  digiOfficeZone: string;
  logger: Logger;
}

/**
 * Delivers one task event to its recipient's 1:1 chat: the first card for a new task, a replaced card for an update
 * (or a repeated `task.assigned` — nothing is ever posted twice for one open task), a read-only card when the task
 * was closed elsewhere. Resolves 'pending' when the recipient has not installed the bot yet.
 */
export class TaskDelivery {
  constructor(private readonly deps: DeliverDeps) {}

  async handle(event: TaskEvent): Promise<'delivered' | 'pending'> {
    const installation = await this.deps.installations.findByRecipient(event.recipient);
    if (!installation) return 'pending';
    const stored = await this.deps.tasks.get(installation, event.task.ID);
    const now = this.deps.clock.now();
    if (event.event === 'task.closed') {
      if (stored) await this.close(installation, stored.snapshot, event);
      return 'delivered';
    }
    if (!stored || (event.event === 'task.assigned' && !isReplaceable(stored.snapshot))) {
      // A new task, or a task assigned again after it was finished: a new card (cards of the old one are stale).
      const snapshot = { ...newSnapshot(installation, event, now), revision: (stored?.snapshot.revision ?? 0) + 1 };
      await this.deps.tasks.save(snapshot);
      await this.sendNewCard(installation, snapshot);
      return 'delivered';
    }
    const updated = await this.deps.tasks.update(installation, event.task.ID, (current) =>
      withNewFacts(current.state.kind === 'unavailable' ? { ...current, state: { kind: 'open' } } : current, event, now),
    );
    if (updated) await this.refreshCards(installation, updated);
    return 'delivered';
  }

  private async close(installation: Installation, current: TaskSnapshot, event: TaskEvent): Promise<void> {
    // Finished through the bot, it is known who finished it and how; a deferred task is still open until now.
    if (current.state.kind === 'finished') return;
    const state: TaskState = {
      kind: 'closed',
      by: event.closedBy ?? null,
      at: event.closedAt ? parseDigiOfficeDate(event.closedAt, this.deps.digiOfficeZone).toISOString() : null,
    };
    const updated = await this.deps.tasks.update(installation, current.task.ID, (s) => ({
      ...s,
      state,
      revision: s.revision + 1,
      updatedAt: this.deps.clock.now().toISOString(),
    }));
    if (updated) await this.refreshCards(installation, updated);
  }

  private async sendNewCard(installation: Installation, snapshot: TaskSnapshot): Promise<void> {
    const activityId = await this.deps.channel.sendCard(installation.reference, this.message(installation, snapshot));
    await this.deps.tasks.addCard(installation, snapshot.task.ID, activityId);
  }

  /**
   * Replaces every card showing the task; when none exists any more, sends a new one. `rendered`: the task's card as
   * the caller already drew it for this installation's viewer (`views.task(snapshot, viewer)`), so it is not drawn
   * twice.
   */
  async refreshCards(installation: Installation, snapshot: TaskSnapshot, rendered?: CardJson): Promise<void> {
    const message = this.message(installation, snapshot, rendered);
    let replaced = 0;
    for (const activityId of snapshot.cardActivityIds) {
      try {
        await this.deps.channel.updateCard(installation.reference, activityId, message);
        replaced++;
      } catch (err) {
        if (!(err instanceof DeliveryError && err.failure === 'notFound')) throw err;
        this.deps.logger.info({ taskId: snapshot.task.ID, activityId }, 'card no longer exists');
      }
    }
    if (replaced === 0 && isActionable(snapshot.state)) await this.sendNewCard(installation, snapshot);
  }

  /** The task's card for its recipient, drawn in their language and zone as the installation knows them now. */
  private message(installation: Installation, snapshot: TaskSnapshot, rendered?: CardJson): CardMessage {
    const viewer = viewerOf(installation, this.deps.digiOfficeZone);
    return { card: rendered ?? this.deps.views.task(snapshot, viewer), summary: this.deps.views.taskSummary(snapshot, viewer) };
  }
}

/** An open or deferred card (or one DigiOffice refused) is replaced by a repeated assignment; a finished one is not. */
function isReplaceable(snapshot: TaskSnapshot): boolean {
  return isActionable(snapshot.state) || snapshot.state.kind === 'unavailable';
}
