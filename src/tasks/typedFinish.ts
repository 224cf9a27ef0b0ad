import { splitAssignees, type Command } from '../commands';
import type { AssigneeDirectory } from '../core/assigneeDirectory';
import type { CardViews } from '../core/cardViews';
import type { ChatViews } from '../core/chatViews';
import type { Installation } from '../core/installation';
import type { Logger } from '../core/logger';
import type { ActAsUser } from '../core/session';
import type { StoredTransition, TaskSnapshot } from '../core/task';
import { t } from '../i18n';
import { choicesReply, textReply, type ChatReply, type ChatTurn } from './chatTurn';
import type { FinishOutcome, TaskFinisher } from './finishTasks';
import { changesEveryCard, taskLabel, textOfOutcome } from './outcomeView';
import type { TaskStore } from './taskStore';
import { chooseTransition } from './transitionMatch';
import { TypedAssignees } from './typedAssignees';

export interface TypedFinishDeps {
  tasks: TaskStore;
  finisher: TaskFinisher;
  views: CardViews;
  chatViews: ChatViews;
  session: ActAsUser;
  directory: AssigneeDirectory;
  logger: Logger;
  signInCard(turn: ChatTurn): Promise<ChatReply>;
  /** Replaces the task's existing cards after it was finished from chat. */
  refreshCards(installation: Installation, snapshot: TaskSnapshot): Promise<void>;
}

/** The step a typed finish names (with the comment after it), or what to answer instead. */
type StepChoice = { kind: 'step'; transition: StoredTransition; comment: string | null } | { kind: 'reply'; reply: ChatReply };

/**
 * Finishes and defers tasks from typed commands: finds the step by its words, asks back when several steps match,
 * settles the typed assignees in DigiOffice, and hands the result to the finisher as a card click would.
 */
export class TypedFinish {
  private readonly assignees: TypedAssignees;

  constructor(private readonly deps: TypedFinishDeps) {
    this.assignees = new TypedAssignees(deps);
  }

  async finish(taskIds: number[], rest: string, turn: ChatTurn): Promise<ChatReply[]> {
    const locale = turn.user.viewer.locale;
    const { found, missing } = await this.deps.tasks.getMany(turn.user.key, taskIds);
    if (missing.length > 0) return [textReply(t(locale, 'chat.unknownTasks', { ids: missing.join(', ') }))];
    const step = this.chooseStep(
      rest,
      taskIds,
      found.map((f) => f.snapshot),
      turn,
    );
    if (step.kind === 'reply') return [step.reply];
    const { transition } = step;
    const typed = takesAssignees(transition) ? splitAssignees(step.comment) : { names: [], comment: step.comment };
    if (typed.names.length === 0 && transition.AssignmentIsAdHocRequired) {
      const tasks = taskLabel(locale, taskIds);
      const example = t(locale, 'chat.assigneesExample', { tasks, step: transition.Name });
      return [textReply(t(locale, 'chat.assigneesNeeded', { step: transition.Name, tasks, example }))];
    }
    let assignees: string[] = [];
    if (typed.names.length > 0) {
      const resolved = await this.assignees.resolve(typed.names, transition, taskIds, turn);
      if (resolved.kind === 'signIn') return [await this.deps.signInCard(turn)];
      if (resolved.kind === 'reply') return [resolved.reply];
      assignees = resolved.values;
    }
    await turn.working();
    const outcome = await this.deps.finisher.finish({
      user: turn.user.key,
      verb: 'task.finish',
      taskIds,
      read: found.map((f) => f.snapshot),
      transition: { name: transition.Name },
      inputs: { ...(typed.comment ? { comment: typed.comment } : {}), ...(assignees.length > 0 ? { assignees: assignees.join(',') } : {}) },
      userZone: turn.user.viewer.timezone,
    });
    return this.answer(outcome, turn);
  }

  async defer(command: Extract<Command, { kind: 'defer' }>, turn: ChatTurn): Promise<ChatReply[]> {
    await turn.working();
    const outcome = await this.deps.finisher.finish({
      user: turn.user.key,
      verb: 'task.defer',
      taskIds: command.taskIds,
      transition: null,
      inputs: {
        deferToDate: command.until.date,
        ...(command.until.time ? { deferToTime: command.until.time } : {}),
        ...(command.reason ? { reason: command.reason } : {}),
      },
      userZone: turn.user.viewer.timezone,
    });
    return this.answer(outcome, turn);
  }

  /**
   * The step every task's transitions match: a task without a matching step is answered with the steps it offers;
   * several equally good steps are asked back, one button each, unless an earlier button settled which one.
   */
  private chooseStep(rest: string, taskIds: number[], snapshots: TaskSnapshot[], turn: ChatTurn): StepChoice {
    const locale = turn.user.viewer.locale;
    const choices = snapshots.map((snapshot) => ({ snapshot, choice: chooseTransition(rest, snapshot.transitions) }));
    const unmatched = choices.find(({ choice }) => choice.kind === 'none');
    if (unmatched) {
      const offered = unmatched.snapshot.transitions.map((tr) => tr.Name).join(', ');
      return { kind: 'reply', reply: textReply(t(locale, 'chat.noSuchTransition', { id: unmatched.snapshot.task.ID, offered })) };
    }
    const ambiguous = choices.map(({ choice }) => choice).find((choice) => choice.kind === 'ambiguous');
    if (ambiguous) {
      const pinned = ambiguous.transitions.find((transition) => transition.Name === turn.pins.step);
      if (pinned) return { kind: 'step', transition: pinned, comment: ambiguous.comment };
      const names = [...new Set(ambiguous.transitions.map((transition) => transition.Name))];
      const buttons = names.map((name) => ({ title: name, run: { ...turn.pins, text: turn.text, step: name } }));
      const question = t(locale, 'chat.whichStep', { tasks: taskLabel(locale, taskIds) });
      return { kind: 'reply', reply: choicesReply(this.deps.chatViews, turn.user.viewer, question, buttons) };
    }
    const first = choices[0]?.choice;
    if (first?.kind !== 'match') return { kind: 'reply', reply: textReply(t(locale, 'chat.unknownTasks', { ids: taskIds.join(', ') })) };
    return { kind: 'step', transition: first.transition, comment: first.comment };
  }

  private async answer(outcome: FinishOutcome, turn: ChatTurn): Promise<ChatReply[]> {
    const viewer = turn.user.viewer;
    if (outcome.kind === 'needsSignIn') return [await this.deps.signInCard(turn)];
    if (changesEveryCard(outcome)) {
      for (const snapshot of outcome.snapshots) await this.deps.refreshCards(turn.installation, snapshot);
    }
    const deferred = outcome.kind === 'done' ? deferredUntil(outcome.snapshots) : null;
    if (deferred) {
      const tasks = taskLabel(viewer.locale, deferred.taskIds);
      return [textReply(t(viewer.locale, 'chat.deferred', { tasks, until: this.deps.chatViews.moment(deferred.until, viewer) }))];
    }
    return [textReply(textOfOutcome(outcome, viewer))];
  }
}

function takesAssignees(transition: StoredTransition): boolean {
  return transition.AssignmentAtStartWorkflowIsAdHoc || transition.AssignmentIsAdHocRequired;
}

/** When every task of a done command is now deferred (one command defers them all to one moment): until when. */
function deferredUntil(snapshots: TaskSnapshot[]): { taskIds: number[]; until: string } | null {
  const [first] = snapshots;
  if (first?.state.kind !== 'deferred' || !snapshots.every((s) => s.state.kind === 'deferred')) return null;
  return { taskIds: snapshots.map((s) => s.task.ID), until: first.state.until };
}
