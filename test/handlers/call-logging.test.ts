import type { Context } from 'aws-lambda';
import { sqsEvent } from './sqs-event';
import { handler } from '../../functions/src/handlers/log-outcome';
import { useCallLoggingDeps } from '../../functions/src/call-logging/wiring';
import { InMemoryContactStateStore } from '../../local/fakes/contact-state-memory';
import { InMemoryContactDirectory } from '../../local/fakes/contact-directory';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { MemoryCallLog } from '../call-logging/memory-call-log';
import { loadAnalysis, loadFixture } from '../call-logging/support';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { handler as importHandler } from '../../functions/src/handlers/import-analysis';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';

describe('log-outcome handler', () => {
  it('reports only the records of a contact whose Task failed (SQS partial batch response)', async () => {
    const answered = loadFixture('answered');
    const outbound = loadFixture('outbound');
    const callLog = new MemoryCallLog();
    callLog.failNext.push((w) =>
      w.contactId === '11111111-aaaa-4000-8000-000000000004'
        ? { contactId: w.contactId, ok: false, retryable: true, code: 'UNABLE_TO_LOCK_ROW', message: 'locked' }
        : undefined,
    );
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

describe('import-analysis handler', () => {
  const CONTACT = '11111111-aaaa-4000-8000-000000000001';
  const redactedKey = `connect/acme/Analysis/Voice/Redacted/2026/11/24/${CONTACT}_analysis_redacted_2026-11-24T09:07:00Z.json`;
  const record = (key: string, bucket = 'callwise-recordings') => ({ s3: { bucket: { name: bucket }, object: { key: key.replace(/:/g, '%3A') } } });
  const notification = (key: string) => ({ Records: [record(key)] });

  async function logged() {
    const answered = loadFixture('answered');
    const callLog = new MemoryCallLog();
    const deps = {
      states: new InMemoryContactStateStore(),
      decisions: { get: async (id: string) => answered.decisions.find((d) => d.contactId === id), save: async () => undefined },
      contacts: new InMemoryContactDirectory(new Map(Object.entries(answered.describeContact))),
      callLog,
      deadLetters: new InMemoryDeadLetterQueue(),
      fcrWindowDays: 7,
      analysisBucket: 'callwise-recordings',
    };
    useCallLoggingDeps(deps);
    await logContactEvents(
      answered.events.map((e, i) => ({ messageId: `e-${i}`, body: JSON.stringify(e), receiveCount: 1 })),
      deps,
    );
    return { callLog, deps };
  }

  it('reads the documented Contact Lens file named in the queued S3 notification (no CustomerMetadata: the contact id comes from the key)', async () => {
    const s3 = mockClient(S3Client);
    s3.on(GetObjectCommand, { Bucket: 'callwise-recordings', Key: redactedKey }).resolves({
      Body: { transformToString: async () => JSON.stringify(loadAnalysis('voice-2022-11-30-redacted')) } as never,
    });
    const { callLog } = await logged();
    const response = await importHandler(sqsEvent([notification(redactedKey)]), {} as Context);
    expect(response.batchItemFailures).toEqual([]);
    expect(callLog.tasks.get(CONTACT)).toMatchObject({
      Callwise_Talk_Listen_Ratio__c: 1.11,
      Callwise_Customer_Sentiment__c: 3.1,
      Callwise_Interruptions__c: 0,
    });
    s3.restore();
  });

  it('fails only the record whose S3 object cannot be read; the rest of the batch is imported', async () => {
    const s3 = mockClient(S3Client);
    const missingKey = 'connect/acme/Analysis/Voice/Redacted/2026/11/24/22222222-aaaa-4000-8000-000000000009_analysis_redacted_2026-11-24T09:08:00Z.json';
    s3.on(GetObjectCommand, { Key: redactedKey }).resolves({
      Body: { transformToString: async () => JSON.stringify(loadAnalysis('1.1.0-redacted')) } as never,
    });
    s3.on(GetObjectCommand, { Key: missingKey }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const { callLog, deps } = await logged();
    const response = await importHandler(sqsEvent([notification(missingKey), notification(redactedKey)]), {} as Context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    expect(callLog.tasks.get(CONTACT)).toMatchObject({ Callwise_Categories__c: 'Cancellation' });
    expect((deps.deadLetters as InMemoryDeadLetterQueue).letters).toEqual([]);
    s3.restore();
  });

  it.each([
    ['another bucket', [record(redactedKey, 'someone-elses-bucket')], 'someone-elses-bucket'],
    ['another bucket in one of its records', [record(redactedKey), record(redactedKey, 'someone-elses-bucket')], 'someone-elses-bucket'],
    ['no bucket', [{ s3: { object: { key: 'x.json' } } }], ''],
  ])('parks a notification naming %s with the reason, and reads nothing from S3', async (_name, records, named) => {
    const s3 = mockClient(S3Client);
    s3.on(GetObjectCommand).resolves({ Body: { transformToString: async () => JSON.stringify(loadAnalysis('1.1.0-redacted')) } as never });
    const { callLog, deps } = await logged();
    const body = { Records: records };
    const response = await importHandler(sqsEvent([body]), {} as Context);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(response.batchItemFailures).toEqual([]);
    expect((deps.deadLetters as InMemoryDeadLetterQueue).letters).toEqual([
      expect.objectContaining({
        source: 'analysis-notification',
        body: JSON.stringify(body),
        reason: `S3 notification names bucket "${named}", not the Contact Lens bucket "callwise-recordings" (CONTACT_LENS_BUCKET): not read`,
      }),
    ]);
    expect(callLog.tasks.get(CONTACT)?.Callwise_Categories__c).toBeUndefined();
    s3.restore();
  });

  it('reads nothing and retries when the deployment names no bucket', async () => {
    const s3 = mockClient(S3Client);
    const { deps } = await logged();
    useCallLoggingDeps({ ...deps, analysisBucket: undefined });
    const response = await importHandler(sqsEvent([notification(redactedKey)]), {} as Context);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    s3.restore();
  });
});
