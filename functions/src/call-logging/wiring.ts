import { ConnectClient } from '@aws-sdk/client-connect';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ConnectContactDirectory } from '../adapters/connect/describe-contact';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbContactStateStore } from '../adapters/dynamodb/contact-state';
import { tableName } from '../adapters/dynamodb/tables';
import { SalesforceCallLog } from '../adapters/salesforce/call-log';
import { RedrivePolicyDeadLetterQueue, SqsDeadLetterQueue } from '../adapters/sqs/dead-letter-queue';
import { logger } from '../platform/observability';
import { contactLensOutput, ENV } from '../platform/settings';
import { loadSharedAdapters } from './shared-wiring';
import type { CallLoggingDeps } from './call-log-sync';
import { publishOutcomeMetrics } from './metrics';

/**
 * The Lambdas' call-logging dependencies, built once per container from the environment
 * (see docs/call-logging.md for the variables and permissions).
 */
// Call logging is not on the caller's clock: patient timeouts, more attempts than routing.
const dynamo = createDocumentClient(process.env, { connectionTimeoutMs: 1_000, requestTimeoutMs: 5_000, maxAttempts: 4 });
const connect = new ConnectClient({});

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
  deps ??= loadSharedAdapters(dynamo).then((shared) => ({
    states: new DynamoDbContactStateStore(dynamo, tableName('Contacts')),
    decisions: shared.decisions,
    history: shared.history,
    contacts: new ConnectContactDirectory(connect, process.env[ENV.connectInstanceArn] ?? ''),
    callLog: new SalesforceCallLog(shared.salesforce),
    deadLetters: deadLetterQueue(),
    fcrWindowDays: shared.fcrWindowDays,
    analysisOutput: contactLensOutput(),
    publish: publishOutcomeMetrics,
  }));
  deps.catch(() => (deps = undefined));
  return deps;
}

/** Local runs and tests: the handlers use these dependencies instead of the AWS ones. */
export function useCallLoggingDeps(local: CallLoggingDeps): void {
  deps = Promise.resolve(local);
}
