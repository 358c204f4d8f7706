import { Annotations, Duration } from 'aws-cdk-lib';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DIRECTORY_ENTITIES } from '../../functions/src/domain/directory/change-event';
import { ENV } from '../../functions/src/platform/settings';
import { CallwiseFunction } from './callwise-function';
import type { Data } from './data';
import { QueuedConsumer } from './queued-consumer';
import type { SalesforceSecret } from './secrets';
import type { CallwiseSettings } from './settings';

/** The change events the relay's channel carries, by EventBridge detail-type (the event's name). */
export const CHANGE_EVENT_DETAIL_TYPES = DIRECTORY_ENTITIES.map((entity) => `${entity}ChangeEvent`);
/** How often reconcile reads what changed since its watermark (Bulk API 2.0, SystemModstamp). */
export const RECONCILE_SCHEDULE = 'rate(15 minutes)';
export const DIRECTORY_SYNC_TIMEOUT = Duration.seconds(60);

/**
 * What the directory store's writes send (adapters/dynamodb/directory-store.ts, directory-items.ts, directory-bulk.ts):
 * records read in batches, number refs read, put and deleted, record and child items put or deleted by version,
 * many changes at once written in batches (reconcile, an overflow), summaries recomputed (Query, UpdateItem), META
 * read and updated; and the policy, whose default country normalises numbers.
 */
const DIRECTORY_WRITER_TABLES = {
  CallerDirectory: ['BatchGetItem', 'GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
  Policy: ['GetItem'],
} as const;

export interface DirectorySyncProps {
  settings: CallwiseSettings;
  data: Data;
  secret: SalesforceSecret;
}

/**
 * The caller directory kept current: Event Relay's partner event bus → a rule for the directory's
 * change events → encrypted SQS queue (dead-letter queue on the rule target and the queue) → directory-sync
 * (partial batch responses); and, on a schedule, reconcile (incremental Bulk query since its watermark).
 * Partner event bus: "Receiving events from a SaaS partner with Amazon EventBridge"
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-saas.html); the source name is the relay's
 * ("Create an Event Relay Configuration", https://developer.salesforce.com/docs/platform/event-relay/guide/create-event-relay-config.html).
 */
export class DirectorySync extends Construct {
  readonly function: CallwiseFunction;
  readonly reconcile: CallwiseFunction;
  readonly deadLetterQueue: Queue;
  readonly consumer: QueuedConsumer;
  readonly schedule: Rule;
  readonly bus?: EventBus;
  readonly rule?: Rule;

  constructor(scope: Construct, id: string, props: DirectorySyncProps) {
    super(scope, id);
    const { settings, data, secret } = props;
    // Person Accounts add the Account's person phone fields to what the directory reads.
    const people = settings.salesforcePersonAccounts ? { [ENV.salesforcePersonAccounts]: 'true' } : undefined;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = new CallwiseFunction(this, 'DirectorySync', {
      handlerName: 'directory-sync',
      description: 'Callwise directory-sync: Salesforce change events (Event Relay) → caller directory in DynamoDB',
      timeout: DIRECTORY_SYNC_TIMEOUT,
      memorySize: 512,
      logRetention: settings.logRetentionDays,
      environment: people,
    });
    data.connect(this.function, DIRECTORY_WRITER_TABLES);
    // Gap events: the records' current state is read from Salesforce.
    secret.connect(this.function);
    this.consumer = new QueuedConsumer(this, 'ChangeEvents', {
      consumer: this.function,
      deadLetterQueue: this.deadLetterQueue,
      batchSize: 100,
      // Freshness: a change reaches routing within seconds, so batches wait at most one second.
      maxBatchingWindow: Duration.seconds(1),
      maxConcurrency: 2,
    });

    this.reconcile = new CallwiseFunction(this, 'Reconcile', {
      handlerName: 'reconcile-directory',
      description: 'Callwise reconcile-directory: records changed in Salesforce since the watermark (Bulk API 2.0) → caller directory',
      timeout: Duration.minutes(10),
      memorySize: 1024,
      logRetention: settings.logRetentionDays,
      environment: people,
    });
    data.connect(this.reconcile, DIRECTORY_WRITER_TABLES);
    secret.connect(this.reconcile);
    // One reconcile at a time: two would read the same changes and race on the watermark.
    (this.reconcile.node.defaultChild as CfnFunction).reservedConcurrentExecutions = 1;
    this.schedule = new Rule(this, 'ReconcileSchedule', {
      description: 'Callwise: reconcile the caller directory with Salesforce (changes since the watermark)',
      schedule: Schedule.expression(RECONCILE_SCHEDULE),
      targets: [new LambdaFunction(this.reconcile, { retryAttempts: 2, maxEventAge: Duration.minutes(10) })],
    });

    const source = settings.eventRelaySourceName;
    if (!source) {
      Annotations.of(this).addWarning(
        'No eventRelaySourceName: no Event Relay bus or rule; the caller directory is kept current by the scheduled reconcile alone (every 15 minutes). Pass -c eventRelaySourceName=aws.partner/salesforce.com/<orgId>/<channelId>.',
      );
      return;
    }
    this.bus = new EventBus(this, 'RelayBus', { eventSourceName: source });
    this.rule = new Rule(this, 'ChangeEventsRule', {
      description: 'Salesforce change events of the caller directory (Event Relay) → Callwise directory-sync',
      eventBus: this.bus,
      eventPattern: { source: [source], detailType: CHANGE_EVENT_DETAIL_TYPES },
      targets: [new SqsQueue(this.consumer.queue, { deadLetterQueue: this.deadLetterQueue })],
    });
  }
}
