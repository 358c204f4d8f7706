import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import defaultPolicyJson from '../../config/default-policy.json';
import { DynamoDbPolicyStore } from '../../functions/src/adapters/dynamodb/policy-store';
import { customMetadataQuery, SalesforceCustomMetadata } from '../../functions/src/adapters/salesforce/custom-metadata';
import { connectSalesforce } from '../../functions/src/adapters/salesforce/connection';
import type { SyncConfigResult } from '../../functions/src/config-sync/sync-config';
import { RoutingPolicySchema } from '../../functions/src/domain/policy/policy';
import { metrics } from '../../functions/src/platform/observability';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb';
import { createTestCredentials, type SalesforceEmulator, startSalesforceEmulator } from '../../local/salesforce-emulator';
import { readCustomMetadataRecords } from '../../local/tools/custom-metadata-xml';
import { ManualClock } from '../../local/fakes/clock';

/**
 * The sync-config Lambda as AWS runs it: the Salesforce emulator holding the package's custom
 * metadata records, reached with the credentials from Secrets Manager (mocked), the Policy table in
 * DynamoDB Local.
 */
type Handler = () => Promise<SyncConfigResult>;
const DEFAULT_POLICY = RoutingPolicySchema.parse(defaultPolicyJson);
const secrets = mockClient(SecretsManagerClient);
let emulator: SalesforceEmulator;
let dynamo: DynamoDbLocal;
let handler: Handler;

function loadHandler(env: Record<string, string>): Handler {
  // The handler reads its environment when loaded, as in a Lambda container (jest's registry is per test file).
  const saved = process.env;
  process.env = { ...saved, ...env };
  try {
    return (require('../../functions/src/handlers/sync-config') as { handler: Handler }).handler;
  } finally {
    process.env = saved;
  }
}

beforeAll(async () => {
  [dynamo, emulator] = await Promise.all([startDynamoDbLocal({ tablePrefix: 'sync-handler-' }), startSalesforceEmulator({ org: 'empty' })]);
  for (const [type, rows] of Object.entries(readCustomMetadataRecords())) emulator.insert(type, rows);
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(createTestCredentials(emulator.url)) });
  handler = loadHandler({
    ...dynamo.env,
    AWS_REGION: 'us-east-1',
    SALESFORCE_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise-sf',
    POWERTOOLS_METRICS_NAMESPACE: 'Callwise',
  });
}, 90_000);
afterAll(async () => {
  await Promise.all([dynamo?.stop(), emulator?.stop()]);
  secrets.restore();
});

const store = () => new DynamoDbPolicyStore(dynamo.doc, dynamo.tableNames.Policy, new ManualClock('2026-12-01T15:00:00.000Z', 1_000), 0);

describe('custom metadata reader', () => {
  it('reads every type, in composites of at most 5 queries (Salesforce refuses a sixth)', async () => {
    const reader = new SalesforceCustomMetadata(await connectSalesforce(createTestCredentials(emulator.url)));
    emulator.resetCounters();

    const records = await reader.read();

    const packaged = readCustomMetadataRecords();
    // Every configuration type the package ships: the routing policy's and the handling standard's.
    const types = Object.keys(packaged).sort();
    expect(types.length).toBeGreaterThan(5);
    expect(Object.keys(records).sort()).toEqual(types);
    for (const type of types)
      expect(records[type as keyof typeof records]?.map((r) => r.DeveloperName).sort()).toEqual(packaged[type]?.map((r) => r.DeveloperName).sort());
    expect(emulator.requestCount()).toBe(Math.ceil(types.length / 5));
    expect(emulator.requestLog().every((r) => r.path.endsWith('/composite') && r.status === 200)).toBe(true);
    expect(customMetadataQuery('Callwise_Value_Tier__mdt')).toBe(
      'SELECT DeveloperName, MasterLabel, Name__c, Min_Score__c, Order__c FROM Callwise_Value_Tier__mdt ORDER BY DeveloperName',
    );
  });
});

describe('sync-config handler', () => {
  it('stores the policy built from the org, then finds it unchanged', async () => {
    const first = await handler();
    const second = await handler();

    expect(first).toMatchObject({ status: 'stored', version: DEFAULT_POLICY.version });
    expect(second).toMatchObject({ status: 'unchanged', version: DEFAULT_POLICY.version });
    expect((await store().current())?.policy).toEqual(DEFAULT_POLICY);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('rejects an admin edit that breaks the policy, counts PolicyRejected, and keeps the last good policy', async () => {
    const before = await store().current();
    const addMetric = jest.spyOn(metrics, 'addMetric');
    emulator.insert('Callwise_Routing_Rule__mdt', [
      { DeveloperName: 'broken', MasterLabel: 'broken', Name__c: 'broken', Order__c: 5, Then_Queue__c: 'nowhere', Then_Priority__c: 1 },
    ]);

    const result = await handler();

    expect(result).toEqual({
      status: 'rejected',
      errors: [expect.stringContaining('Callwise_Routing_Rule__mdt record "broken", field Then_Queue__c: unknown queue "nowhere"')],
      // The handling standard is synced on its own: a broken policy does not hold it back.
      handling: expect.objectContaining({ status: 'unchanged' }),
    });
    expect(addMetric).toHaveBeenCalledWith('PolicyRejected', 'Count', 1);
    expect(await store().current()).toEqual(before);
  });
});
