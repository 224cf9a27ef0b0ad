import { TRANSITION_IDS } from '../../tools/digioffice-sim';

/** The full FinishTaskOperation the bot must post for "Approve" on seeded invoice tasks (42, 45, 46). */
export function approveInvoice(taskIds: number[], comment: string | null) {
  return {
    TaskIDs: taskIds,
    WSVerbindingID: null,
    Transitions: [
      {
        ID: TRANSITION_IDS.invoiceApprove,
        Name: 'Approve',
        AssignmentAtStartWorkflowIsAdHoc: false,
        AssignmentIsAdHocRequired: false,
        DeferAtStartWorkflowIsAdHoc: false,
        IsNext: true,
        UserIDs: [],
        GroupIDs: [],
        RoleIDs: [],
        DeferUntil: null,
        DeferralNote: null,
      },
    ],
    DeferTo: null,
    Reason: null,
    Comment: comment,
  };
}
