import type { Clock } from '../ports';

/** The wall clock, for the Lambdas; tests and the demo inject their own Clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads `start` now and then advances with real time (`callwise route --at`). */
export function clockStartingAt(start: Date, wallClock: () => number = Date.now): Clock {
  const offset = start.getTime() - wallClock();
  return { now: () => new Date(wallClock() + offset) };
}

/** Work did not finish within its time budget. */
export class DeadlineExceededError extends Error {
  constructor(readonly budgetMs: number) {
    super(`no answer within ${budgetMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/** Runs work against a time budget: resolves with its value, or rejects with DeadlineExceededError when the budget runs out first. */
export async function withDeadline<T>(work: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(budgetMs)), Math.max(0, budgetMs));
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
