export type { Command, CommandProblem, DeferUntil, InvalidCommand, TaskAction } from './command';
export { splitAssignees, type TypedAssignees } from './assigneeNames';
export { parseCommand, type ParseOptions } from './parseCommand';
export { MAX_TASK_ID, MAX_TASK_IDS } from './taskIds';
export { STOP_WORDS } from './stopWords';
