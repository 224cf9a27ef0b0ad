import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { parseActionData, type ParsedAction } from '../cards/actionData';
import type { CardChannel, CardJson } from '../core/cardChannel';
import type { CardViews } from '../core/cardViews';
import type { Installation } from '../core/installation';
import type { Logger } from '../core/logger';
import type { TaskSnapshot } from '../core/task';
import { viewerOf, type Viewer } from '../core/viewer';
import { t } from '../i18n';
import type { FinishOutcome, TaskFinisher } from '../tasks/finishTasks';
import { changesEveryCard, plainCard, taskLabel, viewOfOutcome, type ActionView } from '../tasks/outcomeView';
import type { TaskStore } from '../tasks/taskStore';
import type { ActivityUser } from './activityContext';
import type { BackgroundWork } from './backgroundWork';
import type { CardSignIn } from './cardSignIn';
import { raceWithBudget } from './invokeBudget';
import { invokeResponses } from './invokeResponses';

/**
 * The `adaptiveCard/action` invoke value, parsed at the edge: Teams sends `{action: {type, verb, data}, trigger}`, where
 * `data` is the button's data merged with the card's input values.
 */
export const AdaptiveCardActionValue = z.object({
  action: z.object({ type: z.string(), verb: z.string().optional(), data: z.unknown().optional() }),
  trigger: z.string().optional(),
  /** The one-time code of a sign-in, when Teams sends the action again after its login request. */
  state: z.string().optional(),
});

export interface CardActionDeps {
  tasks: TaskStore;
  finisher: TaskFinisher;
  views: CardViews;
  channel: CardChannel;
  background: BackgroundWork;
  logger: Logger;
  signIn: CardSignIn;
  /** `rendered`: the snapshot's card for the installation's viewer, when the caller has it already. */
  refreshCards(installation: Installation, snapshot: TaskSnapshot, rendered?: CardJson): Promise<void>;
  /** How long the invoke waits for DigiOffice before answering with a "working…" card. */
  invokeBudgetMs: number;
  /** The zone of a user whose Teams client sent none (DIGIOFFICE_TIMEZONE). */
  digiOfficeZone: string;
}

/** Handles card clicks (`task.finish`, `task.defer`, `task.show`) and refreshes (`task.refresh`) (docs/architecture.md, "A card click"). */
/** What finishing after a "working…" answer needs of the click. */
interface LaterFinish {
  user: ActivityUser;
  viewer: Viewer;
  installation: Installation;
  action: Extract<ParsedAction, { verb: 'task.finish' | 'task.defer' }>;
  snapshot: TaskSnapshot | null;
  replace: (card: CardJson) => Promise<void>;
}

export class CardActions {
  constructor(private readonly deps: CardActionDeps) {}

  async handle(
    context: TurnContext,
    user: ActivityUser,
    installation: Installation,
    verb: string | undefined,
    data: unknown,
    state?: string,
  ): Promise<InvokeResponse> {
    // The capture that produced `installation` already took this activity's locale and time zone.
    const viewer = viewerOf(installation, this.deps.digiOfficeZone);
    const parsed = parseActionData(verb ?? '', data);
    if (!parsed.ok) {
      if ('unknownVerb' in parsed)
        return invokeResponses.error(400, 'UnknownVerb', t(user.locale, 'action.unknownVerb', { verb: verb ?? '' }));
      return invokeResponses.error(400, 'InvalidActionData', parsed.errors.map((e) => `${e.field ?? 'data'}: ${e.message}`).join('; '));
    }
    const action = parsed.action;
    if (action.verb === 'task.refresh') return this.refresh(user, viewer, action.taskIds);
    if (state) {
      const refused = await this.deps.signIn.redeemState(user, state);
      if (refused) return refused;
    }
    const clickedCardId = context.activity.replyToId ?? null;
    const read =
      clickedCardId && action.taskIds.length === 1 ? await this.deps.tasks.addCard(user.key, action.taskIds[0] ?? 0, clickedCardId) : null;

    if (action.verb === 'task.show') return this.show(user, viewer, action.taskIds);
    return this.finish(user, viewer, installation, action, clickedCardId, read);
  }

  /**
   * Universal Actions' refresh (cards/task.json): Teams asks for the card again when the viewer sees it — on its own
   * (trigger `automatic`) or from the card's menu. The answer is the task's current card for this viewer, drawn from
   * what the bot stored and in the zone the installation knows now: no DigiOffice call, nothing written.
   */
  private async refresh(user: ActivityUser, viewer: Viewer, taskIds: number[]): Promise<InvokeResponse> {
    return this.show(user, viewer, taskIds);
  }

