import type { Connection } from 'jsforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';
import type { ChangeEventMessage } from '../../../local/salesforce-emulator/change-events';
import { connectToEmulator } from '../../../local/salesforce-emulator/test-client';
import { loadEventRelayFixture } from '../../fixtures/event-relay/load';

/** Change events on every write through the API and the emulator's merge, lead conversion and undelete. */

const V = '/services/data/v62.0';
const T0 = Date.parse('2026-11-24T09:00:00.000Z');
let now = T0;
let sf: SalesforceEmulator;
let conn: Connection;
let events: ChangeEventMessage[] = [];
let stopListening: () => void;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sf.url}${V}${path}`, {
    method,
    headers: { Authorization: `Bearer ${conn.accessToken!}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
const createContact = async (fields: Record<string, unknown>) => ((await call('POST', '/sobjects/Contact', fields)).body as { id: string }).id;
const header = (m: ChangeEventMessage) => m.payload.ChangeEventHeader;
const fieldsOf = (m: ChangeEventMessage) => Object.fromEntries(Object.entries(m.payload).filter(([k]) => k !== 'ChangeEventHeader'));
const take = () => events.splice(0);

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty', clock: () => now });
  conn = await connectToEmulator(sf.url);
  stopListening = sf.onChangeEvent((m) => events.push(m));
});
afterAll(async () => {
  stopListening();
  await sf.stop();
});
beforeEach(() => {
  now += 60_000;
  events = [];
});

describe('writes through the API', () => {
  it('a create: CREATE with the record fields, Name nested, the documented header on the emulator clock', async () => {
    now = Date.parse('2026-11-24T10:00:00.000Z');
    const id = await createContact({ FirstName: 'Ada', LastName: 'Quinn', Phone: '+1 415 555 0142' });
    const [event, ...rest] = take();
    expect(rest).toEqual([]);
    expect(header(event!)).toEqual({
      entityName: 'Contact',
      recordIds: [id],
      changeType: 'CREATE',
      changeOrigin: 'com/salesforce/api/rest/62.0',
      transactionKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      sequenceNumber: 1,
      commitTimestamp: 1795514400000,
      commitNumber: expect.any(Number),
      commitUser: expect.stringMatching(/^005/),
      nulledFields: [],
      diffFields: [],
      changedFields: [],
    });
    expect(fieldsOf(event!)).toMatchObject({
      Name: { FirstName: 'Ada', LastName: 'Quinn' },
      Phone: '+1 415 555 0142',
      CreatedDate: '2026-11-24T10:00:00.000Z',
      LastModifiedDate: '2026-11-24T10:00:00.000Z',
    });
    expect(Object.keys(fieldsOf(event!))).not.toEqual(expect.arrayContaining(['Id', 'FirstName', 'SystemModstamp']));
    expect(Object.keys(header(event!)).sort()).toEqual(Object.keys(loadEventRelayFixture('contact-create')[0]!.detail.payload.ChangeEventHeader).sort());
  });

  it('an update carries only the changed fields; a cleared field is in nulledFields; a name part as Name.LastName', async () => {
    const id = await createContact({ FirstName: 'Ben', LastName: 'Okafor', Phone: '+44 20 7946 0958', MobilePhone: '+44 7700 900123', Title: 'Buyer' });
    take();
    now = Date.parse('2026-11-24T11:00:00.000Z');
    await call('PATCH', `/sobjects/Contact/${id}`, { Phone: '+44 20 7946 0999', Title: 'Buyer' });
    await call('PATCH', `/sobjects/Contact/${id}`, { MobilePhone: null, LastName: 'Okafor-Ng' });
    const [phone, cleared] = take();
    expect(header(phone!)).toMatchObject({ changeType: 'UPDATE', recordIds: [id], changedFields: ['Phone', 'LastModifiedDate'], nulledFields: [] });
    expect(fieldsOf(phone!)).toEqual({ Phone: '+44 20 7946 0999', LastModifiedDate: '2026-11-24T11:00:00.000Z' });
    expect(header(cleared!)).toMatchObject({ changedFields: ['MobilePhone', 'Name.LastName', 'LastModifiedDate'], nulledFields: ['MobilePhone'] });
    expect(fieldsOf(cleared!)).toEqual({ Name: { LastName: 'Okafor-Ng' }, MobilePhone: null, LastModifiedDate: '2026-11-24T11:00:00.000Z' });
    expect(header(phone!).transactionKey).not.toBe(header(cleared!).transactionKey);
  });

  it('closing a case changes Status and the derived IsClosed; a delete is header only', async () => {
    const { id } = (await call('POST', '/sobjects/Case', { Subject: 'Wrong VAT', Status: 'New' })).body as { id: string };
    await call('PATCH', `/sobjects/Case/${id}`, { Status: 'Closed' });
    await call('DELETE', `/sobjects/Case/${id}`);
    const [created, closed, deleted] = take();
    expect(header(created!).changeType).toBe('CREATE');
    expect(header(closed!).changedFields).toEqual(['IsClosed', 'Status', 'LastModifiedDate']);
    expect(fieldsOf(closed!)).toMatchObject({ Status: 'Closed', IsClosed: true });
    expect(header(deleted!)).toMatchObject({ entityName: 'Case', changeType: 'DELETE', recordIds: [id], changedFields: [] });
    expect(fieldsOf(deleted!)).toEqual({});
  });

  it('one collections request is one transaction; the same change to several records is one event with their ids', async () => {
    const created = (await call('POST', '/composite/sobjects', { records: [1, 2, 3].map((n) => ({ attributes: { type: 'Account' }, Name: `Acct ${n}` })) }))
      .body as Array<{ id: string }>;
    const ids = created.map((r) => r.id);
    await call('PATCH', '/composite/sobjects', { records: ids.slice(0, 2).map((id) => ({ attributes: { type: 'Account' }, id, Type: 'Customer - Direct' })) });
    const [a, b, c, update, ...rest] = take();
    expect(rest).toEqual([]);
    expect([a, b, c].map((e) => header(e!).sequenceNumber)).toEqual([1, 2, 3]);
    expect(new Set([a, b, c].map((e) => header(e!).transactionKey)).size).toBe(1);
    expect([a, b, c].map((e) => header(e!).recordIds[0])).toEqual(ids);
    expect(header(update!)).toMatchObject({ changeType: 'UPDATE', recordIds: ids.slice(0, 2), sequenceNumber: 1, changedFields: ['Type', 'LastModifiedDate'] });
  });

  it('a rolled-back request (allOrNone) publishes nothing; a Task write publishes nothing (not captured)', async () => {
    const res = await call('POST', '/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Contact' }, LastName: 'Kept?' },
        { attributes: { type: 'Contact' }, LastName: 'x'.repeat(81) },
      ],
    });
    expect(res.status).toBe(200);
    await call('POST', '/sobjects/Task', { Subject: 'Call' });
    expect(take()).toEqual([]);
  });

  it('a composite request is one transaction', async () => {
    await call('POST', '/composite', {
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Composite Co' } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'con', body: { LastName: 'Comp', AccountId: '@{acct.id}' } },
      ],
    });
    const [account, contact] = take();
    expect([header(account!).entityName, header(contact!).entityName]).toEqual(['Account', 'Contact']);
    expect(header(contact!).transactionKey).toBe(header(account!).transactionKey);
    expect(header(contact!).sequenceNumber).toBe(2);
  });
});

