import type { Context, SQSEvent } from 'aws-lambda';
import { handler } from '../../functions/src/handlers/log-outcome';
import { useCallLoggingDeps } from '../../functions/src/app/call-log-runtime';
import { InMemoryContactStateStore } from '../../functions/src/adapters/dynamodb/contact-state-memory';
import { InMemoryContactDirectory } from '../../functions/src/adapters/connect/describe-contact';
import { InMemoryDeadLetterQueue } from '../../functions/src/adapters/sqs/dead-letter-queue';
import { MemoryCallLog } from './memory-call-log';
import { loadFixture } from './support';

const sqsEvent = (bodies: unknown[]): SQSEvent => ({
  Records: bodies.map((b, i) => ({
    messageId: `m-${i}`,
    receiptHandle: `r-${i}`,
    body: JSON.stringify(b),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:callwise-contact-events',
    awsRegion: 'eu-west-1',
  })),
});

describe('log-outcome handler', () => {
  it('reports only the records of a contact whose Task failed (SQS partial batch response)', async () => {
    const answered = loadFixture('answered');
    const outbound = loadFixture('outbound');
    const callLog = new MemoryCallLog();
    callLog.failNext.push((w) => (w.contactId === '11111111-aaaa-4000-8000-000000000004' ? { contactId: w.contactId, ok: false, retryable: true, code: 'UNABLE_TO_LOCK_ROW', message: 'locked' } : undefined));
    useCallLoggingDeps({
      states: new InMemoryContactStateStore(),
      decisions: { get: async (id) => answered.decisions.find((d) => d.contactId === id), save: async () => undefined },
      contacts: new InMemoryContactDirectory(new Map(Object.entries({ ...answered.describeContact, ...outbound.describeContact }))),
      callLog,
      deadLetters: new InMemoryDeadLetterQueue(),
      fcrWindowDays: 7,
    });
    const event = sqsEvent([...answered.events, ...outbound.events]);
    const response = await handler(event, {} as Context);
    const outboundIds = event.Records.slice(answered.events.length).map((r) => r.messageId);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(outboundIds.sort());
    expect(callLog.tasks.has('11111111-aaaa-4000-8000-000000000001')).toBe(true);
  });
});
