import type { QueueMetrics, QueueStatus } from '../../functions/src/ports';

/** A quiet queue: nobody waiting, one agent free. */
export const QUIET_QUEUE: QueueMetrics = { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 1 };

/**
 * Queue status for local runs (no Amazon Connect): each queue reports what was last `set` for it,
 * else the `quiet` metrics. Deterministic, so the demo can make a queue busy and watch overflow.
 */
export class SimulatedQueueStatus implements QueueStatus {
  private readonly metrics = new Map<string, QueueMetrics>();

  constructor(
    initial: Record<string, QueueMetrics> = {},
    private readonly quiet: QueueMetrics = QUIET_QUEUE,
  ) {
    for (const [arn, metrics] of Object.entries(initial)) this.set(arn, metrics);
  }

  /** Sets a queue's metrics; fields left out keep their current value. */
  set(queueArn: string, metrics: Partial<QueueMetrics>): void {
    this.metrics.set(queueArn, { ...(this.metrics.get(queueArn) ?? this.quiet), ...metrics });
  }

  /** Back to the quiet metrics (one queue, or all). */
  reset(queueArn?: string): void {
    if (queueArn === undefined) this.metrics.clear();
    else this.metrics.delete(queueArn);
  }

  async current(queueArns: string[]): Promise<Record<string, QueueMetrics>> {
    return Object.fromEntries(queueArns.map((arn) => [arn, { ...(this.metrics.get(arn) ?? this.quiet) }]));
  }
}
