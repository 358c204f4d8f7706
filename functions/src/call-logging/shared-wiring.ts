import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCallHistory } from '../adapters/dynamodb/call-history';
import { DynamoDbDecisionStore } from '../adapters/dynamodb/decision-store';
import { DynamoDbPolicyStore } from '../adapters/dynamodb/policy-store';
import { tableName } from '../adapters/dynamodb/tables';
import { connectSalesforce } from '../adapters/salesforce/connection';
import { loadSalesforceCredentials } from '../adapters/salesforce/secrets';
import { systemClock } from '../platform/clock';
import { ENV } from '../platform/settings';
import { BUNDLED_POLICY } from '../platform/live-policy';

/**
 * The adapters call logging shares with routing: the routing decisions and caller history it
 * stored, the Salesforce connection (JWT, from Secrets Manager) and the policy's FCR window.
 */
export async function loadSharedAdapters(doc: DynamoDBDocumentClient, env: NodeJS.ProcessEnv = process.env) {
  const secretArn = env[ENV.salesforceSecretArn];
  if (!secretArn) throw new Error(`${ENV.salesforceSecretArn} is not set: call logging needs the Salesforce credentials secret`);
  const clock = systemClock;
  const policyStore = new DynamoDbPolicyStore(doc, tableName('Policy', env), clock);
  const secrets = new SecretsManagerClient({});
  const stored = await policyStore.current().catch(() => undefined);
  return {
    decisions: new DynamoDbDecisionStore(doc, tableName('Contacts', env), clock),
    history: new DynamoDbCallHistory(doc, tableName('CallerHistory', env), clock),
    salesforce: await connectSalesforce(() => loadSalesforceCredentials(secrets, secretArn), { timeoutMs: 20_000 }),
    fcrWindowDays: (stored?.policy ?? BUNDLED_POLICY).timing.fcrWindowDays,
  };
}
