import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbDirectoryStore } from '../adapters/dynamodb/directory-store';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { salesforceFromSecret, type SalesforceConnection } from '../adapters/salesforce/connection';
import { SalesforceChangedRecords } from '../adapters/salesforce/changed-records';
import { SalesforceRecordsById } from '../adapters/salesforce/records-by-id';
import { RedrivePolicyDeadLetterQueue, SqsDeadLetterQueue } from '../adapters/sqs/dead-letter-queue';
import { keptFields } from '../domain/directory/change-apply';
import type { DirectoryEntity } from '../domain/directory/change-event';
import { directoryFields } from '../domain/directory/directory-records';
import { policyProvider } from '../platform/live-policy';
import { logger } from '../platform/observability';
import { awsClientConfig, ENV, tableName, TIMEOUTS } from '../platform/settings';
import { systemClock } from '../platform/time';
import { reconcileDirectory, type ReconcileDeps } from './reconcile';
import type { DirectorySyncDeps } from './sync-changes';

/**
 * directory-sync's and reconcile's dependencies in AWS, built once per container from the environment: the
 * directory (CallerDirectory table; numbers normalised in the policy's default country), Salesforce (JWT,
 * credentials read from Secrets Manager at each sign-in) and the directory dead-letter queue.
 */
const doc = createDocumentClient(process.env, TIMEOUTS.configDynamoDb);
const secrets = new SecretsManagerClient(awsClientConfig(TIMEOUTS.secretsManager));

/** One Salesforce connection per container, signed in on first use. */
let connection: SalesforceConnection | undefined;
function salesforce(env: NodeJS.ProcessEnv): SalesforceConnection {
  const secretArn = env[ENV.salesforceSecretArn];
  if (!secretArn) throw new Error(`${ENV.salesforceSecretArn} is not set: the directory Lambdas need the Salesforce credentials secret`);
  return (connection ??= salesforceFromSecret(secrets, secretArn, { timeoutMs: TIMEOUTS.batchSalesforceMs }));
}

let deps: Promise<DirectorySyncDeps> | undefined;
let reconcile: Promise<ReconcileDeps> | undefined;

export function directorySyncDeps(): Promise<DirectorySyncDeps> {
  deps ??= awsReconcileDeps(process.env).then((parts) => syncDeps(parts, process.env));
  deps.catch(() => (deps = undefined));
  return deps;
}

export function reconcileDeps(): Promise<ReconcileDeps> {
  reconcile ??= awsReconcileDeps(process.env);
  reconcile.catch(() => (reconcile = undefined));
  return reconcile;
}

/** Local runs and tests: the handlers use these dependencies instead of the AWS ones. */
export function useDirectorySyncDeps(local: DirectorySyncDeps): void {
  deps = Promise.resolve(local);
}

/** The fields directory-sync keeps and reads of an entity (the load's, and people's Name parts). */
export function syncFields(personAccounts: boolean): (entity: DirectoryEntity) => string[] {
  return (entity) => keptFields(entity, directoryFields(entity, personAccounts));
}

async function awsReconcileDeps(env: NodeJS.ProcessEnv): Promise<ReconcileDeps & { store: DynamoDbDirectoryStore }> {
  const sf = salesforce(env);
  const policy = await policyProvider(new DynamoDbPolicyStore(doc, tableName('Policy', env), systemClock, 0))();
  return {
    store: new DynamoDbDirectoryStore(doc, tableName('CallerDirectory', env), policy.defaultCountry),
    changes: new SalesforceChangedRecords(sf),
    fields: syncFields(env[ENV.salesforcePersonAccounts] === 'true'),
    clock: systemClock,
  };
}

/** directory-sync shares reconcile's parts; an overflow event reconciles its entity on the spot. */
function syncDeps(parts: ReconcileDeps & { store: DynamoDbDirectoryStore }, env: NodeJS.ProcessEnv): DirectorySyncDeps {
  return {
    store: parts.store,
    salesforce: new SalesforceRecordsById(salesforce(env)),
    reconcile: async (entity) => void (await reconcileDirectory(parts, [entity])),
    deadLetters: deadLetterQueue(env),
    clock: parts.clock,
    fields: parts.fields,
  };
}

/** Parked change events go to DEAD_LETTER_QUEUE_URL with their reason; without it the queue's redrive policy parks them. */
function deadLetterQueue(env: NodeJS.ProcessEnv) {
  const url = env[ENV.deadLetterQueueUrl];
  if (url) return new SqsDeadLetterQueue(new SQSClient(awsClientConfig(TIMEOUTS.sqs)), url);
  logger.warn(`${ENV.deadLetterQueueUrl} is not set: malformed change events rely on the queue's redrive policy`);
  return new RedrivePolicyDeadLetterQueue((reason, source) => logger.error('poison message', { reason, source }));
}
