import type { Connection } from 'jsforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';
import { EventRelay, type EventRelayEnvelope, type EventRelayOptions } from '../../../local/salesforce-emulator/relay';
import { connectToEmulator } from '../../../local/salesforce-emulator/test-client';
import { loadEventRelayFixture } from '../../fixtures/event-relay/load';

/** The local Event Relay: EventBridge envelopes in batches, duplicates and reordering seeded, gap/overflow injectable. */

const V = '/services/data/v62.0';
let now = Date.parse('2026-11-24T09:00:00.000Z');
let sf: SalesforceEmulator;
let conn: Connection;
const relays: EventRelay[] = [];

const post = (path: string, body: unknown) =>
  fetch(`${sf.url}${V}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${conn.accessToken!}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
/** n Contacts, one request each (n transactions, n events). */
async function writeContacts(n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    now += 1000;
    await post('/sobjects/Contact', { LastName: `${prefix}${i}` });
  }
}
function relay(options: EventRelayOptions = {}): { relay: EventRelay; batches: EventRelayEnvelope[][] } {
  const batches: EventRelayEnvelope[][] = [];
  const r = new EventRelay(sf, async (envelopes) => void batches.push(envelopes), options);
  relays.push(r);
  return { relay: r, batches };
}
const names = (batches: EventRelayEnvelope[][]) => batches.flat().map((e) => (e.detail.payload as { Name?: { LastName?: string } }).Name?.LastName);

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty', clock: () => now });
  conn = await connectToEmulator(sf.url);
});
afterEach(() => relays.splice(0).forEach((r) => r.stop()));
afterAll(() => sf.stop());

describe('the local Event Relay', () => {
  it('delivers nothing until flushed, then every event in order, in batches, shaped as the documented envelope', async () => {
    const { relay: r, batches } = relay({ batchSize: 10 });
    await writeContacts(25, 'order');
    expect([batches.length, r.pending()]).toEqual([0, 25]);
    expect(await r.flush()).toEqual({ delivered: 25, batches: 3 });
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(names(batches)).toEqual(Array.from({ length: 25 }, (_v, i) => `order${i}`));
    const [first] = batches[0]!;
    const fixture = loadEventRelayFixture('contact-create')[0]!;
    expect(Object.keys(first!).sort()).toEqual(Object.keys(fixture).sort());
    expect(Object.keys(first!.detail).sort()).toEqual(Object.keys(fixture.detail).sort());
    expect(first).toMatchObject({
      version: '0',
      'detail-type': 'ContactChangeEvent',
      source: 'aws.partner/salesforce.com/00DDm0000000001AAA/0YLDm0000000001AAA',
      resources: [],
    });
    expect(Date.parse(first!.time)).toBeGreaterThanOrEqual(first!.detail.payload.ChangeEventHeader.commitTimestamp);
    expect(await r.flush()).toEqual({ delivered: 0, batches: 0 });
  });

  it('delivers some events twice (same ids) and shuffles within the window; the same seed gives the same order', async () => {
    const a = relay({ seed: 7, duplicateRate: 0.3, reorderWindow: 5, batchSize: 4 });
    const b = relay({ seed: 7, duplicateRate: 0.3, reorderWindow: 5, batchSize: 4 });
    const c = relay({ seed: 8, duplicateRate: 0.3, reorderWindow: 5, batchSize: 4 });
    await writeContacts(20, 'chaos');
    await Promise.all([a, b, c].map((x) => x.relay.flush()));
    const delivered = names(a.batches);
    expect(delivered.length).toBeGreaterThan(20);
    expect(new Set(delivered)).toEqual(new Set(Array.from({ length: 20 }, (_v, i) => `chaos${i}`)));
    expect(delivered).not.toEqual([...delivered].sort((x, y) => Number(x!.slice(5)) - Number(y!.slice(5))));
    const ids = a.batches.flat().map((e) => e.id);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(twice.length).toBe(delivered.length - 20);
    expect(names(b.batches)).toEqual(delivered);
    expect(names(c.batches)).not.toEqual(delivered);
  });

  it('keeps order with a window of 1 and no duplicates by default', async () => {
    const { relay: r, batches } = relay({ seed: 3 });
    await writeContacts(6, 'calm');
    await r.flush();
    expect(names(batches)).toEqual(['calm0', 'calm1', 'calm2', 'calm3', 'calm4', 'calm5']);
  });

  it('injects gap events for given records and an overflow event for an object, header only', async () => {
    const { relay: r, batches } = relay();
    now = Date.parse('2026-11-24T12:00:00.000Z');
    await writeContacts(1, 'before-gap');
    r.injectGap('Contact', ['003Dm0000000001IAA', '003Dm0000000002IAA']);
    r.injectGap('Lead', ['00QDm0000000001MAA'], 'GAP_DELETE', now);
    r.injectOverflow('Account', now);
    await r.flush();
    const [written, gap, gapDelete, overflow] = batches.flat();
    expect(gap!.detail.payload.ChangeEventHeader.commitTimestamp).toBe(written!.detail.payload.ChangeEventHeader.commitTimestamp);
    expect(gap!.detail.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({
        entityName: 'Contact',
        changeType: 'GAP_UPDATE',
        recordIds: ['003Dm0000000001IAA', '003Dm0000000002IAA'],
        changedFields: [],
        sequenceNumber: 1,
      }),
    });
    expect(gapDelete!.detail.payload.ChangeEventHeader).toMatchObject({ entityName: 'Lead', changeType: 'GAP_DELETE', commitTimestamp: 1795521601000 });
    expect(overflow).toMatchObject({
      'detail-type': 'AccountChangeEvent',
      detail: { payload: { ChangeEventHeader: { changeType: 'GAP_OVERFLOW', recordIds: [] } } },
    });
    expect(Object.keys(gap!.detail.payload.ChangeEventHeader).sort()).toEqual(
      Object.keys(loadEventRelayFixture('contact-gap-update')[0]!.detail.payload.ChangeEventHeader).sort(),
    );
  });

  it('redelivers a batch the sink failed on (and everything after it) at the next flush', async () => {
    let fail = true;
    const got: string[][] = [];
    const r = new EventRelay(
      sf,
      async (envelopes) => {
        if (fail) {
          fail = false;
          throw new Error('sync Lambda killed mid-batch');
        }
        got.push(names([envelopes]) as string[]);
      },
      { batchSize: 2 },
    );
    relays.push(r);
    await writeContacts(3, 'retry');
    await expect(r.flush()).rejects.toThrow('sync Lambda killed mid-batch');
    expect(r.pending()).toBe(3);
    await r.flush();
    expect(got).toEqual([['retry0', 'retry1'], ['retry2']]);
  });

  it('stops listening when stopped', async () => {
    const { relay: r } = relay();
    r.stop();
    await writeContacts(1, 'after');
    expect(r.pending()).toBe(0);
  });
});
