import type { InvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { taskIdOfAssigneeDataset } from '../cards/assigneeDataset';
import type { AssigneeDirectory } from '../core/assigneeDirectory';
import type { Logger } from '../core/logger';
import type { ActAsUser } from '../core/session';
import type { TaskStore } from '../tasks/taskStore';
import type { ActivityUser } from './activityContext';
import { invokeResponses } from './invokeResponses';

/** The `application/search` invoke value Teams sends for a dynamic typeahead (Input.ChoiceSet with a data query). */
export const SearchInvokeValue = z.object({
  queryText: z.string().default(''),
  dataset: z.string().default(''),
  queryOptions: z
    .object({ skip: z.number().int().min(0).default(0), top: z.number().int().min(1).max(50).default(15) })
    .partial()
    .default({}),
});

/** Answers the assignee picker's typeahead with DigiOffice's users and groups for the task's ad-hoc transition. */
export class AssigneeSearch {
  constructor(private readonly deps: { tasks: TaskStore; session: ActAsUser; directory: AssigneeDirectory; logger: Logger }) {}

  async handle(user: ActivityUser, value: unknown): Promise<InvokeResponse> {
    const parsed = SearchInvokeValue.safeParse(value);
    const taskId = parsed.success ? taskIdOfAssigneeDataset(parsed.data.dataset) : null;
    if (!parsed.success || taskId === null) return invokeResponses.error(400, 'UnknownDataset', 'Unknown search dataset.');
    const stored = Number.isInteger(taskId) ? await this.deps.tasks.get(user.key, taskId) : null;
    const transition = stored?.snapshot.transitions.find((t) => t.AssignmentIsAdHocRequired || t.AssignmentAtStartWorkflowIsAdHoc);
    if (!transition) return invokeResponses.searchResults([]);
    try {
      const results = await this.deps.session.callAsUser(user.key, (bearer) =>
        this.deps.directory.searchAssignees(transition.ID, parsed.data.queryText, bearer, parsed.data.queryOptions.top ?? 15),
      );
      return invokeResponses.searchResults(results);
    } catch (err) {
      this.deps.logger.warn({ taskId, err: err instanceof Error ? err.message : String(err) }, 'assignee search failed');
      return invokeResponses.searchResults([]);
    }
  }
}
