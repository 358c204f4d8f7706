import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV, FCR_OPEN_INDEX } from '../../functions/src/platform/settings';

import { CallwiseFunction } from './callwise-function';
import { connectArns } from './connect-instance';
import type { Data } from './data';
import { QueuedConsumer } from './queued-consumer';
import type { SalesforceSecret } from './secrets';
import type { CallwiseSettings } from './settings';

export const LOG_OUTCOME_TIMEOUT = Duration.seconds(60);
export const CONTACT_EVENT_PATTERN_DETAIL_TYPE = 'Amazon Connect Contact Event';

export interface CallLoggingProps {
  settings: CallwiseSettings;
  data: Data;
  secret: SalesforceSecret;
}

/**
 * After the call: Amazon Connect contact events of this instance (EventBridge) → encrypted SQS queue
 * → log-outcome (partial batch responses). Owns the dead-letter queue that call logging parks
 * poison messages in, with their reason, for `callwise dlq redrive`.
 */
export class CallLogging extends Construct {
  readonly function: CallwiseFunction;
  readonly deadLetterQueue: Queue;
  readonly consumer: QueuedConsumer;
  readonly rule: Rule;
  readonly closeFcr: FirstCallResolutionCloser;

  constructor(scope: Construct, id: string, props: CallLoggingProps) {
    super(scope, id);
    const { settings } = props;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.function = callLoggingFunction(this, 'LogOutcome', {
      handlerName: 'log-outcome',
      description: 'Callwise log-outcome: Amazon Connect contact events → one Call Task per contact in Salesforce',
      props,
    });
    this.consumer = new QueuedConsumer(this, 'ContactEvents', {
      consumer: this.function,
      deadLetterQueue: this.deadLetterQueue,
      batchSize: 1000,
      maxBatchingWindow: Duration.seconds(20),
      maxConcurrency: 5,
    });
    this.closeFcr = new FirstCallResolutionCloser(this, 'CloseFcr', props);
    this.rule = new Rule(this, 'ContactEventsRule', {
      description: `Amazon Connect contact events of ${settings.connectInstanceArn} → Callwise call logging`,
      eventPattern: { source: ['aws.connect'], detailType: [CONTACT_EVENT_PATTERN_DETAIL_TYPE], detail: { instanceArn: [settings.connectInstanceArn] } },
      targets: [new SqsQueue(this.consumer.queue, { deadLetterQueue: this.deadLetterQueue })],
    });
  }
}

/**
 * What log-outcome and import-analysis send: contact state and decisions (BatchGetItem, GetItem,
 * conditional UpdateItem; never a put or delete), caller history (Query, UpdateItem of the agent), the
 * policy in force and handling standard (GetItem).
 */
const CALL_LOGGING_TABLES = { Contacts: ['GetItem', 'BatchGetItem', 'UpdateItem'], CallerHistory: ['Query', 'UpdateItem'], Policy: ['GetItem'] } as const;

/** A call-logging Lambda (log-outcome, import-analysis, close-fcr): the tables it needs, the secret and Connect reads. */
export function callLoggingFunction(
  scope: Construct,
  id: string,
  options: {
    handlerName: string;
    description: string;
    props: CallLoggingProps;
    tables?: Parameters<Data['connect']>[1];
    queryIndexes?: Parameters<Data['connect']>[2];
  },
): CallwiseFunction {
  const { settings, data, secret } = options.props;
  const fn = new CallwiseFunction(scope, id, {
    handlerName: options.handlerName,
    description: options.description,
    timeout: LOG_OUTCOME_TIMEOUT,
    memorySize: 1024,
    logRetention: settings.logRetentionDays,
    environment: {
      [ENV.connectInstanceArn]: settings.connectInstanceArn,
      ...(settings.connectAccessUrl ? { [ENV.connectAccessUrl]: settings.connectAccessUrl } : {}),
    },
  });
  data.connect(fn, options.tables ?? CALL_LOGGING_TABLES, options.queryIndexes);
  secret.connect(fn);
  const arns = connectArns(settings.connectInstanceArn);
  fn.addToRolePolicy(new PolicyStatement({ actions: ['connect:DescribeContact', 'connect:GetContactAttributes'], resources: [arns.contacts] }));
  // Queue names are not in contact events: DescribeQueue (cached) when the routing decision does not name the queue.
  fn.addToRolePolicy(new PolicyStatement({ actions: ['connect:DescribeQueue'], resources: [arns.queues] }));
  return fn;
}

/** How often close-fcr runs: windows are days long, so an hour's delay is of no consequence. */
export const CLOSE_FCR_SCHEDULE = 'rate(1 hour)';

/**
 * First-call resolution in AWS: on a schedule, close-fcr finds the calls whose FCR window ran out (the
 * Contacts table's sparse FcrOpen index), marks them resolved and updates their Call Tasks. One run at
 * a time (reserved concurrency 1); Contacts read and update only (Query on the index only, no put or delete),
 * CallerHistory Query only.
 */
export class FirstCallResolutionCloser extends Construct {
  readonly function: CallwiseFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: CallLoggingProps) {
    super(scope, id);
    this.function = callLoggingFunction(this, 'CloseFcr', {
      handlerName: 'close-fcr',
      description: 'Callwise close-fcr: first-call-resolution windows that ran out → resolved Call Tasks in Salesforce',
      props,
      // Only Tasks already written are closed: caller history is read (repeat check), never written.
      tables: { Contacts: ['GetItem', 'BatchGetItem', 'UpdateItem'], CallerHistory: ['Query'], Policy: ['GetItem'] },
      queryIndexes: { Contacts: [FCR_OPEN_INDEX.name] },
    });
    (this.function.node.defaultChild as CfnFunction).reservedConcurrentExecutions = 1;
    this.rule = new Rule(this, 'Schedule', {
      description: 'Callwise: close first-call-resolution windows that ran out',
      schedule: Schedule.expression(CLOSE_FCR_SCHEDULE),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2, maxEventAge: Duration.minutes(30) })],
    });
  }
}
