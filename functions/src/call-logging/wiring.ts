import { ConnectClient } from '@aws-sdk/client-connect';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ConnectContactDirectory } from '../adapters/connect/describe-contact';
import { DynamoDbCallHistory } from '../adapters/dynamodb/call-history';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbContactStateStore } from '../adapters/dynamodb/contact-state';
import { DynamoDbDecisionStore } from '../adapters/dynamodb/decision-store';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { awsClientConfig, tableName, CONNECT_API_LIMIT, contactLensOutput, ENV, TIMEOUTS } from '../platform/settings';
import { SalesforceCallLog } from '../adapters/salesforce/call-log';
import { salesforceFromSecret } from '../adapters/salesforce/connection';
import { RedrivePolicyDeadLetterQueue, SqsDeadLetterQueue } from '../adapters/sqs/dead-letter-queue';
import { outcomeDataPoints } from '../domain/outcome/call-metrics';
import { outcomeTrust, type CallOutcome, type UntrustedField } from '../domain/outcome/outcome';
import { systemClock } from '../platform/time';
import { livePolicyRefreshSeconds, policyProvider } from '../platform/live-policy';
import { logger, metrics, MetricUnit, publishMetrics } from '../platform/observability';
import { RateLimiter } from '../platform/rate-limiter';
import type { CallLoggingDeps } from './call-log-sync';

/**
 * The call-logging Lambdas' dependencies (log-outcome, import-analysis), built once per container
 * from the environment (see docs/call-logging.md for the variables and permissions): the contact
 * state, the routing decisions and caller history that routing stored, DescribeContact, Salesforce
 * (JWT, credentials from Secrets Manager) and the dead-letter queue.
 */
export const dynamo = createDocumentClient(process.env, TIMEOUTS.callLoggingDynamoDb);
// Throttling is retried by the shared limiter's backoff (each retry takes a turn), not again by the SDK (maxAttempts 1).
const connect = new ConnectClient(awsClientConfig(TIMEOUTS.callLoggingConnect));
const connectLimiter = new RateLimiter(CONNECT_API_LIMIT);
const secrets = new SecretsManagerClient(awsClientConfig(TIMEOUTS.secretsManager));

let deps: Promise<CallLoggingDeps> | undefined;
let usingLocalDeps = false;

/** True when a local run or test has put in its own dependencies (useCallLoggingDeps). */
export const callLoggingDepsAreLocal = (): boolean => usingLocalDeps;

export function callLoggingDeps(): Promise<CallLoggingDeps> {
  deps ??= awsDeps(process.env);
  deps.catch(() => (deps = undefined));
  return deps;
}

/** Local runs and tests: the handlers use these dependencies instead of the AWS ones. */
export function useCallLoggingDeps(local: CallLoggingDeps): void {
  usingLocalDeps = true;
  deps = Promise.resolve(local);
}

async function awsDeps(env: NodeJS.ProcessEnv): Promise<CallLoggingDeps> {
  const secretArn = env[ENV.salesforceSecretArn];
  if (!secretArn) throw new Error(`${ENV.salesforceSecretArn} is not set: call logging needs the Salesforce credentials secret`);
  const clock = systemClock;
  const policy = policyProvider(new DynamoDbPolicyStore(dynamo, tableName('Policy', env), clock, livePolicyRefreshSeconds));
  // Credentials are read at each sign-in, so a rotated key is picked up without a redeploy.
  const salesforce = salesforceFromSecret(secrets, secretArn, { timeoutMs: TIMEOUTS.batchSalesforceMs });
  await salesforce.ready();
  return {
    states: new DynamoDbContactStateStore(dynamo, tableName('Contacts', env)),
    decisions: new DynamoDbDecisionStore(dynamo, tableName('Contacts', env), clock),
    history: new DynamoDbCallHistory(dynamo, tableName('CallerHistory', env), clock),
    contacts: new ConnectContactDirectory(connect, env[ENV.connectInstanceArn] ?? '', connectLimiter),
    callLog: new SalesforceCallLog(salesforce),
    deadLetters: deadLetterQueue(env),
    // Read from the policy in force at each use: an admin's change applies without a cold start.
    fcrWindowDays: async () => (await policy()).timing.fcrWindowDays,
    trust: async () => outcomeTrust(await policy()),
    countUntrusted: publishUntrustedValue,
    analysisOutput: contactLensOutput(env),
    analysisBucket: env[ENV.contactLensBucket] || undefined,
    connectAccessUrl: env[ENV.connectAccessUrl] || undefined,
    publish: publishOutcomeMetrics,
  };
}

/**
 * Poison messages are parked, with their reason, in the DLQ named by DEAD_LETTER_QUEUE_URL; without it
 * the event queue's redrive policy is the only dead-letter path and the reason is only logged.
 */
function deadLetterQueue(env: NodeJS.ProcessEnv) {
  const url = env[ENV.deadLetterQueueUrl];
  if (url) return new SqsDeadLetterQueue(new SQSClient(awsClientConfig(TIMEOUTS.sqs)), url);
  logger.warn(`${ENV.deadLetterQueueUrl} is not set: poison messages rely on the queue's redrive policy`);
  return new RedrivePolicyDeadLetterQueue((reason, source) => logger.error('poison message', { reason, source }));
}

const UNITS = { Count: MetricUnit.Count, Seconds: MetricUnit.Seconds, None: MetricUnit.NoUnit } as const;

/** Publishes an outcome's metrics by queue and intent, as one EMF line (talk-to-listen once it is analysed). */
export function publishOutcomeMetrics(outcome: CallOutcome, phase: 'logged' | 'analysed'): void {
  const points = outcomeDataPoints(outcome).filter((p) => (phase === 'analysed') === (p.name === 'TalkListenRatio'));
  if (points.length === 0) return;
  metrics.addDimensions({ queue: outcome.queueName || 'none', intent: outcome.intent || 'unknown' });
  for (const p of points) metrics.addMetric(p.name, UNITS[p.unit], p.value);
  publishMetrics();
}

/** One UntrustedValueDropped data point, by the Task field whose value was left off (OwnerId, CallDisposition). */
export function publishUntrustedValue(field: UntrustedField): void {
  metrics.addDimension('field', field);
  metrics.addMetric('UntrustedValueDropped', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}
