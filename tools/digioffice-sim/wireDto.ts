import type { SeedTransition } from './seed';
import type { StoredTask, TaskStatus } from './taskStore';

/**
 * DigiOffice objects as API Services writes them: PascalCase in declared order (docs/digioffice-contract.md), `null` for empty
 * nullable fields. Which fields are nullable is not known; unknown ones are written as null.
 */

export interface WorkflowTaskActionWire {
  BeginGroup: boolean;
  DigiOfficeIcon: string | null;
  Enabled: boolean;
  FontAwesomeIcon: string | null;
  Hint: string | null;
  Name: string;
  ShowTextForRootItems: boolean;
  Text: string;
  Url: string | null;
  Items: WorkflowTaskActionWire[];
}

export interface WorkflowTransitionWire extends SeedTransition {
  UserIDs: number[];
  GroupIDs: number[];
  RoleIDs: number[];
  DeferUntil: string | null;
  DeferralNote: string | null;
}

export type WorkflowTaskWire = Record<string, unknown> & {
  ID: number;
  Name: string;
  StatusDescription: string;
  FinishActions: WorkflowTaskActionWire[];
};

const STATUS: Record<TaskStatus, { id: number; text: string }> = {
  open: { id: 1, text: 'Open' },
  deferred: { id: 2, text: 'Deferred' },
  finished: { id: 3, text: 'Finished' },
};

export function toTransitionWire(t: SeedTransition): WorkflowTransitionWire {
  return {
    ID: t.ID,
    Name: t.Name,
    AssignmentAtStartWorkflowIsAdHoc: t.AssignmentAtStartWorkflowIsAdHoc,
    AssignmentIsAdHocRequired: t.AssignmentIsAdHocRequired,
    DeferAtStartWorkflowIsAdHoc: t.DeferAtStartWorkflowIsAdHoc,
    IsNext: t.IsNext,
    UserIDs: [],
    GroupIDs: [],
    RoleIDs: [],
    DeferUntil: null,
    DeferralNote: null,
  };
}

// [inference] FinishActions are the task's finish buttons, one per outgoing transition.
function finishAction(t: SeedTransition): WorkflowTaskActionWire {
  return {
    BeginGroup: false,
    DigiOfficeIcon: null,
    Enabled: true,
    FontAwesomeIcon: null,
    Hint: null,
    Name: t.ID,
    ShowTextForRootItems: true,
    Text: t.Name,
    Url: null,
    Items: [],
  };
}

export function toWorkflowTaskWire({ seed, state }: StoredTask): WorkflowTaskWire {
  const status = STATUS[state.status];
  const finished = state.finished;
  const open = state.status !== 'finished';
  return {
    ID: seed.id,
    Name: seed.name,
    WorkflowID: seed.workflowId,
    WorkflowDescription: seed.workflowDescription,
    RootWorkflowID: seed.workflowId,
    TransitionID: finished ? finished.transition.ID : null,
    TransitionName: finished ? finished.transition.Name : null,
    ActivationID: null,
    TypeID: 1,
    TypeDescription: 'Task',
    StatusID: status.id,
    StatusDescription: status.text,
    UserID: state.userId,
    Active: open,
    OfferedDate: seed.assignedDate,
    AssignedDate: seed.assignedDate,
    StartDate: seed.assignedDate,
    ExpirationDate: seed.expirationDate,
    Order: 1,
    Progress: finished ? 100 : 0,
    FinishedDate: finished ? finished.at : null,
    FinishedByUserID: finished ? finished.byUserId : null,
    FinishedDocumentID: null,
    Read: false,
    DeferDate: state.deferred ? state.deferred.until : null,
    DeferReason: state.deferred ? state.deferred.reason : null,
    Reason: finished ? finished.reason : null,
    Urgent: seed.urgent,
    Status: status.text,
    AvailableActions: [],
    FinishActions: open ? seed.transitions.map(finishAction) : [],
    CommentActions: [],
    DocumentActions: [],
    NumberOfComments: 0,
    RelativeDetailLink: `/workflow/tasks/${seed.id}`,
    FirstSideStepID: null,
    FirstSideStepOmschr: null,
    FirstSideStepDetailLink: null,
    IsSideStepOfWorkflowID: null,
    IsSideStepOfWorkflowOmschr: null,
    IsSideStepOfWorkflowDetailLink: null,
    IsSideStepOfTaskID: null,
  };
}
