import { DynamoDbCallerDirectory } from '../functions/src/adapters/dynamodb/caller-directory';
import { DynamoDbDirectoryStore } from '../functions/src/adapters/dynamodb/directory-store';
import { salesforceApiPath } from '../functions/src/adapters/salesforce/api';
import { SalesforceChangedRecords } from '../functions/src/adapters/salesforce/changed-records';
import { connectSalesforce, type SalesforceConnection } from '../functions/src/adapters/salesforce/connection';
import { SalesforceRecordsById } from '../functions/src/adapters/salesforce/records-by-id';
import { reconcileDirectory, type ReconcileDeps } from '../functions/src/directory/reconcile';
import { syncChanges, type DirectorySyncDeps } from '../functions/src/directory/sync-changes';
import { syncFields } from '../functions/src/directory/wiring';
import { startDynamoDbLocal } from '../local/dynamodb';
import { ManualClock } from '../local/fakes/clock';
import { InMemoryDeadLetterQueue } from '../local/fakes/dead-letter-queue';
import { createTestCredentials, startSalesforceEmulator } from '../local/salesforce-emulator';
import { EventRelay, type EventRelayEnvelope } from '../local/salesforce-emulator/relay';
import { mulberry32 } from '../local/synthetic/mulberry32';
import { toE164 } from '../functions/src/domain/routing/phone';

/**
 * Salesforce requests all-in for a simulated day of the caller directory, per 1,000 routed calls: the load, the
 * change events of the day (reps' edits through the REST API, delivered by the local Event Relay with duplicates,
 * reordering, gap events every hour and one overflow), directory-sync's reads for them, reconcile every 15 minutes
 * (96 runs), and the day's calls routed from the directory. The emulator counts every REST request Callwise makes;
 * the reps' own writes are subtracted (they are the org's traffic, not Callwise's).
 */
export interface DirectoryDayFigures {
  calls: number;
  changes: number;
  requests: { load: number; sync: number; reconcile: number; routing: number };
  /** Reps' own writes that made the day's changes (the org's traffic, not counted). */
  repWrites: number;
  knownCalls: number;
  per1000Calls: number;
}

const DAY = '2026-12-02';

/**
 * The load, until directory-core's Bulk API 2.0 loader is in: every record read since the beginning of time by
 * reconcile's own read (composite queryAll, 2,000 rows a page) and written in batches. A Bulk load makes a few
 * requests per object (create, poll, result pages) instead.
 */
async function loadByReconcile(sf: SalesforceConnection, store: DynamoDbDirectoryStore, clock: ManualClock): Promise<void> {
  await store.updateMeta({ watermark: '1970-01-01T00:00:00.000Z' });
  await reconcileDirectory({ store, changes: new SalesforceChangedRecords(sf), fields: syncFields(true), clock });
  await store.updateMeta({ ready: true });
}

