/**
 * Teams gives an invoke (a card click) a few seconds for its answer. A click's work races this budget
 * (INVOKE_BUDGET_MS): past it the click answers with "working…" and shows the work's result when it ends.
 */
export async function raceWithBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | 'overtime'> {
  let timer: NodeJS.Timeout | undefined;
  const overtime = new Promise<'overtime'>((resolve) => {
    timer = setTimeout(() => resolve('overtime'), budgetMs);
  });
  try {
    return await Promise.race([work, overtime]);
  } finally {
    clearTimeout(timer);
  }
}
