import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { DynamoDbHandlingStandardStore } from '../adapters/dynamodb/handling-standard-store';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { awsClientConfig, tableName, ENV, TIMEOUTS } from '../platform/settings';
import { salesforceFromSecret, type SalesforceConnection } from '../adapters/salesforce/connection';
import { SalesforceCustomMetadata } from '../adapters/salesforce/custom-metadata';
import { systemClock } from '../platform/time';
import { logger, MetricUnit, metrics } from '../platform/observability';
import type { SyncConfigDeps } from './sync-config';

/**
 * sync-config's dependencies in AWS, built once per container from the environment: the custom
 * metadata read from Salesforce (JWT; the credentials are read from Secrets Manager at each sign-in,
 * so a rotated key is picked up), and the Policy table.
 */
export function createSyncConfigDeps(env: NodeJS.ProcessEnv): SyncConfigDeps {
  const secrets = new SecretsManagerClient(awsClientConfig(TIMEOUTS.secretsManager));
  const doc = createDocumentClient(env, TIMEOUTS.configDynamoDb);
  const secretArn = env[ENV.salesforceSecretArn];
  let salesforce: SalesforceConnection | undefined;
  const connection = (): SalesforceConnection => {
    if (!secretArn) throw new Error(`${ENV.salesforceSecretArn} is not set: sync-config needs the Salesforce credentials secret`);
    return (salesforce ??= salesforceFromSecret(secrets, secretArn, { timeoutMs: TIMEOUTS.batchSalesforceMs }));
  };
  return {
    readMetadata: async () => new SalesforceCustomMetadata(connection()).read(),
    // refreshSeconds 0: always compare with what is stored now, not a copy held in memory.
    store: new DynamoDbPolicyStore(doc, tableName('Policy', env), systemClock, 0),
    clock: systemClock,
    onRejected: (errors) => {
      logger.error('routing configuration rejected: the last good policy stays in force', { errors });
      metrics.addMetric('PolicyRejected', MetricUnit.Count, 1);
    },
    handling: {
      store: new DynamoDbHandlingStandardStore(doc, tableName('Policy', env), systemClock, 0),
      onRejected: (errors) => {
        logger.error('handling standard rejected: the last good standard stays in force', { errors });
        metrics.addMetric('HandlingStandardRejected', MetricUnit.Count, 1);
      },
    },
  };
}
