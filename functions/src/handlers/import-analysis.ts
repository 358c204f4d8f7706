import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { readNotifiedObjects, UnexpectedBucketError } from '../adapters/contact-lens/analysis-objects';
import { importAnalyses } from '../call-logging/import-analysis';
import { type InboundMessage, parkMessage } from '../call-logging/call-log-sync';
import { importAnalysisDeps } from '../call-logging/import-analysis-wiring';
import { mapLimit } from '../platform/rate-limiter';
import { logger } from '../platform/observability';
import { awsClientConfig, CONCURRENCY, TIMEOUTS } from '../platform/settings';

/**
 * import-analysis: S3 notifications of Contact Lens post-call files, queued in SQS so that up to
 * 200 files share one Salesforce request → the same Call Tasks, updated (partial batch response).
 * A notification whose object cannot be read fails alone; the rest of the batch goes on. One naming
 * another bucket than CONTACT_LENS_BUCKET is parked with the reason, unread.
 */
const s3 = new S3Client(awsClientConfig(TIMEOUTS.s3));
const processor = new BatchProcessor(EventType.SQS);

export const handler = async (event: SQSEvent, context: Context) => {
  const deps = await importAnalysisDeps();
  const unread = new Set<string>();
  let refused = 0;
  const files = await mapLimit(event.Records, CONCURRENCY.analysisReads, async (r): Promise<InboundMessage[]> => {
    const receiveCount = Number(r.attributes.ApproximateReceiveCount ?? 1);
    try {
      const objects = await readNotifiedObjects(s3, r.body, deps.analysisBucket);
      return objects.map((o) => ({ messageId: r.messageId, body: o.body, objectKey: o.key, receiveCount }));
    } catch (error) {
      if (
        error instanceof UnexpectedBucketError &&
        (await parkMessage({ messageId: r.messageId, body: r.body, receiveCount }, 'analysis-notification', error.message, deps))
      ) {
        refused++;
        return [];
      }
      logger.warn('Contact Lens file could not be read; SQS will retry its message', { messageId: r.messageId, error: (error as Error).name });
      unread.add(r.messageId);
      return [];
    }
  });
  const outcome = await importAnalyses(files.flat(), deps);
  logger.info('analyses imported', {
    files: files.flat().length,
    unread: unread.size,
    refused,
    skipped: outcome.skipped ?? 0,
    written: outcome.written.length,
    failed: outcome.failedMessageIds.length,
    parked: outcome.parked,
  });
  const failed = new Set([...outcome.failedMessageIds, ...unread]);
  const recordHandler = async (record: SQSRecord) => {
    if (failed.has(record.messageId)) throw new Error(`Contact Lens analysis in message ${record.messageId} was not written; SQS will retry it`);
  };
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
