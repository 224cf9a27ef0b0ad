import type { Command } from '../commands';
import type { CardJson } from '../core/cardChannel';
import type { CardViews } from '../core/cardViews';
import type { Installation } from '../core/installation';
import type { TaskSnapshot } from '../core/task';
import type { SignInCodeResult } from '../core/session';
import type { UserKey } from '../core/userKey';
import type { Viewer } from '../core/viewer';
import { minutesToWait, t } from '../i18n';
import type { TaskFinisher } from './finishTasks';
import { textOfOutcome } from './outcomeView';
import type { TaskStore } from './taskStore';
import { matchTransition } from './transitionMatch';

/** What the bot says back to a typed command: text, or a card (a task card carries its task id to be tracked). */
export type ChatReply = { kind: 'text'; text: string } | { kind: 'card'; card: CardJson; taskId?: number };

export interface ChatUser {
  key: UserKey;
  viewer: Viewer;
}

export interface SignInPort {
  isLinked(user: UserKey): Promise<boolean>;
  displayName(user: UserKey): Promise<string | null>;
  signInUrl(user: UserKey, locale: Viewer['locale']): Promise<string>;
  signOut(user: UserKey): Promise<void>;
  /** Links the account waiting for a one-time code, when the code was issued to this user. */
  redeemCode(user: UserKey, code: string): Promise<SignInCodeResult>;
}

export interface ChatDeps {
  tasks: TaskStore;
  finisher: TaskFinisher;
  views: CardViews;
  signIn: SignInPort;
  /** Replaces the task's existing cards after it was finished from chat. */
  refreshCards(installation: Installation, snapshot: TaskSnapshot): Promise<void>;
}

/** The most tasks `my tasks` lists on one card (card size budget). */
const LIST_LIMIT = 25;

/** Runs a parsed chat command for the user (the commands are listed in the README). */
export class ChatCommands {
  constructor(private readonly deps: ChatDeps) {}

  async run(command: Command, user: ChatUser, installation: Installation): Promise<ChatReply[]> {
    const locale = user.viewer.locale;
    switch (command.kind) {
      case 'help':
        return [{ kind: 'card', card: this.deps.views.help(user.viewer) }];
      case 'unknown':
        return [{ kind: 'text', text: t(locale, 'chat.unknown') }];
      case 'didYouMean':
        return [{ kind: 'text', text: t(locale, 'chat.didYouMean', { text: command.text }) }];
      case 'invalid':
        return [{ kind: 'text', text: t(locale, 'chat.invalid', { detail: command.detail }) }];
      case 'list':
        return [await this.list(user)];
      case 'signIn':
        return [await this.signIn(user)];
      case 'signInCode':
        return [await this.redeemCode(command.code, user)];
      case 'signOut':
        await this.deps.signIn.signOut(user.key);
        return [{ kind: 'text', text: t(locale, 'chat.signedOut') }];
      case 'finish':
        return command.rest === null
          ? this.show(command.taskIds, user)
          : this.finishByName(command.taskIds, command.rest, user, installation);
      case 'defer':
        return this.defer(command, user, installation);
    }
  }

  private async show(taskIds: number[], user: ChatUser): Promise<ChatReply[]> {
    const { found, missing } = await this.deps.tasks.getMany(user.key, taskIds);
    const replies: ChatReply[] = found.map(({ snapshot }) => ({
      kind: 'card',
      card: this.deps.views.task(snapshot, user.viewer),
      taskId: snapshot.task.ID,
    }));
    if (missing.length > 0) replies.push({ kind: 'text', text: t(user.viewer.locale, 'chat.unknownTasks', { ids: missing.join(', ') }) });
    return replies;
  }

