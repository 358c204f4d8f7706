import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, SQSEvent, SQSRecord } from 'aws-lambda';
import { importAnalyses } from '../call-logging/import-analysis';
import { callLoggingDeps } from '../call-logging/wiring';
import { logger } from '../platform/observability';

/**
 * import-analysis: S3 notifications of Contact Lens post-call files, queued in SQS so that up to
 * 200 files share one Salesforce request → the same Call Tasks, updated (partial batch response).
 */
const s3 = new S3Client({});
const processor = new BatchProcessor(EventType.SQS);

async function readFiles(record: SQSRecord): Promise<string[]> {
  const notification = JSON.parse(record.body) as Partial<S3Event>;
  return Promise.all(
    (notification.Records ?? []).map(async (r) => {
      const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
      const object = await s3.send(new GetObjectCommand({ Bucket: r.s3.bucket.name, Key: key }));
      return object.Body!.transformToString();
    }),
  );
}

export const handler = async (event: SQSEvent, context: Context) => {
  const deps = await callLoggingDeps();
  const files = await Promise.all(
    event.Records.map(async (r) => (await readFiles(r)).map((body) => ({ messageId: r.messageId, body, receiveCount: Number(r.attributes.ApproximateReceiveCount ?? 1) }))),
  );
  const outcome = await importAnalyses(files.flat(), deps);
  logger.info('analyses imported', { files: files.flat().length, written: outcome.written.length, failed: outcome.failedMessageIds.length, parked: outcome.parked });
  const failed = new Set(outcome.failedMessageIds);
  const recordHandler = async (record: SQSRecord) => {
    if (failed.has(record.messageId)) throw new Error(`Contact Lens analysis in message ${record.messageId} was not written; SQS will retry it`);
  };
  return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
};
