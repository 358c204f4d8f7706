import { mulberry32 } from '../synthetic/mulberry32';

/** The demo's seeded PRNG (the same sequence for a seed on every run). */
export const seededRandom = mulberry32;

export function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
