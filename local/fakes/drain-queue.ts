import type { BatchOutcome, InboundMessage } from '../../functions/src/call-logging/call-log-sync';

/**
 * A local stand-in for an SQS queue feeding a batch handler: delivers in batches, puts failed
 * messages back with their receive count raised, until the queue is empty. Used by the CLI,
 * the demo day, the reliability test and the benchmark.
 */
export interface DrainReport {
  batches: number;
  deliveries: number;
  redelivered: number;
  /** Messages still failing when the rounds ran out (a queue would hand them to its DLQ). */
  undelivered: number;
  /** The last error of a crashed batch, if any. */
  lastError?: unknown;
}

export interface DrainOptions {
  batchSize: number;
  maxRounds?: number;
  onBatchError?: (error: unknown) => void;
  /** After each batch: how many messages have been handled without failure so far. */
  onHandled?: (handled: number) => void;
  /** First message id number (ids stay unique when one run drains several pages). */
  firstId?: number;
}

export async function drainQueue(bodies: string[], handle: (batch: InboundMessage[]) => Promise<BatchOutcome>, options: DrainOptions): Promise<DrainReport> {
  const first = options.firstId ?? 0;
  let queue: InboundMessage[] = bodies.map((body, i) => ({ messageId: `msg-${first + i}`, body, receiveCount: 1 }));
  const report: DrainReport = { batches: 0, deliveries: 0, redelivered: 0, undelivered: 0 };
  const maxRounds = options.maxRounds ?? 50;
  let handled = 0;
  for (let round = 0; queue.length && round < maxRounds; round++) {
    const again: InboundMessage[] = [];
    for (let i = 0; i < queue.length; i += options.batchSize) {
      const batch = queue.slice(i, i + options.batchSize);
      report.batches++;
      report.deliveries += batch.length;
      let failed: Set<string>;
      try {
        failed = new Set((await handle(batch)).failedMessageIds);
      } catch (error) {
        // A crashed invocation: SQS delivers the whole batch again.
        options.onBatchError?.(error);
        report.lastError = error;
        failed = new Set(batch.map((m) => m.messageId));
      }
      for (const m of batch) if (failed.has(m.messageId)) again.push({ ...m, receiveCount: m.receiveCount + 1 });
      handled += batch.length - batch.filter((m) => failed.has(m.messageId)).length;
      options.onHandled?.(handled);
    }
    report.redelivered += again.length;
    queue = again;
  }
  report.undelivered = queue.length;
  return report;
}
