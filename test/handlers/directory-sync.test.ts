import type { Context, SQSEvent } from 'aws-lambda';
import type { ApplyOutcome } from '../../functions/src/ports';
import { useDirectorySyncDeps, syncFields } from '../../functions/src/directory/wiring';
import { handler } from '../../functions/src/handlers/directory-sync';
import { metrics } from '../../functions/src/platform/observability';
import { ManualClock } from '../../local/fakes/clock';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { loadEventRelayFixture } from '../fixtures/event-relay/load';

const sqsEvent = (bodies: unknown[]): SQSEvent => ({
  Records: bodies.map((b, i) => ({
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body: JSON.stringify(b),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:callwise-directory-changes',
    awsRegion: 'eu-west-1',
  })),
});

describe('directory-sync handler', () => {
  it('reports only the messages whose records were not written (SQS partial batch response)', async () => {
    const written: string[] = [];
    useDirectorySyncDeps({
      store: {
        records: async () => new Map(),
        updateMeta: async () => undefined,
        remove: async (): Promise<ApplyOutcome> => 'applied',
        apply: async (entity, fields): Promise<ApplyOutcome> => {
          if (entity === 'Case') throw new Error('DynamoDB did not answer');
          written.push(String(fields.Id));
          return 'applied';
        },
      },
      salesforce: { read: async () => new Map() },
      reconcile: async () => undefined,
      deadLetters: new InMemoryDeadLetterQueue(),
      clock: new ManualClock('2026-11-29T15:00:00.000Z'),
      fields: syncFields(false),
    });
    const addMetric = jest.spyOn(metrics, 'addMetric');
    jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const event = sqsEvent([...loadEventRelayFixture('contact-create'), ...loadEventRelayFixture('case-create')]);
    const response = await handler(event, {} as Context);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(written).toEqual(['003Dm0000000901IAA']);
    expect(addMetric).toHaveBeenCalledWith('DirectoryChangesApplied', 'Count', 1);
  });
});
