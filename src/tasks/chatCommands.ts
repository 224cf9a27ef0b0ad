import type { Command } from '../commands';
import type { AssigneeDirectory } from '../core/assigneeDirectory';
import type { CardViews } from '../core/cardViews';
import type { ChatViews } from '../core/chatViews';
import type { Installation } from '../core/installation';
import type { Logger } from '../core/logger';
import type { ActAsUser } from '../core/session';
import type { SignInPort } from '../core/signIn';
import { isActionable, type TaskSnapshot } from '../core/task';
import { minutesToWait, t } from '../i18n';
import { choicesReply, textReply, type ChatReply, type ChatTurn } from './chatTurn';
import type { TaskFinisher } from './finishTasks';
import type { TaskStore } from './taskStore';
import { TypedFinish } from './typedFinish';

export type { ChatReply, ChatTurn, ChatUser } from './chatTurn';

export interface ChatDeps {
  tasks: TaskStore;
  finisher: TaskFinisher;
  views: CardViews;
  chatViews: ChatViews;
  signIn: SignInPort;
  /** DigiOffice as the user, for the assignee search of typed names. */
  session: ActAsUser;
  directory: AssigneeDirectory;
  logger: Logger;
  /** Replaces the task's existing cards after it was finished from chat. */
  refreshCards(installation: Installation, snapshot: TaskSnapshot): Promise<void>;
}

/** Runs a parsed chat command for the user (the commands are listed in docs/chat-grammar.md). */
export class ChatCommands {
  private readonly typed: TypedFinish;

  constructor(private readonly deps: ChatDeps) {
    this.typed = new TypedFinish({ ...deps, signInCard: (turn) => this.signInCard(turn) });
  }

  async run(command: Command, turn: ChatTurn): Promise<ChatReply[]> {
    const { viewer } = turn.user;
    switch (command.kind) {
      case 'help':
        return [{ kind: 'card', card: this.deps.views.help(viewer), summary: t(viewer.locale, 'help.title') }];
      case 'unknown':
        return [textReply(t(viewer.locale, 'chat.unknown'))];
      case 'didYouMean': {
        const question = t(viewer.locale, 'chat.didYouMean', { text: command.text });
        const choice = { title: command.text, run: { text: command.text } };
        return [choicesReply(this.deps.chatViews, viewer, question, [choice])];
      }
      case 'invalid':
        return [textReply(t(viewer.locale, 'chat.invalid', { detail: command.detail }))];
      case 'list':
        return [await this.list(turn)];
      case 'signIn':
        return [await this.signIn(turn)];
      case 'signInCode':
        return [await this.redeemCode(command.code, turn)];
      case 'signOut':
        await this.deps.signIn.signOut(turn.user.key);
        return [textReply(t(viewer.locale, 'chat.signedOut'))];
      case 'finish':
        return command.rest === null ? this.show(command.taskIds, turn) : this.typed.finish(command.taskIds, command.rest, turn);
      case 'defer':
        return this.typed.defer(command, turn);
    }
  }

  private async show(taskIds: number[], turn: ChatTurn): Promise<ChatReply[]> {
    const { found, missing } = await this.deps.tasks.getMany(turn.user.key, taskIds);
    const replies: ChatReply[] = found.map(({ snapshot }) => ({
      kind: 'card',
      card: this.deps.views.task(snapshot, turn.user.viewer),
      summary: this.deps.views.taskSummary(snapshot, turn.user.viewer),
      taskId: snapshot.task.ID,
    }));
    if (missing.length > 0) replies.push(textReply(t(turn.user.viewer.locale, 'chat.unknownTasks', { ids: missing.join(', ') })));
    return replies;
  }

  /** Every task the user can still act on (open or deferred), soonest due first; the card counts them all. */
  private async list(turn: ChatTurn): Promise<ChatReply> {
    const actionable = (await this.deps.tasks.listForUser(turn.user.key)).filter((s) => isActionable(s.state)).sort(byDueDate);
    const { viewer } = turn.user;
    return {
      kind: 'card',
      card: this.deps.views.taskList(actionable, viewer),
      summary: t(viewer.locale, 'list.title', { count: actionable.length }),
    };
  }

  private async signIn(turn: ChatTurn): Promise<ChatReply> {
    if (await this.deps.signIn.isLinked(turn.user.key)) {
      const name = (await this.deps.signIn.displayName(turn.user.key)) ?? '';
      return textReply(t(turn.user.viewer.locale, 'chat.alreadySignedIn', { name }));
    }
    return this.signInCard(turn);
  }

  private async redeemCode(code: string, turn: ChatTurn): Promise<ChatReply> {
    const result = await this.deps.signIn.redeem(turn.user.key, code);
    const locale = turn.user.viewer.locale;
    switch (result.kind) {
      case 'linked':
        return textReply(t(locale, 'chat.signedIn', { name: result.displayName }));
      case 'wrong':
        return textReply(t(locale, 'chat.signInCodeWrong'));
      case 'limited':
        return textReply(t(locale, 'signin.tooManyCodes', { minutes: minutesToWait(result.retryAfterMs) }));
    }
  }

  private async signInCard(turn: ChatTurn): Promise<ChatReply> {
    const { key, viewer } = turn.user;
    const card = this.deps.views.signIn(viewer, await this.deps.signIn.signInUrl(key, viewer.locale));
    return { kind: 'card', card, summary: t(viewer.locale, 'signinCard.title') };
  }
}

/** Tasks with a due date first, soonest first; DigiOffice's zone-less timestamps of one zone sort as strings. */
function byDueDate(a: TaskSnapshot, b: TaskSnapshot): number {
  const da = a.task.ExpirationDate ?? '9999';
  const db = b.task.ExpirationDate ?? '9999';
  return da < db ? -1 : da > db ? 1 : a.task.ID - b.task.ID;
}
