import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import defaultPolicyJson from '../../config/default-policy.json';
import { runPolicyPull } from '../../cli/policy-pull';
import { DynamoDbPolicyStore } from '../../functions/src/adapters/dynamodb/policy-store';
import { SALESFORCE_POLICY_SOURCE, syncConfig } from '../../functions/src/config-sync/sync-config';
import { RoutingPolicySchema } from '../../functions/src/domain/policy/policy';
import type { PolicyMetadataRecords } from '../../functions/src/domain/policy/policy-metadata-types';
import { metadataFromPolicy } from '../../functions/src/domain/policy/policy-to-metadata';
import { ManualClock } from '../../local/fakes/clock';
import { createLocalTables, type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb';
import { customMetadataRecordXml } from '../../local/tools/custom-metadata-xml';

const DEFAULT_POLICY = RoutingPolicySchema.parse(defaultPolicyJson);

/** Each reading is a minute after the last, so successive saves are ordered. */
const stepClock = () => new ManualClock('2026-11-27T09:01:00Z', 60_000);

let dynamo: DynamoDbLocal;
let tableCount = 0;

// DynamoDB Local's JVM can take a while to start on a busy machine.
beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ createTables: false });
}, 90_000);
afterAll(async () => {
  await dynamo?.stop();
});

/** A fresh Policy table per test, so no test sees another's `current` item. */
async function newStore(): Promise<DynamoDbPolicyStore> {
  const tables = await createLocalTables(dynamo.client, `sync-config-${++tableCount}-`);
  return new DynamoDbPolicyStore(dynamo.doc, tables.Policy, stepClock(), 0);
}

function records(change?: (r: PolicyMetadataRecords) => void): PolicyMetadataRecords {
  const all = metadataFromPolicy(DEFAULT_POLICY);
  change?.(all);
  return all;
}

describe('syncConfig', () => {
  it('stores a valid configuration as the policy in force, and does not store it again when nothing changed', async () => {
    const store = await newStore();
    const clock = stepClock();

    const first = await syncConfig({ readMetadata: async () => records(), store, clock });
    const second = await syncConfig({ readMetadata: async () => records(), store, clock });

    expect(first).toEqual({ status: 'stored', version: DEFAULT_POLICY.version, storedAt: '2026-11-27T09:01:00.000Z' });
    expect(second).toEqual({ status: 'unchanged', version: DEFAULT_POLICY.version, storedAt: '2026-11-27T09:01:00.000Z' });
    expect(await store.current()).toEqual({ policy: DEFAULT_POLICY, source: SALESFORCE_POLICY_SOURCE, storedAt: '2026-11-27T09:01:00.000Z' });
  });

  it('stores an edited configuration', async () => {
    const store = await newStore();
    const clock = stepClock();
    await syncConfig({ readMetadata: async () => records(), store, clock });

    const edited = records((r) => (r.Callwise_Routing_Rule__mdt![0]!.Then_Priority__c = 2));
    const result = await syncConfig({ readMetadata: async () => edited, store, clock });

    expect(result.status).toBe('stored');
    expect((await store.current())?.policy.rules[0]?.then.priority).toBe(2);
  });

  it('rejects a broken configuration, reports the record and field, and keeps the last good policy', async () => {
    const store = await newStore();
    const clock = stepClock();
    await syncConfig({ readMetadata: async () => records(), store, clock });
    const before = await store.current();
    const rejected: string[][] = [];

    const broken = records((r) => (r.Callwise_Routing_Rule__mdt!.find((x) => x.DeveloperName === 'support')!.Then_Queue__c = 'helpdesk'));
    const result = await syncConfig({ readMetadata: async () => broken, store, clock, onRejected: (errors) => rejected.push(errors) });

    expect(result).toEqual({
      status: 'rejected',
      errors: [expect.stringContaining('Callwise_Routing_Rule__mdt record "support", field Then_Queue__c: unknown queue "helpdesk"')],
    });
    expect(rejected).toEqual([result.status === 'rejected' ? result.errors : []]);
    expect(await store.current()).toEqual(before);
  });

  it('leaves the policy in force alone when Salesforce cannot be read', async () => {
    const store = await newStore();
    const clock = stepClock();
    await syncConfig({ readMetadata: async () => records(), store, clock });
    const before = await store.current();

    const failing = syncConfig({ readMetadata: () => Promise.reject(new Error('REQUEST_LIMIT_EXCEEDED')), store, clock });

    await expect(failing).rejects.toThrow('REQUEST_LIMIT_EXCEEDED');
    expect(await store.current()).toEqual(before);
  });
});

/** A package source folder holding `records` as .md-meta.xml files (what `--package DIR` reads). */
function packageWith(records: PolicyMetadataRecords): string {
  const dir = mkdtempSync(join(tmpdir(), 'sync-config-package-'));
  mkdirSync(join(dir, 'customMetadata'));
  for (const [type, rows] of Object.entries(records)) {
    for (const row of rows)
      writeFileSync(join(dir, 'customMetadata', `${type.replace(/__mdt$/, '')}.${row.DeveloperName}.md-meta.xml`), customMetadataRecordXml(row));
  }
  return dir;
}

describe('callwise policy pull --store', () => {
  it('stores the policy in the Policy table, and a broken configuration leaves it in force', async () => {
    const tables = await createLocalTables(dynamo.client, `pull-store-`);
    const env = { DYNAMODB_ENDPOINT: dynamo.endpoint, POLICY_TABLE: tables.Policy } as NodeJS.ProcessEnv;
    const good = packageWith(records());
    const broken = packageWith(records((r) => (r.Callwise_Setting__mdt![0]!.Fallback_Queue__c = 'lobby')));
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    const store = new DynamoDbPolicyStore(dynamo.doc, tables.Policy, stepClock(), 0);
    try {
      expect(await runPolicyPull(['--store', '--package', good], io, env)).toBe(0);
      const stored = await store.current();

      expect(await runPolicyPull(['--store', '--package', broken], io, env)).toBe(1);

      expect(stored?.policy).toEqual(DEFAULT_POLICY);
      expect(await store.current()).toEqual(stored);
      expect(err.join('\n')).toContain('Callwise_Setting__mdt record "Default", field Fallback_Queue__c: unknown queue "lobby"');
      expect(err.join('\n')).toContain(`the ${tables.Policy} table still holds the previous policy`);
    } finally {
      rmSync(good, { recursive: true, force: true });
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