export async function measureDirectoryDay(options: { calls?: number; changesPerHour?: number } = {}): Promise<DirectoryDayFigures> {
  const calls = options.calls ?? 2_400;
  const changesPerHour = options.changesPerHour ?? 40;
  const clock = new ManualClock(`${DAY}T00:00:00.000Z`, 1);
  const emulator = await startSalesforceEmulator({ org: 'demo', today: DAY, clock: () => clock.now().getTime(), apiLimit: 1_000_000 });
  const db = await startDynamoDbLocal({ tablePrefix: 'bench-directory-day-' });
  const random = mulberry32(23);
  try {
    const sf = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 10_000 });
    const store = new DynamoDbDirectoryStore(db.doc, db.tableNames.CallerDirectory, 'US');
    const fields = syncFields(true);
    const count = () => emulator.requestCount();

    let before = count();
    await loadByReconcile(sf, store, clock);
    const load = count() - before;

    const reconcile: ReconcileDeps = { store, changes: new SalesforceChangedRecords(sf), fields, clock };
    let syncRequests = 0;
    const deps: DirectorySyncDeps = {
      store,
      salesforce: new SalesforceRecordsById(sf),
      reconcile: async (entity) => void (await reconcileDirectory(reconcile, [entity])),
      deadLetters: new InMemoryDeadLetterQueue(() => clock.now()),
      clock,
      fields,
    };
    let message = 0;
    const relay = new EventRelay(
      emulator,
      async (envelopes: EventRelayEnvelope[]) => {
        const at = count();
        await syncChanges(
          envelopes.map((e) => ({ messageId: `m-${message++}`, body: JSON.stringify(e), receiveCount: 1 })),
          deps,
        );
        syncRequests += count() - at;
      },
      { batchSize: 10, duplicateRate: 0.03, reorderWindow: 5, seed: 5 },
    );

    const contacts = emulator.records('Contact').map((r) => String(r.Id));
    const cases = emulator
      .records('Case')
      .filter((r) => r.IsClosed !== true)
      .map((r) => String(r.Id));
    let reconcileRequests = 0;
    let repWrites = 0;
    let changes = 0;
    for (let slot = 0; slot < 96; slot++) {
      // A quarter hour of reps' edits: phone changes, new Leads, closed Cases.
      for (let i = 0; i < changesPerHour / 4; i++) {
        clock.advance(Math.floor((15 * 60_000) / (changesPerHour / 4)));
        const kind = Math.floor(random() * 3);
        const at = count();
        if (kind === 0)
          await sf.request({
            method: 'PATCH',
            url: salesforceApiPath(`/sobjects/Contact/${contacts[Math.floor(random() * contacts.length)]}`),
            body: JSON.stringify({ Phone: `+1 415 555 ${String(Math.floor(random() * 9000) + 1000)}` }),
            headers: { 'Content-Type': 'application/json' },
          });
        else if (kind === 1)
          await sf.request({
            method: 'POST',
            url: salesforceApiPath('/sobjects/Lead'),
            body: JSON.stringify({
              LastName: `Day Lead ${slot}-${i}`,
              Company: 'Day Co',
              Phone: `+1 628 555 ${String(1000 + ((slot * 10 + i) % 9000))}`,
              Status: 'Open - Not Contacted',
            }),
            headers: { 'Content-Type': 'application/json' },
          });
        else if (cases.length)
          await sf.request({
            method: 'PATCH',
            url: salesforceApiPath(`/sobjects/Case/${cases.pop()}`),
            body: JSON.stringify({ Status: 'Closed' }),
            headers: { 'Content-Type': 'application/json' },
          });
        repWrites += count() - at;
        changes++;
      }
      // Gap events every hour (three records), one overflow in the afternoon.
      if (slot % 4 === 3) relay.injectGap('Contact', contacts.slice(slot, slot + 3), 'GAP_UPDATE');
      if (slot === 60) relay.injectOverflow('Account');
      await relay.flush();
      const at = count();
      await reconcileDirectory(reconcile);
      reconcileRequests += count() - at;
    }

    // The day's calls, routed from the directory (route-call's read: DynamoDB only), known and unknown numbers.
    const reader = new DynamoDbCallerDirectory(db.doc, db.tableNames.CallerDirectory, clock);
    const numbers = emulator
      .records('Contact')
      .map((r) => toE164(String(r.Phone ?? ''), 'US'))
      .filter((n): n is string => n !== null);
    before = count();
    let known = 0;
    for (let i = 0; i < calls; i++) {
      const found = await reader.lookup(i % 5 === 4 ? `+1628555${String(9000 + (i % 999)).padStart(4, '0')}` : numbers[i % numbers.length]!);
      if (found.ready && found.profile.known) known++;
    }
    const routing = count() - before;
    const total = load + syncRequests + reconcileRequests + routing;
    return {
      calls,
      changes,
      requests: { load, sync: syncRequests, reconcile: reconcileRequests, routing },
      repWrites,
      knownCalls: known,
      per1000Calls: (total / calls) * 1000,
    };
  } finally {
    await db.stop();
    await emulator.stop();
  }
}