describe('merge, lead conversion, undelete', () => {
  it('a merge deletes the losers in one event and then updates the winner, in one transaction; children move silently', async () => {
    const [winner, loser1, loser2] = [
      await createContact({ LastName: 'Win', Phone: '+1 650 555 0100' }),
      await createContact({ LastName: 'Lose1', HomePhone: '+1 650 555 0123' }),
      await createContact({ LastName: 'Lose2' }),
    ];
    const { id: caseId } = (await call('POST', '/sobjects/Case', { Subject: 'Open', Status: 'New', ContactId: loser1 })).body as { id: string };
    take();
    now = Date.parse('2026-11-24T12:00:00.000Z');
    sf.merge(winner, [loser1, loser2], { HomePhone: '+1 650 555 0123' });
    const [deleted, updated, ...rest] = take();
    expect(rest).toEqual([]);
    expect(header(deleted!)).toMatchObject({ changeType: 'DELETE', recordIds: [loser1, loser2], sequenceNumber: 1, changeOrigin: '' });
    expect(header(updated!)).toMatchObject({
      changeType: 'UPDATE',
      recordIds: [winner],
      sequenceNumber: 2,
      changedFields: ['HomePhone', 'LastModifiedDate'],
      transactionKey: header(deleted!).transactionKey,
    });
    const moved = sf.records('Case').find((c) => c.Id === caseId)!;
    expect(moved).toMatchObject({ ContactId: winner, SystemModstamp: '2026-11-24T12:00:00.000+0000' });
  });

  it('a lead conversion creates Account, Contact and Opportunity and updates the Lead, in one transaction', async () => {
    const { id: lead } = (
      await call('POST', '/sobjects/Lead', { FirstName: 'Priya', LastName: 'Natarajan', Company: 'Northwind Labs', Phone: '+1 212 555 0177', Status: 'Open' })
    ).body as { id: string };
    take();
    const converted = sf.convertLead(lead);
    const evs = take();
    expect(evs.map((e) => `${header(e).entityName} ${header(e).changeType} ${header(e).sequenceNumber}`)).toEqual([
      'Account CREATE 1',
      'Contact CREATE 2',
      'Opportunity CREATE 3',
      'Lead UPDATE 4',
    ]);
    expect(evs.map((e) => header(e).recordIds[0])).toEqual([converted.accountId, converted.contactId, converted.opportunityId, lead]);
    expect(fieldsOf(evs[1]!)).toMatchObject({ Name: { FirstName: 'Priya', LastName: 'Natarajan' }, Phone: '+1 212 555 0177', AccountId: converted.accountId });
    expect(fieldsOf(evs[3]!)).toMatchObject({
      IsConverted: true,
      ConvertedContactId: converted.contactId,
      ConvertedAccountId: converted.accountId,
      Status: 'Closed - Converted',
    });
    expect(() => sf.convertLead(lead)).toThrow(/already converted/);
  });

  it('an undelete brings the record back with all its fields', async () => {
    const id = await createContact({ LastName: 'Back', Phone: '+1 212 555 0188' });
    await call('DELETE', `/sobjects/Contact/${id}`);
    take();
    sf.undelete([id]);
    const [event] = take();
    expect(header(event!)).toMatchObject({ changeType: 'UNDELETE', recordIds: [id] });
    expect(fieldsOf(event!)).toMatchObject({ Name: { LastName: 'Back' }, Phone: '+1 212 555 0188' });
    expect(sf.records('Contact').some((c) => c.Id === id)).toBe(true);
  });
});
