import type { CardInputs, FieldError } from '../core/cardInputs';
import type { FinishCommand } from '../core/finishCommand';
import type { StoredTransition, TaskSnapshot } from '../core/task';
import { checkFinishInputs } from './finishInputs';

/** What the user asked for: finish with a transition (by id from a card, by name from chat), or defer. */
export interface FinishChoice {
  verb: 'task.finish' | 'task.defer';
  transition: { id: string } | { name: string } | null;
  inputs: CardInputs;
  /** The user's IANA zone for their date inputs. */
  userZone: string;
}

/** One FinishTaskOperation to post: the checked command, and the transition's name for the recorded outcome. */
export interface PlannedOperation {
  command: FinishCommand;
  transitionName: string | null;
}

export type FinishPlan = { ok: true; operations: PlannedOperation[] } | { ok: false; errors: FieldError[] };

/**
 * Plans a click or typed command on open tasks: every task must offer the chosen transition; tasks that share a
 * transition go out in one operation; every operation's inputs are checked against what the bot stored. Pure.
 */
export function planFinish(choice: FinishChoice, snapshots: TaskSnapshot[], now: Date): FinishPlan {
  const groups = new Map<string, { taskIds: number[]; snapshot: TaskSnapshot; transition: StoredTransition | null }>();
  for (const snapshot of snapshots) {
    const transition = choice.verb === 'task.finish' ? findTransition(snapshot, choice.transition) : null;
    if (choice.verb === 'task.finish' && !transition) {
      const params = { id: String(snapshot.task.ID), offered: snapshot.transitions.map((t) => t.Name).join(', ') };
      return { ok: false, errors: [{ field: 'transition', code: 'transitionNotOffered', params }] };
    }
    const groupKey = transition?.ID ?? 'defer';
    const group = groups.get(groupKey) ?? { taskIds: [], snapshot, transition };
    group.taskIds.push(snapshot.task.ID);
    groups.set(groupKey, group);
  }
  const operations: PlannedOperation[] = [];
  for (const group of groups.values()) {
    const checked = checkFinishInputs({
      verb: choice.verb,
      taskIds: group.taskIds,
      transition: group.transition,
      inputs: choice.inputs,
      reasonRequired: group.snapshot.reasonRequired,
      commentRequired: group.snapshot.commentRequired,
      userZone: choice.userZone,
      now,
    });
    if (!checked.ok) return { ok: false, errors: checked.errors };
    operations.push({ command: checked.command, transitionName: group.transition?.Name ?? null });
  }
  return { ok: true, operations };
}

/** The stored transition the choice names: by id (a GUID, stored normalised) or by name, case-insensitively. */
function findTransition(snapshot: TaskSnapshot, chosen: FinishChoice['transition']): StoredTransition | null {
  if (!chosen) return null;
  if ('id' in chosen) return snapshot.transitions.find((t) => t.ID === chosen.id.toLowerCase()) ?? null;
  const name = chosen.name.trim().toLowerCase();
  return snapshot.transitions.find((t) => t.Name.toLowerCase() === name) ?? null;
}
