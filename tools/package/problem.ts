/** One thing wrong with an app package. `where` names the field or file, e.g. `manifest.bots[0].botId`. */
export interface Problem {
  where: string;
  message: string;
}

export const problem = (where: string, message: string): Problem => ({ where, message });

export const formatProblem = (p: Problem): string => `${p.where}: ${p.message}`;
