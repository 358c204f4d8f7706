import { DynamoDbCallerDirectory } from '../../functions/src/adapters/dynamodb/caller-directory';
import { DynamoDbDirectoryStore } from '../../functions/src/adapters/dynamodb/directory-store';
import { salesforceApiPath } from '../../functions/src/adapters/salesforce/api';
import { BulkQueryJobs } from '../../functions/src/adapters/salesforce/bulk-query';
import { SalesforceChangedRecords } from '../../functions/src/adapters/salesforce/changed-records';
import { connectSalesforce, type SalesforceConnection } from '../../functions/src/adapters/salesforce/connection';
import { SalesforceRecordsById } from '../../functions/src/adapters/salesforce/records-by-id';
import { directoryRecordOf } from '../../functions/src/domain/directory/directory-records';
import { reconcileDirectory, type ReconcileDeps } from '../../functions/src/directory/reconcile';
import { syncChanges, type DirectorySyncDeps } from '../../functions/src/directory/sync-changes';
import { verifyDirectory } from '../../functions/src/directory/verify-directory';
import { syncFields } from '../../functions/src/directory/wiring';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb';
import { ManualClock } from '../../local/fakes/clock';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { EventRelay, type EventRelayEnvelope } from '../../local/salesforce-emulator/relay';

/**
 * Chaos: the directory loaded from the emulator, then a burst of org changes (phone changes, new Leads, closed Cases,
 * deletes, a lead conversion, a merge, records written behind the change events' back) delivered by the local Event
 * Relay with duplicates, reordering, gap and overflow events, and the sync killed halfway through a batch (the batch
 * redelivered). After the scheduled reconcile, the directory must say what the org says, number by number.
 */

const clock = new ManualClock('2026-12-02T09:00:00.000Z', 1);
let emulator: SalesforceEmulator;
let sf: SalesforceConnection;
let db: DynamoDbLocal;

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ org: 'empty', clock: () => clock.now().getTime() });
  db = await startDynamoDbLocal({ tablePrefix: 'chaos-' });
  sf = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 5000 });
}, 60_000);
afterAll(async () => {
  await db?.stop();
  await emulator?.stop();
});

const phone = (n: number) => `+1 415 555 ${String(1000 + n)}`;
const e164 = (n: number) => `+1415555${String(1000 + n)}`;

/** A small org: 6 Accounts, 3 Contacts each, 6 Leads, a few open Cases and Opportunities. */
function seedOrg() {
  const accounts = emulator.insert(
    'Account',
    Array.from({ length: 6 }, (_, i) => ({ Name: `Account ${i}`, Phone: phone(i), OwnerId: '005Dm0000000001AAA' })),
  );
  const contacts = emulator.insert(
    'Contact',
    Array.from({ length: 18 }, (_, i) => ({
      FirstName: 'Chaos',
      LastName: `Contact ${i}`,
      Phone: phone(100 + i),
      MobilePhone: phone(200 + i),
      AccountId: accounts[i % 6],
      OwnerId: '005Dm0000000001AAA',
    })),
  );
  const leads = emulator.insert(
    'Lead',
    Array.from({ length: 6 }, (_, i) => ({
      FirstName: 'Chaos',
      LastName: `Lead ${i}`,
      Company: `Lead Co ${i}`,
      Phone: phone(300 + i),
      Status: 'Open - Not Contacted',
      OwnerId: '005Dm0000000001AAA',
    })),
  );
  const cases = emulator.insert(
    'Case',
    Array.from({ length: 8 }, (_, i) => ({ Subject: `Case ${i}`, Priority: 'High', Status: 'New', AccountId: accounts[i % 6], ContactId: contacts[i] })),
  );
  const opportunities = emulator.insert(
    'Opportunity',
    Array.from({ length: 4 }, (_, i) => ({
      Name: `Opp ${i}`,
      StageName: 'Prospecting',
      CloseDate: '2027-01-31',
      Amount: 1000 * (i + 1),
      AccountId: accounts[i],
    })),
  );
  return { accounts, contacts, leads, cases, opportunities };
}

