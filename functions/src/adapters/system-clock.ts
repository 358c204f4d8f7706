import type { Clock } from '../ports';

/** The wall clock, for the Lambdas; tests and the demo inject their own Clock. */
export const systemClock: Clock = { now: () => new Date() };
