import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createSalesforceConnection, type SalesforceConnection } from './connection';
import { loadSalesforceCredentials } from './secrets';

/**
 * The one way the Lambdas sign in to Salesforce: a connection (JWT bearer) whose every sign-in, the first and
 * each renewal, reads the credentials from Secrets Manager afresh, so a rotated key or a corrected client id is
 * picked up at the next sign-in without a redeploy. It signs in on its first request. The timeout is the
 * caller's (settings.ts: TIMEOUTS.routingSalesforceMs on the call path, batchSalesforceMs for the batch Lambdas).
 */
export function salesforceFromSecret(client: SecretsManagerClient, secretArn: string, options: { timeoutMs: number }): SalesforceConnection {
  return createSalesforceConnection(() => loadSalesforceCredentials(client, secretArn, { cacheMs: 0 }), { timeoutMs: options.timeoutMs });
}
