import { SEED, TRANSITION_IDS } from '../../tools/digioffice-sim';

/** The full FinishTaskOperation the bot must post for one of the seed's transitions, handed to these users. */
function finishOperation(taskIds: number[], transitionId: string, userIds: number[], comment: string | null) {
  const transition = SEED.tasks.flatMap((task) => task.transitions).find((tr) => tr.ID === transitionId);
  if (!transition) throw new Error(`no seed transition ${transitionId}`);
  return {
    TaskIDs: taskIds,
    WSVerbindingID: null,
    Transitions: [{ ...transition, UserIDs: userIds, GroupIDs: [], RoleIDs: [], DeferUntil: null, DeferralNote: null }],
    DeferTo: null,
    Reason: null,
    Comment: comment,
  };
}

/** "Approve" on seeded invoice tasks (42, 45, 46). */
export function approveInvoice(taskIds: number[], comment: string | null) {
  return finishOperation(taskIds, TRANSITION_IDS.invoiceApprove, [], comment);
}

/** "Forward for review" on task 43, handed to these DigiOffice users. */
export function forwardDrawing(userIds: number[], comment: string | null) {
  return finishOperation([43], TRANSITION_IDS.drawingForward, userIds, comment);
}
