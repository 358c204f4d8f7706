import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logContactEvents } from '../call-logging/log-outcome';
import { callLoggingDeps } from '../call-logging/wiring';
import { logger } from '../platform/observability';

/**
 * log-outcome: SQS batches of Amazon Connect contact events (from EventBridge) → Call Tasks.
 * The batch is logged together (one Salesforce request per 200 Tasks); records whose contact failed
 * are reported back to SQS (partial batch response) and only those are retried.
 */
const processor = new BatchProcessor(EventType.SQS);

export const handler = async (event: SQSEvent, context: Context) => {
  const deps = await callLoggingDeps();
  const outcome = await logContactEvents(
    event.Records.map((r) => ({ messageId: r.messageId, body: r.body, receiveCount: Number(r.attributes.ApproximateReceiveCount ?? 1) })),
    deps,
  );
  logger.info('contact events logged', {
    records: event.Records.length,
    written: outcome.written.length,
    failed: outcome.failedMessageIds.length,
    parked: outcome.parked,
  });
  const failed = new Set(outcome.failedMessageIds);
  const recordHandler = async (record: SQSRecord) => {
    if (failed.has(record.messageId)) throw new Error(`Call Task for the contact in message ${record.messageId} was not written; SQS will retry it`);
  };
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
