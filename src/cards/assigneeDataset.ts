/**
 * The assignee picker's typeahead dataset: `digioffice.assignees:{taskId}`. It names the task, so the search
 * (bot/assigneeSearch.ts) knows whose transitions to ask DigiOffice about.
 */
const ASSIGNEE_DATASET_PREFIX = 'digioffice.assignees:';

export function assigneeDataset(taskId: number): string {
  return `${ASSIGNEE_DATASET_PREFIX}${taskId}`;
}

/** The task id part of an assignee dataset (NaN when it is no number); null for any other dataset. */
export function taskIdOfAssigneeDataset(dataset: string): number | null {
  return dataset.startsWith(ASSIGNEE_DATASET_PREFIX) ? Number(dataset.slice(ASSIGNEE_DATASET_PREFIX.length)) : null;
}
