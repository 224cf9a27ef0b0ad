import type { FinishCommand } from '../core/finishCommand';
import { storedTransition } from '../core/task';
import { formatDigiOfficeDate } from './dates';
import type { FinishTaskOperation } from './dto';

/** Where the operation goes: DigiOffice's zone for its zone-less timestamps, and the optional WSVerbindingID. */
export interface FinishTarget {
  digiOfficeZone: string;
  wsVerbindingId: string | null;
}

/**
 * A checked finish command as DigiOffice's FinishTaskOperation: every property present (null, never undefined), in
 * the order of DigiOffice's metadata page, dates as DigiOffice writes them. The stored transition goes back as
 * DigiOffice sent it (ID, Name, flags); only assignees and deferral are the user's.
 */
export function toFinishTaskOperation(command: FinishCommand, target: FinishTarget): FinishTaskOperation {
  const date = (instant: Date | null) => (instant ? formatDigiOfficeDate(instant, target.digiOfficeZone) : null);
  const chosen = command.transition;
  return {
    TaskIDs: [...command.taskIds],
    WSVerbindingID: target.wsVerbindingId?.trim() ? target.wsVerbindingId : null,
    Transitions: chosen
      ? [
          {
            ...storedTransition(chosen.stored),
            UserIDs: [...chosen.assignees.user],
            GroupIDs: [...chosen.assignees.group],
            RoleIDs: [...chosen.assignees.role],
            DeferUntil: date(chosen.deferUntil),
            DeferralNote: chosen.deferralNote,
          },
        ]
      : null,
    DeferTo: date(command.deferTo),
    Reason: command.reason,
    Comment: command.comment,
  };
}
