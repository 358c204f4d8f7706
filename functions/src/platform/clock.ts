import type { Clock } from '../ports';

/** The wall clock, for the Lambdas; tests and the demo inject their own Clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that reads `start` now and then advances with real time (`callwise route --at`). */
export function clockStartingAt(start: Date, wallClock: () => number = Date.now): Clock {
  const offset = start.getTime() - wallClock();
  return { now: () => new Date(wallClock() + offset) };
}