  private async finishByName(taskIds: number[], rest: string, user: ChatUser, installation: Installation): Promise<ChatReply[]> {
    const { found, missing } = await this.deps.tasks.getMany(user.key, taskIds);
    if (missing.length > 0) return [{ kind: 'text', text: t(user.viewer.locale, 'chat.unknownTasks', { ids: missing.join(', ') }) }];
    const matches = found.map(({ snapshot }) => ({ snapshot, match: matchTransition(rest, snapshot.transitions) }));
    const unmatched = matches.find((m) => m.match === null);
    if (unmatched) {
      const offered = unmatched.snapshot.transitions.map((tr) => tr.Name).join(', ');
      return [{ kind: 'text', text: t(user.viewer.locale, 'chat.noSuchTransition', { id: unmatched.snapshot.task.ID, offered }) }];
    }
    const first = matches[0]?.match;
    if (!first) return [];
    const outcome = await this.deps.finisher.finish({
      user: user.key,
      verb: 'task.finish',
      taskIds,
      transition: { name: first.transition.Name },
      inputs: first.comment ? { comment: first.comment } : {},
      userZone: user.viewer.timezone,
    });
    return this.afterFinish(outcome, user, installation);
  }

  private async defer(command: Extract<Command, { kind: 'defer' }>, user: ChatUser, installation: Installation): Promise<ChatReply[]> {
    const outcome = await this.deps.finisher.finish({
      user: user.key,
      verb: 'task.defer',
      taskIds: command.taskIds,
      transition: null,
      inputs: {
        deferToDate: command.until.date,
        ...(command.until.time ? { deferToTime: command.until.time } : {}),
        ...(command.reason ? { reason: command.reason } : {}),
      },
      userZone: user.viewer.timezone,
    });
    return this.afterFinish(outcome, user, installation);
  }

  private async afterFinish(
    outcome: Awaited<ReturnType<TaskFinisher['finish']>>,
    user: ChatUser,
    installation: Installation,
  ): Promise<ChatReply[]> {
    if (outcome.kind === 'needsSignIn') {
      return [{ kind: 'card', card: this.deps.views.signIn(user.viewer, await this.deps.signIn.signInUrl(user.key, user.viewer.locale)) }];
    }
    if (outcome.kind === 'done' || outcome.kind === 'unavailable') {
      for (const snapshot of outcome.snapshots) await this.deps.refreshCards(installation, snapshot);
    }
    return [{ kind: 'text', text: textOfOutcome(outcome, user.viewer) }];
  }

  private async list(user: ChatUser): Promise<ChatReply> {
    const open = (await this.deps.tasks.listForUser(user.key))
      .filter((s) => s.state.kind === 'open')
      .sort(byDueDate)
      .slice(0, LIST_LIMIT);
    return { kind: 'card', card: this.deps.views.taskList(open, user.viewer) };
  }

  private async redeemCode(code: string, user: ChatUser): Promise<ChatReply> {
    const result = await this.deps.signIn.redeemCode(user.key, code);
    const locale = user.viewer.locale;
    switch (result.kind) {
      case 'linked':
        return { kind: 'text', text: t(locale, 'chat.signedIn', { name: result.displayName }) };
      case 'wrong':
        return { kind: 'text', text: t(locale, 'chat.signInCodeWrong') };
      case 'limited':
        return { kind: 'text', text: t(locale, 'signin.tooManyCodes', { minutes: minutesToWait(result.retryAfterMs) }) };
    }
  }

  private async signIn(user: ChatUser): Promise<ChatReply> {
    if (await this.deps.signIn.isLinked(user.key)) {
      const name = (await this.deps.signIn.displayName(user.key)) ?? '';
      return { kind: 'text', text: t(user.viewer.locale, 'chat.alreadySignedIn', { name }) };
    }
    return { kind: 'card', card: this.deps.views.signIn(user.viewer, await this.deps.signIn.signInUrl(user.key, user.viewer.locale)) };
  }
}

/** Tasks with a due date first, soonest first; DigiOffice's zone-less timestamps of one zone sort as strings. */
function byDueDate(a: TaskSnapshot, b: TaskSnapshot): number {
  const da = a.task.ExpirationDate ?? '9999';
  const db = b.task.ExpirationDate ?? '9999';
  return da < db ? -1 : da > db ? 1 : a.task.ID - b.task.ID;
}