  private async show(user: ActivityUser, viewer: Viewer, taskIds: number[]): Promise<InvokeResponse> {
    const { found } = await this.deps.tasks.getMany(user.key, taskIds.slice(0, 1));
    const snapshot = found[0]?.snapshot;
    if (!snapshot) return invokeResponses.message(t(viewer.locale, 'finish.notYours', { tasks: taskLabel(viewer.locale, taskIds) }));
    return invokeResponses.card(this.deps.views.task(snapshot, viewer));
  }

  private async finish(
    user: ActivityUser,
    viewer: Viewer,
    installation: Installation,
    action: Extract<ParsedAction, { verb: 'task.finish' | 'task.defer' }>,
    clickedCardId: string | null,
    read: TaskSnapshot | null,
  ): Promise<InvokeResponse> {
    const attempt = this.deps.finisher.finish({
      user: user.key,
      verb: action.verb,
      taskIds: action.taskIds,
      ...(action.cardRevision !== undefined ? { cardRevision: action.cardRevision } : {}),
      // The task as remembering the card read it: the finisher need not read it again before its locks.
      ...(read ? { read: [read] } : {}),
      transition: action.verb === 'task.finish' ? { id: action.transitionId } : null,
      inputs: action.inputs,
      userZone: viewer.timezone,
    });
    const inTime = await raceWithBudget(attempt, this.deps.invokeBudgetMs);
    // Teams asks the user to sign in and then sends this action again, with the inputs and a code: nothing is lost.
    if (inTime !== 'overtime' && inTime.kind === 'needsSignIn') return this.deps.signIn.loginRequest(user);
    if (inTime !== 'overtime') return this.answer(await this.present(inTime, user, viewer, action), inTime, installation);

    // DigiOffice is slow: answer now with a "working…" card, replace it when the call ends.
    const { found } = await this.deps.tasks.getMany(user.key, action.taskIds.slice(0, 1));
    const snapshot = found[0]?.snapshot ?? null;
    const replace = async (card: CardJson): Promise<void> => {
      if (!clickedCardId || !snapshot) return;
      await this.deps.channel.updateCard(installation.reference, clickedCardId, {
        card,
        summary: this.deps.views.taskSummary(snapshot, viewer),
      });
    };
    this.deps.background.run('slow finish', () => this.finishLater(attempt, { user, viewer, installation, action, snapshot, replace }));
    if (!snapshot) return invokeResponses.message(t(viewer.locale, 'finish.working'));
    return invokeResponses.card(
      this.deps.views.task(snapshot, viewer, { banner: { kind: 'working', text: t(viewer.locale, 'finish.working') } }),
    );
  }

  /** After a "working…" answer: the clicked card (`replace`) and every other view of the task show how it ended. */
  private async finishLater(attempt: Promise<FinishOutcome>, later: LaterFinish): Promise<void> {
    const { user, viewer, installation, action, snapshot, replace } = later;
    const outcome = await attempt.catch(async (err: unknown) => {
      // The card must not go on saying "working…", nor lose what was typed, when the attempt fails.
      const banner = { kind: 'error' as const, text: t(viewer.locale, 'error.internal') };
      // The attempt's error is the one logged; a failed replacement only adds a warning.
      if (snapshot) {
        await replace(this.deps.views.task(snapshot, viewer, { inputs: action.inputs, banner })).catch((replaceErr: unknown) =>
          this.deps.logger.warn({ err: replaceErr }, 'the "working…" card could not be replaced'),
        );
      }
      throw err;
    });
    const view = await this.present(outcome, user, viewer, action);
    if (view.kind === 'card') await replace(view.card);
    await this.refreshAll(outcome, installation, plainCard(view));
  }

  private answer(view: ActionView, outcome: FinishOutcome, installation: Installation): InvokeResponse {
    this.deps.background.run('refresh cards', () => this.refreshAll(outcome, installation, plainCard(view)));
    return view.kind === 'card' ? invokeResponses.card(view.card) : invokeResponses.message(view.text);
  }

  /**
   * Every view of a task whose state changed shows it (updateActivity on each card). `firstCard`: the first task's
   * plain card as the answer showed it, drawn for the same viewer.
   */
  private async refreshAll(outcome: FinishOutcome, installation: Installation, firstCard?: CardJson): Promise<void> {
    if (!changesEveryCard(outcome)) return;
    for (const [i, snapshot] of outcome.snapshots.entries()) {
      await this.deps.refreshCards(installation, snapshot, i === 0 ? firstCard : undefined);
    }
  }

  private async present(
    outcome: FinishOutcome,
    user: ActivityUser,
    viewer: Viewer,
    action: Extract<ParsedAction, { verb: 'task.finish' | 'task.defer' }>,
  ): Promise<ActionView> {
    const signInUrl = outcome.kind === 'needsSignIn' ? await this.deps.signIn.url(user) : null;
    return viewOfOutcome(outcome, { viewer, views: this.deps.views, inputs: action.inputs, signInUrl });
  }
}
