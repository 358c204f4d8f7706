import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Clock, DeadLetter, DeadLetterQueue } from '../../ports';
import { systemClock } from '../../platform/time';

/**
 * Dead-letter queues for call logging in AWS: an SQS queue (SqsDeadLetterQueue), or, without one,
 * the source queue's redrive policy (RedrivePolicyDeadLetterQueue). Local runs and tests use the
 * file and in-memory queues in local/fakes/dead-letter-queue.ts.
 */
export class DeadLetterQueueUnavailableError extends Error {
  constructor(what: string) {
    super(
      `${what}: no dead-letter queue is configured (set DEAD_LETTER_QUEUE_URL to use SqsDeadLetterQueue); meanwhile the source queue's redrive policy parks poison messages`,
    );
    this.name = 'DeadLetterQueueUnavailableError';
  }
}

/**
 * When no dead-letter queue URL is configured: a park logs the reason (by message, never the body)
 * and refuses, so the message fails and the source queue's redrive policy moves it to its DLQ.
 */
export class RedrivePolicyDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly log: (reason: string, source: string) => void) {}

  async park(letter: Omit<DeadLetter, 'id' | 'parkedAt'>): Promise<void> {
    this.log(letter.reason, letter.source);
    throw new DeadLetterQueueUnavailableError('Parking a message');
  }

  async list(): Promise<DeadLetter[]> {
    throw new DeadLetterQueueUnavailableError('Listing parked messages');
  }

  async remove(): Promise<void> {
    throw new DeadLetterQueueUnavailableError('Removing parked messages');
  }
}

export class DeadLetterQueueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadLetterQueueError';
  }
}

export interface SqsDeadLetterQueueOptions {
  clock?: Clock;
  /** How long listed messages stay hidden from other readers, so they can be redriven and removed. */
  visibilityTimeoutSeconds?: number;
}

/** SQS limits: 10 messages per receive or batch; message attribute values must not be empty. */
const SQS_BATCH = 10;
const attribute = (value: string) => ({ DataType: 'String', StringValue: value || '-' });

/**
 * The dead-letter queue in AWS: an SQS queue. A parked message keeps its original body unchanged
 * (so it can be redriven) and carries reason, source and parkedAt as message attributes. A listed
 * letter's id is its receipt handle: remove() deletes by it while the message is still hidden.
 */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  private readonly clock: Clock;
  private readonly visibilityTimeoutSeconds: number;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    options: SqsDeadLetterQueueOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 300;
  }

  async park(letter: Omit<DeadLetter, 'id' | 'parkedAt'>): Promise<void> {
    if (!letter.body) throw new DeadLetterQueueError(`A ${letter.source || 'message'} with an empty body cannot be parked: SQS refuses empty messages`);
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: letter.body,
        MessageAttributes: {
          reason: attribute(letter.reason.slice(0, 1000)),
          source: attribute(letter.source),
          parkedAt: attribute(this.clock.now().toISOString()),
        },
      }),
    );
  }

  /** Receives up to `max` parked messages, in rounds of 10, until the queue has no more to give. */
  async list(max: number): Promise<DeadLetter[]> {
    const letters = new Map<string, DeadLetter>();
    while (letters.size < max) {
      const out = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: Math.min(SQS_BATCH, max - letters.size),
          VisibilityTimeout: this.visibilityTimeoutSeconds,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      const messages = out.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) if (message.MessageId && !letters.has(message.MessageId)) letters.set(message.MessageId, toLetter(message));
    }
    return [...letters.values()].slice(0, max);
  }

  async remove(ids: string[]): Promise<void> {
    const failures: string[] = [];
    for (let i = 0; i < ids.length; i += SQS_BATCH) {
      const batch = ids.slice(i, i + SQS_BATCH);
      const out = await this.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch.map((receiptHandle, n) => ({ Id: String(n), ReceiptHandle: receiptHandle })) }),
      );
      for (const failed of out.Failed ?? []) failures.push(`${failed.Code ?? 'error'}: ${failed.Message ?? ''}`.trim());
    }
    if (failures.length > 0) {
      throw new DeadLetterQueueError(
        `${failures.length} of ${ids.length} parked messages could not be removed (${failures.slice(0, 3).join('; ')}): list them again and retry`,
      );
    }
  }
}

function toLetter(message: Message): DeadLetter {
  const attr = (name: string) => message.MessageAttributes?.[name]?.StringValue ?? '';
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    id: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    source: attr('source'),
    reason: attr('reason'),
    parkedAt: attr('parkedAt') || (Number.isFinite(sent) && sent > 0 ? new Date(sent).toISOString() : ''),
  };
}
