import { DynamoDbCallerDirectory } from '../../functions/src/adapters/dynamodb/caller-directory';
import { DynamoDbDirectoryStore } from '../../functions/src/adapters/dynamodb/directory-store';
import { BulkQueryJobs } from '../../functions/src/adapters/salesforce/bulk-query';
import { connectSalesforce } from '../../functions/src/adapters/salesforce/connection';
import { type BulkQuerySource, loadDirectory, loadQuery } from '../../functions/src/directory/load-directory';
import { rebuildDirectory } from '../../functions/src/directory/rebuild-directory';
import { verifyDirectory } from '../../functions/src/directory/verify-directory';
import { buildDemoOrg, demoPhoneBook } from '../../local/demo-org';
import { createLocalTables, startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb';
import { ManualClock } from '../../local/fakes/clock';
import { createTestCredentials, type SalesforceEmulator, startSalesforceEmulator } from '../../local/salesforce-emulator';
import { JVM_START, JVM_START_TEST_TIMEOUT } from '../adapters/dynamodb/support';

/** The initial load end to end: the emulator's demo org through Bulk API 2.0 into DynamoDB Local. */
const clock = new ManualClock('2026-11-24T06:00:00.000Z');
const noWait = { pollMs: 0, maxWaitMs: 5_000, streamTimeoutMs: 30_000, sleep: async () => undefined };
let emulator: SalesforceEmulator;
let db: DynamoDbLocal;
let bulk: BulkQueryJobs;
let prefix = 0;
/** A load of the demo org (about 2,500 records) takes seconds, and minutes on a machine shared by many jobs. */
const LOAD_TIMEOUT = 600_000;

beforeAll(async () => {
  [emulator, db] = await Promise.all([startSalesforceEmulator({ org: 'demo' }), startDynamoDbLocal({ tablePrefix: 'load-', ...JVM_START })]);
  bulk = new BulkQueryJobs(await connectSalesforce(createTestCredentials(emulator.url)), noWait);
}, JVM_START_TEST_TIMEOUT);
afterAll(async () => Promise.all([emulator?.stop(), db?.stop()]));

/** A fresh, empty directory table per test. */
async function freshStore(): Promise<{ store: DynamoDbDirectoryStore; lookup: DynamoDbCallerDirectory }> {
  const names = await createLocalTables(db.client, `load-${++prefix}-`);
  return { store: new DynamoDbDirectoryStore(db.doc, names.CallerDirectory, 'US'), lookup: new DynamoDbCallerDirectory(db.doc, names.CallerDirectory, clock) };
}

/** A source that stops (as a crashed process would) after `batches` batches. */
function crashingAfter(batches: number): BulkQuerySource {
  let left = batches;
  return {
    create: (soql) => bulk.create(soql),
    waitUntilComplete: (id) => bulk.waitUntilComplete(id),
    readSet: (id, locator, limits, onBatch) =>
      bulk.readSet(id, locator, limits, async (rows) => {
        if (left-- <= 0) throw new Error('killed');
        await onBatch(rows);
      }),
  };
}

describe('loadDirectory (emulator → DynamoDB Local)', () => {
  /** One load of the demo org, shared by the tests that read it (a load takes a while on a busy machine). */
  let loaded: { store: DynamoDbDirectoryStore; lookup: DynamoDbCallerDirectory; summary: Awaited<ReturnType<typeof loadDirectory>> };
  beforeAll(async () => {
    const fresh = await freshStore();
    loaded = { ...fresh, summary: await loadDirectory({ bulk, store: fresh.store, clock, personAccounts: true }, { maxRecords: 400, batchSize: 100 }) };
  }, LOAD_TIMEOUT);

  it('loads every caller number of the demo org, marks the directory ready, and finds each number as its record', async () => {
    const { store, lookup, summary } = loaded;
    const book = demoPhoneBook(buildDemoOrg()).filter((e) => e.type !== 'Lead' || !isConverted(e.recordId));
    const expected = (['Account', 'Contact', 'Lead', 'Case', 'Opportunity'] as const).reduce(
      (sum, entity) => sum + emulator.records(entity).filter(loadedBy(entity)).length,
      0,
    );
    expect(summary).toMatchObject({ records: expected, applied: expected, stale: 0, rejected: [], resumed: false, startedAt: '2026-11-24T06:00:00.000Z' });
    const meta = await store.meta();
    expect(meta).toMatchObject({ ready: true, watermark: '2026-11-24T06:00:00.000Z' });
    expect(meta.counts.numbers).toBe(new Set(book.map((e) => e.phoneE164)).size);

    for (const entry of book.filter((_, i) => i % 10 === 0)) {
      const found = await lookup.lookup(entry.phoneE164);
      expect(found).toMatchObject({ ready: true, profile: { known: true } });
      const holders = book.filter((e) => e.phoneE164 === entry.phoneE164).map((e) => e.recordId);
      expect(holders).toContain(found.ready && found.profile.record?.id);
    }
  });

  it(
    'continues a load that stopped halfway from the last results set, with the same result as one run',
    async () => {
      const { store } = await freshStore();
      await expect(loadDirectory({ bulk: crashingAfter(20), store, clock, personAccounts: true }, { maxRecords: 40, batchSize: 20 })).rejects.toThrow('killed');
      const halfway = await store.meta();
      expect(halfway.ready).toBe(false);
      expect(halfway.load?.jobs.Account?.done).toBe(true);
      expect(halfway.load?.jobs.Contact).toMatchObject({ done: false, records: 80 });

      emulator.resetCounters();
      const resumed = await loadDirectory({ bulk, store, clock, personAccounts: true }, { maxRecords: 400, batchSize: 100 });
      expect(resumed.resumed).toBe(true);
      // The Account job is not asked again; the Contact job continues without being created again.
      expect(emulator.requestLog().filter((r) => r.method === 'POST' && r.path.endsWith('/jobs/query'))).toHaveLength(3);
      const meta = await store.meta();
      expect(meta.ready).toBe(true);
      expect(meta.counts).toEqual((await loaded.store.meta()).counts);
      expect((await verifyDirectory({ bulk, store, personAccounts: true, defaultCountry: 'US' })).differences).toBe(0);
    },
    LOAD_TIMEOUT,
  );

  it(
    'verify lists what the directory misses or holds that the org does not, by id and never by number',
    async () => {
      const { store } = loaded;
      const sampled = await verifyDirectory({ bulk, store, personAccounts: true, defaultCountry: 'US' }, { sample: 50 });
      expect(sampled.differences).toBe(0);
      expect(sampled.checked).toBeGreaterThanOrEqual(40);
      expect(sampled.checked).toBeLessThanOrEqual(60);

      const [contact] = emulator.records('Contact').filter((c) => c.IsPersonAccount !== true && typeof c.Phone === 'string' && c.Phone);
      await store.remove('Contact', String(contact!.Id), Date.parse('2030-01-01T00:00:00Z'));
      await store.apply('Lead', { Id: '00QDm00000EXTRAAAA', Name: 'Not In Org', IsConverted: false, Phone: '+12025550199' }, 1);
      const report = await verifyDirectory({ bulk, store, personAccounts: true, defaultCountry: 'US' });
      expect(report.differences).toBe(2);
      expect(report.listed).toEqual(
        expect.arrayContaining([
          { entity: 'Contact', id: contact!.Id, problem: 'deleted in the directory, present in the org' },
          { entity: 'Lead', id: '00QDm00000EXTRAAAA', problem: 'held by the directory, not in the org (deleted, closed or converted)', notInOrg: true },
        ]),
      );
      expect(JSON.stringify(report)).not.toMatch(/\+1202/);
    },
    LOAD_TIMEOUT,
  );

  it(
    'rebuild loads what the directory missed and removes what the org no longer holds',
    async () => {
      // After the verify test: an extra Lead the org does not have, and a Contact tombstoned with a version newer
      // than the org's record (a tombstone wins over anything older). Now a Contact the directory never heard of.
      const { store, lookup } = loaded;
      const [unheardOf] = emulator.insert('Contact', [{ FirstName: 'Unheard', LastName: 'Of', Phone: '+1 202 555 0177' }]);
      const rebuilt = await rebuildDirectory({ bulk, store, clock, personAccounts: true, defaultCountry: 'US' }, { maxRecords: 400, batchSize: 100 });
      expect(rebuilt.removed).toBe(1);
      expect(rebuilt.differencesLeft).toBe(1);
      expect(rebuilt.load.resumed).toBe(false);
      expect((await store.records(['00QDm00000EXTRAAAA'])).get('00QDm00000EXTRAAAA')?.deleted).toBe(true);
      expect(await lookup.lookup('+12025550177')).toMatchObject({ ready: true, profile: { known: true, record: { id: unheardOf } } });
      expect(await lookup.lookup('+12025550199')).toMatchObject({ ready: true, profile: { known: false } });
    },
    LOAD_TIMEOUT,
  );

  it('queries what the directory holds, with the Person Account fields only where the org has them', () => {
    expect(loadQuery('Lead', false)).toBe(
      'SELECT Id, LastModifiedDate, SystemModstamp, Name, FirstName, LastName, OwnerId, IsConverted, Phone, MobilePhone FROM Lead WHERE IsConverted = false',
    );
    expect(loadQuery('Contact', false)).not.toMatch(/IsPersonAccount/);
    expect(loadQuery('Account', true)).toMatch(/IsPersonAccount, FirstName, LastName, PersonMobilePhone/);
    expect(loadQuery('Case', true)).toMatch(/WHERE IsClosed = false$/);
  });

  function isConverted(id: string): boolean {
    return emulator.records('Lead').some((l) => l.Id === id && l.IsConverted === true);
  }
});

function loadedBy(entity: string): (row: Record<string, unknown>) => boolean {
  if (entity === 'Lead') return (r) => r.IsConverted !== true;
  if (entity === 'Case' || entity === 'Opportunity') return (r) => r.IsClosed !== true;
  return () => true;
}
