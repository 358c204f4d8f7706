import defaultPolicyJson from '../../config/default-policy.json';
import { DynamoDbPolicyStore } from '../../functions/src/adapters/dynamodb/policy-store';
import { SALESFORCE_POLICY_SOURCE, syncConfig } from '../../functions/src/app/sync-config';
import { RoutingPolicySchema } from '../../functions/src/domain/policy';
import type { PolicyMetadataRecords } from '../../functions/src/domain/policy-metadata-types';
import { metadataFromPolicy } from '../../functions/src/domain/policy-to-metadata';
import type { Clock } from '../../functions/src/ports';
import { createLocalTables, type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb';

const DEFAULT_POLICY = RoutingPolicySchema.parse(defaultPolicyJson);

class StepClock implements Clock {
  private at = Date.parse('2026-11-27T09:00:00Z');
  now(): Date {
    this.at += 60_000;
    return new Date(this.at);
  }
}

let dynamo: DynamoDbLocal;
let tableCount = 0;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ createTables: false });
});
afterAll(async () => {
  await dynamo?.stop();
});

/** A fresh Policy table per test, so no test sees another's `current` item. */
async function newStore(): Promise<DynamoDbPolicyStore> {
  const tables = await createLocalTables(dynamo.client, `sync-config-${++tableCount}-`);
  return new DynamoDbPolicyStore(dynamo.doc, tables.Policy, new StepClock(), 0);
}

function records(change?: (r: PolicyMetadataRecords) => void): PolicyMetadataRecords {
  const all = metadataFromPolicy(DEFAULT_POLICY);
  change?.(all);
  return all;
}

describe('syncConfig', () => {
  it('stores a valid configuration as the policy in force, and does not store it again when nothing changed', async () => {
    const store = await newStore();
    const clock = new StepClock();

    const first = await syncConfig({ readMetadata: async () => records(), store, clock });
    const second = await syncConfig({ readMetadata: async () => records(), store, clock });

    expect(first).toEqual({ status: 'stored', version: DEFAULT_POLICY.version, storedAt: '2026-11-27T09:01:00.000Z' });
    expect(second).toEqual({ status: 'unchanged', version: DEFAULT_POLICY.version, storedAt: '2026-11-27T09:01:00.000Z' });
    expect(await store.current()).toEqual({ policy: DEFAULT_POLICY, source: SALESFORCE_POLICY_SOURCE, storedAt: '2026-11-27T09:01:00.000Z' });
  });

  it('stores an edited configuration', async () => {
    const store = await newStore();
    const clock = new StepClock();
    await syncConfig({ readMetadata: async () => records(), store, clock });

    const edited = records((r) => (r.Callwise_Routing_Rule__mdt![0]!.Then_Priority__c = 2));
    const result = await syncConfig({ readMetadata: async () => edited, store, clock });

    expect(result.status).toBe('stored');
    expect((await store.current())?.policy.rules[0]?.then.priority).toBe(2);
  });

  it('rejects a broken configuration, reports the record and field, and keeps the last good policy', async () => {
    const store = await newStore();
    const clock = new StepClock();
    await syncConfig({ readMetadata: async () => records(), store, clock });
    const before = await store.current();
    const rejected: string[][] = [];

    const broken = records((r) => (r.Callwise_Routing_Rule__mdt!.find((x) => x.DeveloperName === 'support')!.Then_Queue__c = 'helpdesk'));
    const result = await syncConfig({ readMetadata: async () => broken, store, clock, onRejected: (errors) => rejected.push(errors) });

    expect(result).toEqual({ status: 'rejected', errors: [expect.stringContaining('Callwise_Routing_Rule__mdt record "support", field Then_Queue__c: unknown queue "helpdesk"')] });
    expect(rejected).toEqual([result.status === 'rejected' ? result.errors : []]);
    expect(await store.current()).toEqual(before);
  });

  it('leaves the policy in force alone when Salesforce cannot be read', async () => {
    const store = await newStore();
    const clock = new StepClock();
    await syncConfig({ readMetadata: async () => records(), store, clock });
    const before = await store.current();

    const failing = syncConfig({ readMetadata: () => Promise.reject(new Error('REQUEST_LIMIT_EXCEEDED')), store, clock });

    await expect(failing).rejects.toThrow('REQUEST_LIMIT_EXCEEDED');
    expect(await store.current()).toEqual(before);
  });
});
