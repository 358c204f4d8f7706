import type { BatchOutcome, InboundMessage } from '../../functions/src/call-logging/messages';

/**
 * A local stand-in for an SQS queue feeding a batch handler: delivers in batches, puts failed
 * messages back with their receive count raised, until the queue is empty. Used by the CLI,
 * the demo day, the reliability test and the benchmark.
 */
export interface DrainReport {
  batches: number;
  deliveries: number;
  redelivered: number;
}

export async function drainQueue(
  bodies: string[],
  handle: (batch: InboundMessage[]) => Promise<BatchOutcome>,
  options: { batchSize: number; maxRounds?: number; onBatchError?: (error: unknown) => void },
): Promise<DrainReport> {
  let queue: InboundMessage[] = bodies.map((body, i) => ({ messageId: `msg-${i}`, body, receiveCount: 1 }));
  const report: DrainReport = { batches: 0, deliveries: 0, redelivered: 0 };
  for (let round = 0; queue.length && round < (options.maxRounds ?? 50); round++) {
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
        failed = new Set(batch.map((m) => m.messageId));
      }
      for (const m of batch) if (failed.has(m.messageId)) again.push({ ...m, receiveCount: m.receiveCount + 1 });
    }
    report.redelivered += again.length;
    queue = again;
  }
  return report;
}
