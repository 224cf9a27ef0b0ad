export { parseActionData, type ActionParseResult, type ParsedAction } from './actionData';
export { bindCardViews, type CardDeployment } from './cardViews';
export { renderHelpCard } from './helpCard';
export { renderSignInCard } from './signInCard';
export { renderTaskCard, type TaskCardView } from './taskCard';
export { renderTaskListCard, TASK_LIST_LIMIT, type TaskListView } from './taskListCard';
export { bindChatViews } from './chatViews';
export { renderChoicesCard, renderChosenCard, MAX_CHOICES } from './chatChoicesCard';
export { CHAT_RUN_VERB, parseChatRunData, type ChatRunResult } from './chatRunData';
