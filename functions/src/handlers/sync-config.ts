import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { tableName } from '../adapters/dynamodb/tables';
import { type SalesforceConnection, connectSalesforce } from '../adapters/salesforce/connection';
import { SalesforceCustomMetadata } from '../adapters/salesforce/custom-metadata';
import { loadSalesforceCredentials } from '../adapters/salesforce/secrets';
import { systemClock } from '../platform/clock';
import { type SyncConfigResult, syncConfig } from '../config-sync/sync-config';
import { logger, MetricUnit, metrics } from '../platform/observability';
import { ENV } from '../platform/settings';

/**
 * sync-config (scheduled): the routing configuration in Salesforce custom metadata → the policy in
 * force (DynamoDB). An invalid configuration is logged with the record and field to fix, counted as
 * PolicyRejected, and not stored: routing keeps the last good policy. A failed read throws (the
 * schedule runs again; Lambda's Errors metric alarms).
 */
const env = process.env;
const secrets = new SecretsManagerClient({});
/** A scheduled job, not the call path: DynamoDB may take its time. */
const doc = createDocumentClient(env, { connectionTimeoutMs: 2_000, requestTimeoutMs: 5_000, maxAttempts: 3 });
let salesforce: Promise<SalesforceConnection> | undefined;

function connection(): Promise<SalesforceConnection> {
  const secretArn = env[ENV.salesforceSecretArn];
  if (!secretArn) return Promise.reject(new Error(`${ENV.salesforceSecretArn} is not set: sync-config needs the Salesforce credentials secret`));
  salesforce ??= loadSalesforceCredentials(secrets, secretArn).then((credentials) => connectSalesforce(credentials, { timeoutMs: 20_000 }));
  salesforce.catch(() => (salesforce = undefined));
  return salesforce;
}

export const handler = async (): Promise<SyncConfigResult> => {
  // refreshSeconds 0: always compare with what is stored now, not a copy held in memory.
  const store = new DynamoDbPolicyStore(doc, tableName('Policy', env), systemClock, 0);
  try {
    const result = await syncConfig({
      readMetadata: async () => new SalesforceCustomMetadata(await connection()).read(),
      store,
      clock: systemClock,
      onRejected: (errors) => {
        logger.error('routing configuration rejected: the last good policy stays in force', { errors });
        metrics.addMetric('PolicyRejected', MetricUnit.Count, 1);
      },
    });
    if (result.status !== 'rejected') logger.info('routing configuration synced', { status: result.status, version: result.version });
    return result;
  } catch (error) {
    logger.error('routing configuration could not be synced: the last good policy stays in force', { error: (error as Error).message, name: (error as Error).name });
    metrics.addMetric('PolicySyncFailed', MetricUnit.Count, 1);
    throw error;
  } finally {
    metrics.publishStoredMetrics();
  }
};
