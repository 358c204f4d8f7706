import { connectSalesforce, type SalesforceConnection } from '../../../functions/src/adapters/salesforce/connection';
import { SalesforceChangedRecords, soqlDateTime } from '../../../functions/src/adapters/salesforce/changed-records';
import { SalesforceRecordsById } from '../../../functions/src/adapters/salesforce/records-by-id';
import { buildDemoOrg } from '../../../local/demo-org';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';

/**
 * The directory's reads of Salesforce, over HTTP through real jsforce, against the emulator: gap events read
 * records by id (one SOQL query per entity); reconcile reads every entity's changes since the watermark at once.
 */

const org = buildDemoOrg();
const contacts = org.Contact!.slice(0, 3);
let emulator: SalesforceEmulator;
let sf: SalesforceConnection;

beforeAll(async () => {
  // Records written by the tests are stamped on the emulator's clock, pinned.
  emulator = await startSalesforceEmulator({ org: 'demo', clock: () => Date.parse('2026-12-02T06:10:00.000Z') });
  sf = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 2000 });
});
afterAll(async () => emulator.stop());

describe('SalesforceRecordsById', () => {
  it('reads the records it is asked for, with the fields asked, in one request; an id Salesforce does not have is left out', async () => {
    const ids = [...contacts.map((c) => String(c.Id)), '003Dm0000000999ZZZ'];
    const before = emulator.requestCount();
    const found = await new SalesforceRecordsById(sf).read('Contact', ids, ['Phone', 'OwnerId', 'SystemModstamp']);
    expect(emulator.requestCount() - before).toBe(1);
    expect([...found.keys()].sort()).toEqual(contacts.map((c) => String(c.Id)).sort());
    const first = found.get(String(contacts[0]!.Id));
    expect(first).toEqual({ Id: contacts[0]!.Id, Phone: contacts[0]!.Phone ?? null, OwnerId: contacts[0]!.OwnerId, SystemModstamp: expect.any(String) });
  });

  it('quotes every id: one that tries to widen the query finds nothing', async () => {
    const found = await new SalesforceRecordsById(sf).read('Contact', ["x') OR Id != ('"], ['Phone']);
    expect(found.size).toBe(0);
  });
});

describe('SalesforceChangedRecords', () => {
  it('reads only what changed after the watermark, for every entity, in one request', async () => {
    const [contact] = emulator.insert('Contact', [{ LastName: 'Quinn', Phone: '+1 415 555 0142' }]);
    const [lead] = emulator.insert('Lead', [{ LastName: 'Okafor', Company: 'Okafor Ltd', Phone: '+1 415 555 0150' }]);
    // The watermark: a second before the emulator stamped the new Contact (the demo org's records are older).
    const stamp = String(emulator.records('Contact').find((r) => r.Id === contact)?.SystemModstamp);
    const since = new Date(Date.parse(stamp.replace(/\+0000$/, 'Z')) - 1000).toISOString();
    const before = emulator.requestCount();
    const changed = await new SalesforceChangedRecords(sf).changedSince(['Contact', 'Lead', 'Account', 'Case', 'Opportunity'], since, (e) =>
      e === 'Contact' || e === 'Lead' ? ['Phone'] : [],
    );
    expect(emulator.requestCount() - before).toBe(1);
    expect(changed.get('Contact')).toEqual([{ Id: contact, IsDeleted: false, SystemModstamp: stamp, Phone: '+1 415 555 0142' }]);
    expect(changed.get('Lead')?.map((r) => r.Id)).toEqual([lead]);
    const stampOf = (row: Record<string, unknown>) => Date.parse(String(row.SystemModstamp).replace(/\+0000$/, 'Z'));
    for (const rows of changed.values()) for (const row of rows) expect(stampOf(row)).toBeGreaterThan(Date.parse(since));
    expect([...changed.keys()]).toEqual(['Contact', 'Lead', 'Account', 'Case', 'Opportunity']);
  });

  it('writes the watermark as a SOQL datetime literal in whole seconds', () => {
    expect(soqlDateTime('2026-12-02T06:05:00.750Z')).toBe('2026-12-02T06:05:00Z');
    expect(() => soqlDateTime("2026' OR Id != '")).toThrow(RangeError);
  });
});
