import type { CardJson } from '../core/cardChannel';
import type { CardInputs } from '../core/cardInputs';
import type { CardViews } from '../core/cardViews';
import { isActionable, type TaskSnapshot } from '../core/task';
import type { Viewer } from '../core/viewer';
import { t } from '../i18n';
import { inputErrorLine } from '../i18n/inputErrorText';
import type { FinishOutcome } from './finishTasks';

export interface OutcomeContext {
  viewer: Viewer;
  views: CardViews;
  /** What the user typed, put back on the card whenever nothing was finished. */
  inputs: CardInputs;
  /** Only for `needsSignIn`. */
  signInUrl?: string | null;
}

/** What the clicking user sees after a card action: a card, or (when there is no card to show) a short message. */
/** `plain`: the card is the first task's card as every view of it shows it (`views.task(snapshot, viewer)`, no extras). */
export type ActionView = { kind: 'card'; card: CardJson; plain: boolean } | { kind: 'message'; text: string };

/** The card a finish/defer outcome shows to the user who clicked; what was typed stays whenever nothing was finished. */
export function viewOfOutcome(outcome: FinishOutcome, ctx: OutcomeContext): ActionView {
  const { viewer, views, inputs } = ctx;
  const locale = viewer.locale;
  if (outcome.kind === 'notYours')
    return { kind: 'message', text: t(locale, 'finish.notYours', { tasks: taskLabel(locale, outcome.taskIds) }) };
  const snapshot = outcome.snapshots[0];
  if (!snapshot) return { kind: 'message', text: t(locale, 'finish.failed') };
  const card = (extras?: Parameters<CardViews['task']>[2]): ActionView => ({
    kind: 'card',
    card: views.task(snapshot, viewer, extras),
    plain: extras === undefined,
  });
  switch (outcome.kind) {
    case 'done':
    case 'notOpen':
    case 'unavailable':
    case 'alreadyFinished':
      return card();
    case 'unknown':
      // The card says what may have happened, from the recorded unknown outcome, and offers the retry.
      return card({ inputs });
    case 'stale':
      return card({ inputs, stale: true });
    case 'inProgress':
      return card({ inputs, banner: { kind: 'info', text: t(locale, 'finish.inProgress') } });
    case 'needsSignIn':
      return card({ inputs, banner: { kind: 'error', text: t(locale, 'finish.needsSignIn') }, signInUrl: ctx.signInUrl ?? null });
    case 'invalid':
      return card({ inputs, errors: outcome.errors, banner: { kind: 'error', text: t(locale, 'finish.invalid') } });
    case 'failed':
      return card({ inputs, banner: { kind: 'error', text: t(locale, 'finish.failed') } });
  }
}

/** The answer's card when every view of the first task shows that same card (so it need not be drawn again). */
export function plainCard(view: ActionView): CardJson | undefined {
  return view.kind === 'card' && view.plain ? view.card : undefined;
}

/** The one-line chat answer to a typed finish/defer command. */
export function textOfOutcome(outcome: FinishOutcome, viewer: Viewer): string {
  const locale = viewer.locale;
  const tasks = (snapshots: TaskSnapshot[]) =>
    taskLabel(
      locale,
      snapshots.map((s) => s.task.ID),
    );
  switch (outcome.kind) {
    case 'notYours':
      return t(locale, 'finish.notYours', { tasks: taskLabel(locale, outcome.taskIds) });
    case 'done':
      return t(locale, outcome.snapshots.some((s) => s.state.kind === 'deferred') ? 'finish.doneDeferred' : 'finish.done', {
        tasks: tasks(outcome.snapshots),
      });
    case 'notOpen':
      return t(locale, 'finish.notOpen', { tasks: tasks(outcome.snapshots.filter((s) => !isActionable(s.state))) });
    case 'inProgress':
      return t(locale, 'finish.inProgress');
    case 'needsSignIn':
      return t(locale, 'finish.needsSignIn');
    case 'invalid':
      return [t(locale, 'finish.invalid'), ...outcome.errors.map((e) => inputErrorLine(locale, e))].join(' ');
    case 'unavailable':
      return t(locale, 'finish.unavailable', { tasks: tasks(outcome.snapshots) });
    case 'alreadyFinished':
      return t(locale, 'finish.alreadyFinished', { tasks: tasks(outcome.snapshots) });
    case 'unknown':
      return t(locale, 'finish.unknown', { tasks: tasks(outcome.snapshots) });
    case 'stale':
      return t(locale, 'finish.staleChat', { tasks: tasks(outcome.snapshots) });
    case 'failed':
      return t(locale, 'finish.failed');
  }
}

/** Whether the outcome changed what every card of the task shows (then each is replaced, not only the clicked one). */
export function changesEveryCard(outcome: FinishOutcome): outcome is Extract<FinishOutcome, { snapshots: TaskSnapshot[] }> {
  return ['done', 'unavailable', 'alreadyFinished', 'unknown'].includes(outcome.kind);
}

/** "task 42" or "tasks 42, 46" in the viewer's language. */
export function taskLabel(locale: Viewer['locale'], taskIds: number[]): string {
  return t(locale, 'finish.tasks', { count: taskIds.length, ids: taskIds.join(', ') });
}
