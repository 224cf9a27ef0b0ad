/** A person, group or role DigiOffice offers for a transition: its title and the assignee value (`user:14`, `group:3`). */
export interface AssigneeCandidate {
  title: string;
  value: string;
}

/** DigiOffice's search of the users and groups a transition may be handed to, called with the user's own token. */
export interface AssigneeDirectory {
  searchAssignees(transitionId: string, query: string, bearerToken: string, pageSize: number): Promise<AssigneeCandidate[]>;
}
