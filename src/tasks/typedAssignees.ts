import type { AssigneeDirectory } from '../core/assigneeDirectory';
import type { ChatViews } from '../core/chatViews';
import type { Logger } from '../core/logger';
import { SignInRequiredError, type ActAsUser } from '../core/session';
import type { StoredTransition } from '../core/task';
import { t } from '../i18n';
import { pickAssignee } from './assigneeMatch';
import { choicesReply, textReply, type ChatReply, type ChatTurn } from './chatTurn';
import { taskLabel } from './outcomeView';

export interface TypedAssigneeDeps {
  session: ActAsUser;
  directory: AssigneeDirectory;
  chatViews: ChatViews;
  logger: Logger;
}

export type AssigneeResolution =
  /** DigiOffice assignee values (`user:14`), one per typed name, in the typed order. */
  | { kind: 'resolved'; values: string[] }
  /** A question or an answer instead: several matches, none, a sign-in needed, DigiOffice not answering. */
  | { kind: 'reply'; reply: ChatReply }
  | { kind: 'signIn' };

/** How many of DigiOffice's matches are weighed: enough for a whole-word match to be among many partial ones. */
const SEARCH_PAGE_SIZE = 50;

/**
 * Turns the names typed after a step ("to Jan de Vries, Finance") into DigiOffice assignees, searching DigiOffice for
 * that step as the user. One match per name is taken as `pickAssignee` rules; several are asked back with a button
 * each, which runs the command again with that name settled (and the names settled before it).
 */
export class TypedAssignees {
  constructor(private readonly deps: TypedAssigneeDeps) {}

  async resolve(names: string[], transition: StoredTransition, taskIds: number[], turn: ChatTurn): Promise<AssigneeResolution> {
    const settled = new Map(Object.entries(turn.pins.assignees ?? {}));
    const values: string[] = [];
    for (const name of names) {
      const pinned = settled.get(name);
      if (pinned !== undefined) {
        values.push(pinned);
        continue;
      }
      const found = await this.search(transition, name, turn);
      if (found.kind !== 'found') return found;
      const pick = pickAssignee(name, found.candidates);
      const locale = turn.user.viewer.locale;
      if (pick.kind === 'none') {
        return { kind: 'reply', reply: textReply(t(locale, 'chat.assigneeNotFound', { name, tasks: taskLabel(locale, taskIds) })) };
      }
      if (pick.kind === 'several') {
        const choices = pick.candidates.map((candidate) => ({
          title: candidate.title,
          run: { text: turn.text, step: transition.Name, assignees: { ...Object.fromEntries(settled), [name]: candidate.value } },
        }));
        const question = t(locale, 'chat.whichAssignee', { name });
        return { kind: 'reply', reply: choicesReply(this.deps.chatViews, turn.user.viewer, question, choices) };
      }
      settled.set(name, pick.pick.value);
      values.push(pick.pick.value);
    }
    return { kind: 'resolved', values: [...new Set(values)] };
  }

  private async search(
    transition: StoredTransition,
    name: string,
    turn: ChatTurn,
  ): Promise<{ kind: 'found'; candidates: Array<{ title: string; value: string }> } | Exclude<AssigneeResolution, { kind: 'resolved' }>> {
    await turn.working();
    try {
      const candidates = await this.deps.session.callAsUser(turn.user.key, (bearer) =>
        this.deps.directory.searchAssignees(transition.ID, name, bearer, SEARCH_PAGE_SIZE),
      );
      return { kind: 'found', candidates };
    } catch (err) {
      if (err instanceof SignInRequiredError) return { kind: 'signIn' };
      this.deps.logger.warn(
        { transitionId: transition.ID, err: err instanceof Error ? err.message : String(err) },
        'assignee search failed',
      );
      return { kind: 'reply', reply: textReply(t(turn.user.viewer.locale, 'finish.failed')) };
    }
  }
}
