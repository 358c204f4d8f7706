import { ConnectClient } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConnectContactDirectory } from '../adapters/connect/describe-contact';
import { DynamoDbContactStateStore } from '../adapters/dynamodb/contact-state';
import { tableName } from '../adapters/dynamodb/tables';
import { SalesforceCallLog, type SalesforceRequester } from '../adapters/salesforce/call-log';
import { SQSClient } from '@aws-sdk/client-sqs';
import { RedrivePolicyDeadLetterQueue, SqsDeadLetterQueue } from '../adapters/sqs/dead-letter-queue';
import { logger } from '../observability';
import type { CallHistory, DecisionStore } from '../ports';
import { ENV } from '../runtime-env';
import type { CallLoggingDeps } from './call-log-sync';
import { publishOutcomeMetrics } from './call-log-metrics';

/**
 * The Lambdas' call-logging dependencies, built once per container from the environment
 * (see docs/call-logging.md for the variables and permissions).
 */
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env[ENV.dynamoDbEndpoint] || undefined }), { marshallOptions: { removeUndefinedValues: true } });
const connect = new ConnectClient({});

/** The shared adapters other parts of Callwise own, loaded by their agreed names. */
interface SharedAdapters {
  decisions: DecisionStore;
  history: Pick<CallHistory, 'recent'>;
  salesforce: SalesforceRequester;
  fcrWindowDays: number;
}

async function sharedAdapters(): Promise<SharedAdapters> {
  const shared = require('./call-log-shared') as { loadSharedAdapters(client: DynamoDBDocumentClient): Promise<SharedAdapters> };
  return shared.loadSharedAdapters(dynamo);
}

/**
 * Poison messages are parked, with their reason, in the DLQ named by DEAD_LETTER_QUEUE_URL; without it
 * the event queue's redrive policy is the only dead-letter path and the reason is only logged.
 */
function deadLetterQueue() {
  const url = process.env[ENV.deadLetterQueueUrl];
  if (url) return new SqsDeadLetterQueue(new SQSClient({}), url);
  logger.warn(`${ENV.deadLetterQueueUrl} is not set: poison messages rely on the queue's redrive policy`);
  return new RedrivePolicyDeadLetterQueue((reason, source) => logger.error('poison message', { reason, source }));
}

let deps: Promise<CallLoggingDeps> | undefined;

export function callLoggingDeps(): Promise<CallLoggingDeps> {
  deps ??= sharedAdapters().then((shared) => ({
    states: new DynamoDbContactStateStore(dynamo, tableName('Contacts')),
    decisions: shared.decisions,
    history: shared.history,
    contacts: new ConnectContactDirectory(connect, process.env[ENV.connectInstanceArn] ?? ''),
    callLog: new SalesforceCallLog(shared.salesforce),
    deadLetters: deadLetterQueue(),
    fcrWindowDays: shared.fcrWindowDays,
    publish: publishOutcomeMetrics,
  }));
  deps.catch(() => (deps = undefined));
  return deps;
}

/** Local runs and tests: the handlers use these dependencies instead of the AWS ones. */
export function useCallLoggingDeps(local: CallLoggingDeps): void {
  deps = Promise.resolve(local);
}
