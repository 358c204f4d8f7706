import { connectSalesforce, type SalesforceConnection } from '../../../functions/src/adapters/salesforce/connection';
import { SalesforceChangedRecords, soqlDateTime } from '../../../functions/src/adapters/salesforce/changed-records';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';

/** reconcile's read: every entity's changes since the watermark in one composite request, against the emulator over HTTP. */

let emulator: SalesforceEmulator;
let sf: SalesforceConnection;

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ org: 'demo' });
  sf = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 2000 });
});
afterAll(async () => emulator.stop());

describe('SalesforceChangedRecords', () => {
  it('reads only what changed after the watermark, for every entity, in one request', async () => {
    const [contact] = emulator.insert('Contact', [{ LastName: 'Quinn', Phone: '+1 415 555 0142' }]);
    const [lead] = emulator.insert('Lead', [{ LastName: 'Okafor', Company: 'Okafor Ltd', Phone: '+1 415 555 0150' }]);
    // The watermark: a second before the emulator stamped the new Contact (the demo org's records are older).
    const stamp = String(emulator.records('Contact').find((r) => r.Id === contact)?.SystemModstamp);
    const since = new Date(Date.parse(stamp.replace(/\+0000$/, 'Z')) - 1000).toISOString();
    const before = emulator.requestCount();
    const changed = await new SalesforceChangedRecords(sf).changedSince(['Contact', 'Lead', 'Account', 'Case', 'Opportunity'], since, (e) => (e === 'Contact' || e === 'Lead' ? ['Phone'] : []));
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