const write = (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  sf.request<{ id?: string }>({
    method,
    url: salesforceApiPath(path),
    ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
  });

/** The directory as the org says it should be: each number's holders, each Account's open cases. */
function expected() {
  const holders = new Map<string, Set<string>>();
  for (const entity of ['Account', 'Contact', 'Lead'] as const) {
    for (const row of emulator.records(entity)) {
      const record = directoryRecordOf(entity, row, 'US');
      if (record.kind !== 'caller') continue;
      for (const n of record.caller.numbers) holders.set(n, (holders.get(n) ?? new Set()).add(record.caller.id));
    }
  }
  const openCases = new Map<string, number>();
  for (const row of emulator.records('Case'))
    if (row.IsClosed !== true && row.AccountId) openCases.set(String(row.AccountId), (openCases.get(String(row.AccountId)) ?? 0) + 1);
  return { holders, openCases };
}

/** Every difference between the directory and the org, one line each (numbers ever used, records ever seen). */
async function differences(table: string, numbersEverUsed: string[]): Promise<string[]> {
  const reader = new DynamoDbCallerDirectory(db.doc, table, clock);
  const { holders, openCases } = expected();
  const lines: string[] = [];
  for (const number of new Set([...numbersEverUsed, ...holders.keys()])) {
    const found = await reader.lookup(number);
    if (!found.ready) return ['directory not ready'];
    const want = holders.get(number);
    const got = found.profile.known ? found.profile.record?.id : undefined;
    if (!want && got) lines.push(`${number}: routes to ${got}, the org has no record with it`);
    if (want && (!got || !want.has(got))) lines.push(`${number}: routes to ${got ?? 'nobody'}, the org has ${[...want].join(', ')}`);
    const account = found.profile.account?.id;
    if (want && account && found.profile.record?.type !== 'Lead' && found.profile.openCases.count !== (openCases.get(account) ?? 0)) {
      lines.push(`${number}: ${found.profile.openCases.count} open cases, the org has ${openCases.get(account) ?? 0} for ${account}`);
    }
  }
  return lines;
}

describe('the directory after chaos', () => {
  it('says what the org says: duplicated, reordered, gap and overflow events, the sync killed mid-batch, then reconcile', async () => {
    const org = seedOrg();
    const table = db.tableNames.CallerDirectory;
    const store = new DynamoDbDirectoryStore(db.doc, table, 'US');
    const fields = syncFields(false);
    const reconcile: ReconcileDeps = { store, changes: new SalesforceChangedRecords(sf), fields, clock };
    // The load: everything since the beginning of time, then the directory is ready.
    await store.updateMeta({ watermark: '1970-01-01T00:00:00.000Z' });
    await reconcileDirectory(reconcile);
    await store.updateMeta({ ready: true });
    const numbersEverUsed = [...expected().holders.keys()];
    expect(await differences(table, numbersEverUsed)).toEqual([]);

    // directory-sync, behind a store that dies once in the middle of the third batch.
    let batches = 0;
    let killed = false;
    const deadLetters = new InMemoryDeadLetterQueue(() => clock.now());
    const deps: DirectorySyncDeps = {
      store,
      salesforce: new SalesforceRecordsById(sf),
      reconcile: async (entity) => void (await reconcileDirectory(reconcile, [entity])),
      deadLetters,
      clock,
      fields,
    };
    let message = 0;
    const totals = { stale: 0, refetched: 0, reconciled: [] as string[] };
    const sink = async (envelopes: EventRelayEnvelope[]) => {
      batches++;
      const toMessages = (list: EventRelayEnvelope[]) => list.map((e) => ({ messageId: `m-${message++}`, body: JSON.stringify(e), receiveCount: 1 }));
      if (batches === 3 && !killed) {
        killed = true;
        await syncChanges(toMessages(envelopes.slice(0, Math.ceil(envelopes.length / 2))), deps);
        throw new Error('the Lambda was killed halfway through the batch');
      }
      const outcome = await syncChanges(toMessages(envelopes), deps);
      totals.stale += outcome.stale;
      totals.refetched += outcome.refetched;
      totals.reconciled.push(...outcome.reconciled);
      if (outcome.failedMessageIds.length) throw new Error(`${outcome.failedMessageIds.length} messages failed`);
    };
    const relay = new EventRelay(emulator, sink, { batchSize: 6, duplicateRate: 0.3, reorderWindow: 8, seed: 7 });

    // The burst, through the REST API (each write a transaction with its change events).
    for (let i = 0; i < 6; i++) await write('PATCH', `/sobjects/Contact/${org.contacts[i]}`, { Phone: phone(400 + i) });
    await write('PATCH', `/sobjects/Contact/${org.contacts[6]}`, { MobilePhone: null, LastName: 'Renamed' });
    await write('PATCH', `/sobjects/Contact/${org.contacts[7]}`, { Phone: phone(410) });
    await write('PATCH', `/sobjects/Contact/${org.contacts[7]}`, { Phone: phone(411) });
    for (let i = 0; i < 4; i++)
      await write('POST', '/sobjects/Lead', {
        FirstName: 'New',
        LastName: `Lead ${i}`,
        Company: `New Co ${i}`,
        Phone: phone(500 + i),
        Status: 'Open - Not Contacted',
      });
    for (let i = 0; i < 3; i++) await write('PATCH', `/sobjects/Case/${org.cases[i]}`, { Status: 'Closed' });
    await write('DELETE', `/sobjects/Contact/${org.contacts[8]}`);
    await write('DELETE', `/sobjects/Contact/${org.contacts[9]}`);
    await write('PATCH', `/sobjects/Account/${org.accounts[5]}`, { Phone: phone(600) });
    emulator.convertLead(org.leads[0]!);
    emulator.merge(org.contacts[10]!, [org.contacts[11]!, org.contacts[12]!], { HomePhone: phone(610) });
    // Behind the change events' back: a Contact only a gap event announces, an Account only an overflow reveals.
    const [gapOnly] = emulator.insert('Contact', [{ FirstName: 'Gap', LastName: 'Only', Phone: phone(700), AccountId: org.accounts[0] }]);
    const [overflowOnly] = emulator.insert('Account', [{ Name: 'Overflow Only', Phone: phone(710) }]);
    relay.injectGap('Contact', [gapOnly!, org.contacts[13]!], 'GAP_UPDATE');
    relay.injectOverflow('Account');
    numbersEverUsed.push(...[400, 401, 402, 403, 404, 405, 410, 411, 500, 501, 502, 503, 600, 610, 700, 710].map(e164));

    for (let attempt = 0; relay.pending() > 0 && attempt < 10; attempt++) await relay.flush().catch(() => undefined);
    expect(relay.pending()).toBe(0);
    expect(killed).toBe(true);
    expect(deadLetters.letters).toEqual([]);
    // Duplicates and the redelivered half batch were stale; the gap event's records were read; the overflow reconciled.
    expect(totals.stale).toBeGreaterThan(0);
    expect(totals.refetched).toBeGreaterThanOrEqual(2);
    expect([...new Set(totals.reconciled)]).toEqual(['Account']);
    // The scheduled reconcile: what no change event carried (a merge's moved children).
    clock.advance(15 * 60_000);
    await reconcileDirectory(reconcile);

    expect(await differences(table, numbersEverUsed)).toEqual([]);
    // And what `callwise directory verify --all` runs, reading the whole org again through Bulk API 2.0: no difference.
    const noWait = { pollMs: 0, maxWaitMs: 5_000, streamTimeoutMs: 30_000, sleep: async () => undefined };
    const verified = await verifyDirectory({ bulk: new BulkQueryJobs(sf, noWait), store, personAccounts: false, defaultCountry: 'US' });
    expect(verified.listed).toEqual([]);
    expect(verified.differences).toBe(0);
    // At least every caller: 8 Accounts (6 + the conversion's + the overflow's), 16 Contacts (18 − 2 deleted − 2 merged
    // away + the conversion's + the gap's) and 9 open Leads (6 + 4 − 1 converted); open Cases and Opportunities besides.
    expect(verified.checked).toBeGreaterThanOrEqual(33);
    expect(emulator.records('Contact').some((c) => c.Id === gapOnly)).toBe(true);
    expect(overflowOnly).toBeDefined();
  }, 180_000);
});
