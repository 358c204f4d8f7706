import type { Connection } from 'jsforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { connectToEmulator } from '../../local/salesforce-emulator/test-client';

type Rec = Record<string, any>;
const V = '/services/data/v62.0';
const UPSERT = `${V}/composite/sobjects/Task/Callwise_Contact_Id__c`;

let sf: SalesforceEmulator;
let conn: Connection;
let contactId: string;

const task = (contactKey: string, extra: Rec = {}) => ({ attributes: { type: 'Task' }, Callwise_Contact_Id__c: contactKey, Subject: 'Inbound call', ...extra });
const patch = (url: string, body: unknown) =>
  conn.request<Rec[]>({ method: 'PATCH', url, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const tasksWith = (key: string) => sf.records('Task').filter((t) => t.Callwise_Contact_Id__c === key);

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty' });
  [contactId = ''] = sf.insert('Contact', [{ FirstName: 'Ada', LastName: 'Lane' }]);
  conn = await connectToEmulator(sf.url);
});

afterAll(() => sf.stop());

describe('sObject Collections upsert on Callwise_Contact_Id__c', () => {
  it('creates, then updates the same Task, reporting created per record', async () => {
    const first = await patch(UPSERT, { allOrNone: false, records: [task('k-1', { TaskSubtype: 'Call', WhoId: contactId, Status: 'Completed' })] });
    expect(first).toEqual([{ id: expect.stringMatching(/^00T\w{15}$/), success: true, created: true, errors: [] }]);
    const second = await patch(UPSERT, { allOrNone: false, records: [task('k-1', { Callwise_CSAT__c: 5 })] });
    expect(second).toEqual([{ id: first[0]!.id, success: true, created: false, errors: [] }]);
    expect(tasksWith('k-1')).toEqual([
      expect.objectContaining({ Id: first[0]!.id, TaskSubtype: 'Call', Callwise_CSAT__c: 5, WhoId: contactId, IsClosed: true }),
    ]);
  });

  it('rejects the create-only TaskSubtype on an update, for that record only', async () => {
    const results = await patch(UPSERT, { allOrNone: false, records: [task('k-1', { TaskSubtype: 'Call' }), task('k-2', { TaskSubtype: 'Call' })] });
    expect(results[0]).toEqual({
      success: false,
      errors: [expect.objectContaining({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['TaskSubtype'] })],
    });
    expect(results[1]).toMatchObject({ success: true, created: true });
  });

  // StatusCode reference (SOAP API, Core Data Types): DUPLICATE_VALUE is a value supplied twice where it must be
  // unique; DUPLICATE_EXTERNAL_ID is an external ID that matches more than one record during an upsert.
  it('flags an external id repeated within one request with DUPLICATE_VALUE on each of those records', async () => {
    const results = await patch(UPSERT, { allOrNone: false, records: [task('dup'), task('k-3'), task('dup')] });
    expect(results.map((r) => r.errors[0]?.statusCode ?? 'ok')).toEqual(['DUPLICATE_VALUE', 'ok', 'DUPLICATE_VALUE']);
    expect(tasksWith('dup')).toHaveLength(0);
  });

  it('answers DUPLICATE_EXTERNAL_ID when the external id matches two existing rows', async () => {
    sf.insert('Task', [
      { Callwise_Contact_Id__c: 'twice', Subject: 'a' },
      { Callwise_Contact_Id__c: 'twice', Subject: 'b' },
    ]);
    const [result] = await patch(UPSERT, { allOrNone: false, records: [task('twice')] });
    expect(result).toMatchObject({ success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID' }] });
  });

  it('rolls everything back under allOrNone when one record fails', async () => {
    const results = await patch(UPSERT, { allOrNone: true, records: [task('aon-1'), task('aon-2', { WhoId: 'not-an-id' })] });
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'MALFORMED_ID']);
    expect(tasksWith('aon-1')).toHaveLength(0);
  });

  it.each([
    [200, 'accepts'],
    [201, 'rejects'],
  ])('%s records: %s', async (count, verdict) => {
    const records = Array.from({ length: count }, (_, i) => task(`cap-${count}-${i}`));
    const call = patch(UPSERT, { allOrNone: false, records });
    if (verdict === 'accepts') expect(await call).toHaveLength(200);
    else await expect(call).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
  });

  it('fails the whole request for an unknown Task field', async () => {
    await expect(patch(UPSERT, { allOrNone: false, records: [task('k-9', { Callwise_Bogus__c: 1 })] })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('creates with POST and updates by id with PATCH /composite/sobjects', async () => {
    const created = await conn.requestPost<Rec[]>(`${V}/composite/sobjects`, {
      allOrNone: false,
      records: [{ attributes: { type: 'Task' }, Subject: 'Follow up' }],
    });
    expect(created).toEqual([{ id: expect.any(String), success: true, errors: [] }]);
    const updated = await patch(`${V}/composite/sobjects`, {
      allOrNone: false,
      records: [
        { attributes: { type: 'Task' }, id: created[0]!.id, Status: 'Completed' },
        { attributes: { type: 'Task' }, id: '00TDm0000009999IAA', Status: 'Completed' },
      ],
    });
    expect(updated.map((r) => r.success)).toEqual([true, false]);
    expect(sf.records('Task').find((t) => t.Id === created[0]!.id)).toMatchObject({ Status: 'Completed', IsClosed: true });
  });
});

describe('jsforce SObject helpers', () => {
  it('upserts, creates, retrieves, updates and deletes several records through collections', async () => {
    const upserted = (await conn.sobject('Task').upsert([task('sh-1'), task('sh-2')], 'Callwise_Contact_Id__c')) as unknown as Rec[];
    expect(upserted.map((r) => [r.success, (r as Rec).created])).toEqual([
      [true, true],
      [true, true],
    ]);
    const created = await conn.sobject('Task').create([{ Subject: 'one' }, { Subject: 'two' }]);
    const ids = created.map((r) => String(r.id));
    expect(await conn.sobject('Task').retrieve(ids, { fields: ['Subject', 'Status', 'OwnerId'] })).toEqual([
      expect.objectContaining({ Subject: 'one', Status: 'Not Started', OwnerId: expect.stringMatching(/^005/) }),
      expect.objectContaining({ Subject: 'two' }),
    ]);
    expect(await conn.sobject('Task').update([{ Id: ids[0]!, Subject: 'uno' }])).toEqual([expect.objectContaining({ success: true })]);
    expect((await conn.sobject('Task').destroy(ids)).map((r) => r.success)).toEqual([true, true]);
    expect(sf.records('Task').filter((t) => ids.includes(String(t.Id)))).toEqual([]);
  });

  it('writes and reads a custom object it has never seen', async () => {
    const [created] = await conn.sobject('Callwise_Note__c').create([{ Body__c: 'first' }]);
    await conn.sobject('Callwise_Note__c').update([{ Id: String(created!.id), Body__c: 'edited' }]);
    const result = await conn.query<Rec>('SELECT Id, Body__c FROM Callwise_Note__c');
    expect(result.records).toEqual([expect.objectContaining({ Id: created!.id, Body__c: 'edited' })]);
    expect(String(created!.id)).toMatch(/^a00Dm/);
  });

  it('pages query results past 2,000 rows with nextRecordsUrl', async () => {
    sf.insert(
      'Event',
      Array.from({ length: 2300 }, (_, i) => ({ Subject: `e${i}` })),
    );
    const first = await conn.query('SELECT Id FROM Event');
    expect([first.totalSize, first.records.length, first.done]).toEqual([2300, 2000, false]);
    const rest = await conn.queryMore(first.nextRecordsUrl!);
    expect([rest.records.length, rest.done]).toEqual([300, true]);
  });
});

describe('single-record REST', () => {
  const url = (key: string) => `${V}/sobjects/Task/Callwise_Contact_Id__c/${key}`;

  it('upserts by external id: 201 created, then an update', async () => {
    const created = await conn.request<Rec>({
      method: 'PATCH',
      url: url('single-1'),
      body: JSON.stringify({ Subject: 'Call' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(created).toEqual({ id: expect.any(String), success: true, errors: [], created: true });
    const updated = await conn.request<Rec>({
      method: 'PATCH',
      url: url('single-1'),
      body: JSON.stringify({ Subject: 'Call again' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(updated).toMatchObject({ id: created.id, created: false });
    const read = await conn.request<Rec>(`${V}/sobjects/Task/${created.id}?fields=Subject`);
    expect(read).toEqual({ attributes: { type: 'Task', url: `${V}/sobjects/Task/${created.id}` }, Subject: 'Call again' });
  });

  it('answers 300 when the external id matches several records', async () => {
    await expect(conn.request(url('twice'))).rejects.toMatchObject({ errorCode: 'MULTIPLE_CHOICES' });
  });

  it('creates with POST, 404s an unknown id, and enforces the unique external id', async () => {
    const created = await conn.requestPost<Rec>(`${V}/sobjects/Task`, { Subject: 'New', Callwise_Contact_Id__c: 'post-1' });
    expect(created).toMatchObject({ success: true });
    await expect(conn.requestPost(`${V}/sobjects/Task`, { Subject: 'Again', Callwise_Contact_Id__c: 'post-1' })).rejects.toMatchObject({
      errorCode: 'DUPLICATE_VALUE',
    });
    await expect(conn.request(`${V}/sobjects/Task/00TDm0000009999IAA`)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});

describe('composite', () => {
  it('runs subrequests with references and counts as one API request', async () => {
    sf.resetCounters();
    const body = {
      compositeRequest: [
        { method: 'GET', url: `${V}/query?q=${encodeURIComponent(`SELECT Id, Name FROM Contact WHERE Id = '${contactId}'`)}`, referenceId: 'who' },
        { method: 'GET', url: `${V}/sobjects/Contact/@{who.records[0].Id}?fields=Name`, referenceId: 'contact' },
        { method: 'GET', url: `${V}/query?q=${encodeURIComponent("SELECT Id FROM Task WHERE Callwise_Contact_Id__c = 'k-1'")}`, referenceId: 'tasks' },
      ],
    };
    const result = await conn.requestPost<{ compositeResponse: Rec[] }>(`${V}/composite`, body);
    expect(result.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([
      ['who', 200],
      ['contact', 200],
      ['tasks', 200],
    ]);
    expect(result.compositeResponse[1]!.body.Name).toBe('Ada Lane');
    expect(result.compositeResponse[2]!.body.totalSize).toBe(1);
    expect(sf.requestCount()).toBe(1);
  });

  it('refuses a composite with 6 query or collection subrequests, as Salesforce does, and runs none of them', async () => {
    const query = (i: number) => ({ method: 'GET', url: `${V}/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`, referenceId: `q${i}` });
    const five = await conn.requestPost<{ compositeResponse: Rec[] }>(`${V}/composite`, { compositeRequest: [0, 1, 2, 3, 4].map(query) });
    expect(five.compositeResponse.map((r) => r.httpStatusCode)).toEqual([200, 200, 200, 200, 200]);
    const collection = {
      method: 'POST',
      url: `${V}/composite/sobjects`,
      referenceId: 'create',
      body: { records: [{ attributes: { type: 'Task' }, Subject: 'Never written' }] },
    };
    const before = sf.records('Task').length;
    await expect(conn.requestPost(`${V}/composite`, { compositeRequest: [...[0, 1, 2, 3, 4, 5].map(query)] })).rejects.toMatchObject({
      errorCode: 'LIMIT_EXCEEDED',
    });
    await expect(conn.requestPost(`${V}/composite`, { compositeRequest: [collection, ...[0, 1, 2, 3, 4].map(query)] })).rejects.toMatchObject({
      errorCode: 'LIMIT_EXCEEDED',
    });
    expect(sf.records('Task')).toHaveLength(before);
  });

  it('reports a failing subrequest in place, and halts the rest under allOrNone', async () => {
    const bad = { method: 'GET', url: `${V}/query?q=SELEC`, referenceId: 'bad' };
    const good = { method: 'GET', url: `${V}/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`, referenceId: 'good' };
    const loose = await conn.requestPost<{ compositeResponse: Rec[] }>(`${V}/composite`, { compositeRequest: [bad, good] });
    expect(loose.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 200]);
    expect(loose.compositeResponse[0]!.body[0].errorCode).toBe('MALFORMED_QUERY');
    const strict = await conn.requestPost<{ compositeResponse: Rec[] }>(`${V}/composite`, { allOrNone: true, compositeRequest: [bad, good] });
    expect(strict.compositeResponse[1]!.body[0].errorCode).toBe('PROCESSING_HALTED');
  });

  it('creates a record and reads it back by reference, with its Location', async () => {
    const result = await conn.requestPost<{ compositeResponse: Rec[] }>(`${V}/composite`, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Task`, referenceId: 'task', body: { Subject: 'Composite', WhoId: contactId } },
        { method: 'GET', url: `${V}/sobjects/Task/@{task.id}?fields=Subject,WhoId`, referenceId: 'read' },
      ],
    });
    const [created, read] = result.compositeResponse;
    expect(created).toMatchObject({ httpStatusCode: 201, httpHeaders: { Location: `${V}/sobjects/Task/${created!.body.id}` } });
    expect(read!.body).toMatchObject({ Subject: 'Composite', WhoId: contactId });
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: `${V}/sobjects/Contact/${contactId}`, referenceId: `r${i}` }));
    await expect(conn.requestPost(`${V}/composite`, { compositeRequest })).rejects.toMatchObject({ errorCode: 'INVALID_API_INPUT' });
  });
});
