import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_MAX_RECEIVES } from '../../functions/src/call-logging/call-log-sync';
import { ENV } from '../../functions/src/platform/settings';
import type { CallwiseFunction } from './callwise-function';

/** AWS's advice for SQS → Lambda: visibility timeout ≥ 6 × function timeout + batching window. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface QueuedConsumerProps {
  consumer: CallwiseFunction;
  deadLetterQueue: IQueue;
  /** Records per invocation: one Salesforce request carries up to 200 Tasks, so larger batches save API calls. */
  batchSize: number;
  maxBatchingWindow: Duration;
  /** Concurrent invocations at most: keeps Salesforce API usage and DynamoDB contention bounded. */
  maxConcurrency: number;
}

/**
 * An encrypted SQS queue feeding one function with partial batch responses. After
 * DEFAULT_MAX_RECEIVES receives the handler parks a message itself (with its reason); the queue's
 * redrive policy is the last line of defence and moves it to the same dead-letter queue.
 */
export class QueuedConsumer extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: QueuedConsumerProps) {
    super(scope, id);
    const timeout = props.consumer.timeout ?? Duration.seconds(3);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * timeout.toSeconds() + props.maxBatchingWindow.toSeconds()),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: props.deadLetterQueue, maxReceiveCount: DEFAULT_MAX_RECEIVES },
    });
    props.consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        maxBatchingWindow: props.maxBatchingWindow,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );
    props.consumer.addEnvironment(ENV.deadLetterQueueUrl, props.deadLetterQueue.queueUrl);
    props.deadLetterQueue.grantSendMessages(props.consumer);
  }
}
