/** The DigiOffice API Services simulator: used by integration/e2e tests and `npm run demo`. Independent of src/. */
export { createDigiOfficeSimulator, type DigiOfficeSimulator, type DigiOfficeSimulatorOptions } from './simulator';
export {
  SEED,
  TRANSITION_IDS,
  type SeedGroup,
  type SeedTask,
  type SeedTeamsIdentity,
  type SeedTransition,
  type SeedUser,
  type SimulatorSeed,
} from './seed';
export { notificationFor, type NotificationRecipient, type TaskEvent, type TaskNotification } from './notification';
export type { RecordedRequest } from './recorder';
export type { ChosenTransition, DeferralRecord, FinishRecord, TaskState, TaskStatus } from './taskStore';
export type { UnknownTaskStatus } from './taskAccess';
export type { WorkflowTaskWire, WorkflowTransitionWire } from './wireDto';
export type { ErrorBody, ResponseErrorWire } from './errors';
