import { connectSalesforce, type SalesforceConnection } from '../../../functions/src/adapters/salesforce/connection';
import { SalesforceRecordsById } from '../../../functions/src/adapters/salesforce/records-by-id';
import { buildDemoOrg } from '../../../local/demo-org';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';

/** Gap events read records by id: one SOQL query per entity, over HTTP through real jsforce, against the emulator. */

const org = buildDemoOrg();
const contacts = org.Contact!.slice(0, 3);
let emulator: SalesforceEmulator;
let sf: SalesforceConnection;

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ org: 'demo' });
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
