import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { syncChanges } from '../directory/sync-changes';
import { directorySyncDeps } from '../directory/wiring';
import { logger, metrics, MetricUnit } from '../platform/observability';

/**
 * directory-sync: SQS batches of Salesforce change events (Event Relay → EventBridge) → the caller directory.
 * The batch is applied together (grouped per record, in commit order); messages whose records were not
 * written go back to SQS (partial batch response) and only those are retried.
 */
const processor = new BatchProcessor(EventType.SQS);

export const handler = async (event: SQSEvent, context: Context) => {
  const deps = await directorySyncDeps();
  const outcome = await syncChanges(
    event.Records.map((r) => ({ messageId: r.messageId, body: r.body, receiveCount: Number(r.attributes.ApproximateReceiveCount ?? 1) })),
    deps,
  );
  const { applied, stale, refetched, parked, reconciled } = outcome;
  logger.info('change events applied', {
    records: event.Records.length,
    applied,
    stale,
    refetched,
    parked,
    reconciled,
    failed: outcome.failedMessageIds.length,
  });
  metrics.addMetric('DirectoryChangesApplied', MetricUnit.Count, applied);
  metrics.addMetric('DirectoryChangesStale', MetricUnit.Count, stale);
  metrics.addMetric('DirectoryRecordsRefetched', MetricUnit.Count, refetched);
  metrics.publishStoredMetrics();
  const failed = new Set(outcome.failedMessageIds);
  const recordHandler = async (record: SQSRecord) => {
    if (failed.has(record.messageId)) throw new Error(`The change event in message ${record.messageId} was not applied to the directory; SQS will retry it`);
  };
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
