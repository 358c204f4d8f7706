import { progressBar, type ProgressOptions } from './progress';

/**
 * The demo day's phases (routing, logging events, importing analyses, closing FCR windows, building
 * the summary): each shows its progress, and records how far it got and, if it failed, why, so a
 * failure reports what was done and what was not instead of losing the day.
 */
export interface PhaseRecord {
  name: string;
  unit: string;
  total: number;
  done: number;
  seconds: number;
  status: 'done' | 'failed' | 'not run';
  error?: string;
}

/** A phase that cannot finish says so with this error (its message is what the summary prints). */
export class PhaseIncompleteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhaseIncompleteError';
  }
}

export class PhaseRunner {
  readonly phases: PhaseRecord[] = [];

  constructor(private readonly progress: ProgressOptions & { show?: boolean } = {}) {}

  get failed(): boolean {
    return this.phases.some((p) => p.status === 'failed');
  }

  /** Runs the phase unless an earlier one failed; `body` reports progress through `advance`. */
  async run(name: string, unit: string, total: number, body: (advance: (done: number) => void) => Promise<void>): Promise<boolean> {
    const record: PhaseRecord = { name, unit, total, done: 0, seconds: 0, status: 'not run' };
    this.phases.push(record);
    if (this.failed) return false;
    const now = this.progress.now ?? (() => performance.now());
    const started = now();
    const bar = this.progress.show === false ? undefined : progressBar(name, total, { ...this.progress, unit });
    const advance = (done: number) => {
      record.done = done;
      bar?.update(done);
    };
    try {
      await body(advance);
      record.status = 'done';
      bar?.finish();
    } catch (error) {
      record.status = 'failed';
      record.error = error instanceof PhaseIncompleteError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
      bar?.finish(record.error);
    }
    record.seconds = (now() - started) / 1000;
    return record.status === 'done';
  }
}
