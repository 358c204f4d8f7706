import type { Clock } from '../../functions/src/ports';

/**
 * The one settable clock of the tests, the demo and the benchmarks: it reads `start` until it is
 * `set` or `advance`d; with `tickMs` each reading also moves it on (so successive writes get
 * distinct, ordered timestamps). It never reads the real time: every user says when it starts.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(
    start: Date | string,
    private readonly tickMs = 0,
  ) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    const at = new Date(this.current);
    this.current += this.tickMs;
    return at;
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
