import type { Connection } from 'jsforce';
import { startSalesforceEmulator, LEAST_PRIVILEGED_USER, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { connectToEmulator } from '../../local/salesforce-emulator/test-client';

/**
 * What a real org refuses that the adapters must cope with: values too big for their field (sizes read from the
 * package's .field-meta.xml), deleted (merged) parents, inactive owners, and Tasks owned by someone else under
 * "Controlled by Parent" sharing (knowledge article 000325945).
 */
type Rec = Record<string, any>;
const V = '/services/data/v62.0';
const UPSERT = `${V}/composite/sobjects/Task/Callwise_Contact_Id__c`;
const REP = '005Dm0000000R01AAA';
const GONE_REP = '005Dm0000000R02AAA';

let sf: SalesforceEmulator;
let conn: Connection;
let contactId: string;

const upsert = (...records: Rec[]) =>
  conn.request<Rec[]>({
    method: 'PATCH',
    url: UPSERT,
    body: JSON.stringify({ allOrNone: false, records: records.map((r) => ({ attributes: { type: 'Task' }, ...r })) }),
    headers: { 'Content-Type': 'application/json' },
  });
const codes = (results: Rec[]) => results.map((r) => (r.success ? 'ok' : r.errors[0].statusCode));
const taskOf = (key: string) => sf.records('Task').find((t) => t.Callwise_Contact_Id__c === key);

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty' });
  sf.insert('User', [
    { Id: REP, LastName: 'Rep', IsActive: true },
    { Id: GONE_REP, LastName: 'Gone', IsActive: false },
  ]);
  [contactId = ''] = sf.insert('Contact', [{ FirstName: 'Ada', LastName: 'Lane' }]);
  conn = await connectToEmulator(sf.url);
});
afterAll(() => sf.stop());
afterEach(() => sf.setIntegrationUser(LEAST_PRIVILEGED_USER));

describe('field sizes from the package metadata', () => {
  it('refuses a 41-character tier (Text(40)) and a ratio of 1000 (Number(5,2)), and takes the largest values that fit', async () => {
    const results = await upsert(
      { Callwise_Contact_Id__c: 'size-1', Callwise_Value_Tier__c: 'T'.repeat(41) },
      { Callwise_Contact_Id__c: 'size-2', Callwise_Talk_Listen_Ratio__c: 1000 },
      { Callwise_Contact_Id__c: 'size-3', Callwise_Value_Tier__c: 'T'.repeat(40), Callwise_Talk_Listen_Ratio__c: 999.994 },
    );

    expect(codes(results)).toEqual(['STRING_TOO_LONG', 'NUMBER_OUTSIDE_VALID_RANGE', 'ok']);
    expect(results[0]!.errors[0].fields).toEqual(['Callwise_Value_Tier__c']);
    expect(taskOf('size-1')).toBeUndefined();
    expect(taskOf('size-3')).toMatchObject({ Callwise_Talk_Listen_Ratio__c: 999.99 });
  });

  it('refuses a call summary past its LongTextArea(32000) and takes one of exactly 32,000 characters', async () => {
    const results = await upsert(
      { Callwise_Contact_Id__c: 'size-5', Callwise_Call_Summary__c: 'w'.repeat(32001) },
      { Callwise_Contact_Id__c: 'size-6', Callwise_Call_Summary__c: 'w'.repeat(32000) },
    );

    expect(codes(results)).toEqual(['STRING_TOO_LONG', 'ok']);
    expect(results[0]!.errors[0].fields).toEqual(['Callwise_Call_Summary__c']);
  });

  it('knows standard field sizes too (Subject is 255 characters)', async () => {
    expect(codes(await upsert({ Callwise_Contact_Id__c: 'size-4', Subject: 'S'.repeat(256) }))).toEqual(['STRING_TOO_LONG']);
  });
});

describe('stale references', () => {
  it('answers ENTITY_IS_DELETED for a WhoId merged away, and INACTIVE_OWNER_OR_USER for an inactive owner', async () => {
    const [merged = ''] = sf.insert('Contact', [{ LastName: 'Loser' }]);
    sf.remove([merged]);

    const results = await upsert(
      { Callwise_Contact_Id__c: 'stale-1', WhoId: merged },
      { Callwise_Contact_Id__c: 'stale-2', OwnerId: GONE_REP },
      { Callwise_Contact_Id__c: 'stale-3', WhoId: '003Dm0000000999AAA' },
    );

    expect(codes(results)).toEqual(['ENTITY_IS_DELETED', 'INACTIVE_OWNER_OR_USER', 'INVALID_CROSS_REFERENCE_KEY']);
  });
});

describe('Tasks owned by someone else (activities Controlled by Parent)', () => {
  it('lets the integration user update its own Task and hand it to the rep, then refuses further updates', async () => {
    expect(codes(await upsert({ Callwise_Contact_Id__c: 'own-1', WhoId: contactId, Subject: 'Inbound call' }))).toEqual(['ok']);
    expect(codes(await upsert({ Callwise_Contact_Id__c: 'own-1', Callwise_CSAT__c: 4, OwnerId: REP }))).toEqual(['ok']);

    const after = await upsert({ Callwise_Contact_Id__c: 'own-1', Callwise_CSAT__c: 5 });

    expect(codes(after)).toEqual(['INSUFFICIENT_ACCESS_OR_READONLY']);
    expect(taskOf('own-1')).toMatchObject({ OwnerId: REP, Callwise_CSAT__c: 4 });
  });

  it('refuses the old design (the rep owns the Task from its first write) unless the user may edit the parent or sits above the rep', async () => {
    expect(codes(await upsert({ Callwise_Contact_Id__c: 'old-1', WhoId: contactId, OwnerId: REP }))).toEqual(['ok']);
    expect(codes(await upsert({ Callwise_Contact_Id__c: 'old-1', Callwise_CSAT__c: 5 }))).toEqual(['INSUFFICIENT_ACCESS_OR_READONLY']);

    sf.setIntegrationUser({ editableParents: ['Contact'], aboveOwnersInRoleHierarchy: false });
    expect(codes(await upsert({ Callwise_Contact_Id__c: 'old-1', Callwise_CSAT__c: 5 }))).toEqual(['ok']);
    sf.setIntegrationUser({ editableParents: [], aboveOwnersInRoleHierarchy: true });
    expect(codes(await upsert({ Callwise_Contact_Id__c: 'old-1', Callwise_CSAT__c: 3 }))).toEqual(['ok']);
  });

  it('refuses deleting a Task owned by someone else', async () => {
    const id = taskOf('old-1')!.Id as string;
    const [result] = await conn.request<Rec[]>({ method: 'DELETE', url: `${V}/composite/sobjects?ids=${id}` });
    expect(result).toMatchObject({ success: false, errors: [{ statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }] });
  });
});
