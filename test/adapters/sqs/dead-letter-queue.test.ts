import { mockClient } from 'aws-sdk-client-mock';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DeadLetterQueueError,
  DeadLetterQueueUnavailableError,
  RedrivePolicyDeadLetterQueue,
  SqsDeadLetterQueue,
} from '../../../functions/src/adapters/sqs/dead-letter-queue';
import { ManualClock } from '../dynamodb/support';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/callwise-call-logging-dlq';

function message(
  n: number,
  attributes: Record<string, string> = { reason: `bad ${n}`, source: 'contact-event', parkedAt: '2026-03-02T10:00:00.000Z' },
): Message {
  return {
    MessageId: `m-${n}`,
    ReceiptHandle: `rh-${n}`,
    Body: `{"n":${n}}`,
    Attributes: { SentTimestamp: '1772445600000' },
    MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
  };
}

describe('SqsDeadLetterQueue (SQS via aws-sdk-client-mock)', () => {
  const sqs = mockClient(SQSClient);
  const clock = new ManualClock(new Date('2026-03-02T10:00:00.000Z'));
  const queue = () => new SqsDeadLetterQueue(new SQSClient({ region: 'us-east-1' }), QUEUE_URL, { clock, visibilityTimeoutSeconds: 120 });
  afterEach(() => sqs.reset());

  it('parks the body unchanged, with reason, source and parkedAt as message attributes', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const body = '{"detail":{"contactId":"c-1"},"odd":"ünïcode ✓"}';

    await queue().park({ body, source: 'contact-event', reason: 'InvalidContactEventError: no ContactId' });

    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: body,
      MessageAttributes: {
        reason: { DataType: 'String', StringValue: 'InvalidContactEventError: no ContactId' },
        source: { DataType: 'String', StringValue: 'contact-event' },
        parkedAt: { DataType: 'String', StringValue: '2026-03-02T10:00:00.000Z' },
      },
    });
  });

  it('refuses an empty body (SQS would) with a clear error, and keeps empty attributes valid', async () => {
    sqs.on(SendMessageCommand).resolves({});
    await expect(queue().park({ body: '', source: 'analysis', reason: 'x' })).rejects.toThrow(DeadLetterQueueError);
    await queue().park({ body: 'x', source: '', reason: '' });
    expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageAttributes?.reason?.StringValue).toBe('-');
  });

  it('lists in rounds of at most 10, hiding what it read, until it has max', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: Array.from({ length: 10 }, (_, i) => message(i)) })
      .resolvesOnce({ Messages: Array.from({ length: 10 }, (_, i) => message(10 + i)) })
      .resolvesOnce({ Messages: Array.from({ length: 5 }, (_, i) => message(20 + i)) });

    const letters = await queue().list(25);

    expect(letters).toHaveLength(25);
    expect(letters[3]).toEqual({ id: 'rh-3', body: '{"n":3}', source: 'contact-event', reason: 'bad 3', parkedAt: '2026-03-02T10:00:00.000Z' });
    const inputs = sqs.commandCalls(ReceiveMessageCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.MaxNumberOfMessages)).toEqual([10, 10, 5]);
    expect(inputs[0]).toMatchObject({
      QueueUrl: QUEUE_URL,
      VisibilityTimeout: 120,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp'],
    });
  });

  it('stops when a round comes back empty, and skips a message it already has', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message(1), message(2)] })
      .resolvesOnce({ Messages: [message(2)] })
      .resolves({ Messages: [] });
    expect((await queue().list(50)).map((l) => l.id)).toEqual(['rh-1', 'rh-2']);
    expect(sqs.commandCalls(ReceiveMessageCommand)).toHaveLength(3);
  });

  it('falls back to the SentTimestamp for a message parked by the redrive policy (no attributes)', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message(7, {})] })
      .resolves({});
    expect(await queue().list(10)).toEqual([{ id: 'rh-7', body: '{"n":7}', source: '', reason: '', parkedAt: '2026-03-02T10:00:00.000Z' }]);
  });

  it('removes by receipt handle in batches of 10', async () => {
    sqs
      .on(DeleteMessageBatchCommand)
      .callsFake(async (input: { Entries: Array<{ Id: string }> }) => ({ Successful: input.Entries.map((e) => ({ Id: e.Id })), Failed: [] }));
    const ids = Array.from({ length: 12 }, (_, i) => `rh-${i}`);

    await queue().remove(ids);

    const batches = sqs.commandCalls(DeleteMessageBatchCommand).map((c) => c.args[0].input);
    expect(batches.map((b) => b.Entries?.map((e) => e.ReceiptHandle))).toEqual([ids.slice(0, 10), ids.slice(10)]);
    expect(batches[1]).toEqual({
      QueueUrl: QUEUE_URL,
      Entries: [
        { Id: '0', ReceiptHandle: 'rh-10' },
        { Id: '1', ReceiptHandle: 'rh-11' },
      ],
    });
  });

  it('says which removals failed', async () => {
    sqs
      .on(DeleteMessageBatchCommand)
      .resolves({ Successful: [{ Id: '0' }], Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid', Message: 'expired', SenderFault: true }] });
    await expect(queue().remove(['rh-1', 'rh-2'])).rejects.toThrow(/1 of 2 parked messages could not be removed \(ReceiptHandleIsInvalid: expired\)/);
  });

  it('does nothing for nothing', async () => {
    await queue().remove([]);
    expect(await queue().list(0)).toEqual([]);
    expect(sqs.calls()).toHaveLength(0);
  });
});

describe('RedrivePolicyDeadLetterQueue (no queue URL configured)', () => {
  it('logs the reason and refuses, so the redrive policy parks the message', async () => {
    const logged: string[] = [];
    const queue = new RedrivePolicyDeadLetterQueue((reason, source) => logged.push(`${source}: ${reason}`));
    await expect(queue.park({ body: '{}', source: 'analysis', reason: 'bad file' })).rejects.toThrow(DeadLetterQueueUnavailableError);
    await expect(queue.list()).rejects.toThrow(/DEAD_LETTER_QUEUE_URL/);
    expect(logged).toEqual(['analysis: bad file']);
  });
});
