/**
 * `work`, or 'overtime' when it has not settled within `budgetMs`. Teams gives an invoke (a card click) a few seconds
 * for its answer: a click's work races INVOKE_BUDGET_MS, past which it answers with "working…" and shows the work's
 * result when it ends. The channel's authentication races its own timeout the same way (adapter.ts).
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
