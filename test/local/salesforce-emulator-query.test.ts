import fc from 'fast-check';
import type { Connection } from 'jsforce';
import { soqlString } from '../../functions/src/adapters/salesforce/soql';
import { CALL_TASK_FIELDS } from '../../functions/src/domain/outcome/call-task-fields';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { runQuery } from '../../local/salesforce-emulator/soql-query';
import { RecordStore } from '../../local/salesforce-emulator/store';
import { connectToEmulator } from '../../local/salesforce-emulator/test-client';

type Rec = Record<string, any>;

let sf: SalesforceEmulator;
let conn: Connection;
let ids: { acme: string; globex: string; ada: string; bob: string; cy: string; owner: string };

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty', today: '2026-11-24' });
  const [owner = ''] = sf.insert('User', [{ FirstName: 'Rita', LastName: 'Rep', IsActive: true }]);
  const [acme = '', globex = ''] = sf.insert('Account', [
    { Name: 'Acme Corp', Type: 'Customer - Direct', AnnualRevenue: 5_000_000, OwnerId: owner, Callwise_Tier__c: 'Gold' },
    { Name: 'Globex', Type: 'Prospect', AnnualRevenue: 250_000, OwnerId: owner, Callwise_Tier__c: null },
  ]);
  const [ada = '', bob = '', cy = ''] = sf.insert('Contact', [
    { FirstName: 'Ada', LastName: "O'Hara", AccountId: acme, OwnerId: owner, Email: 'ada@acme.example', CreatedDate: '2026-11-24T09:00:00.000+0000' },
    { FirstName: 'Bob', LastName: 'Baker', AccountId: globex, OwnerId: owner, Email: null, CreatedDate: '2026-11-20T09:00:00.000+0000' },
    { FirstName: 'Cy', LastName: 'Cole', AccountId: null, OwnerId: owner, Email: 'cy@example.org', CreatedDate: '2026-09-01T09:00:00.000+0000' },
  ]);
  sf.insert('Opportunity', [
    { Name: 'Acme renewal', AccountId: acme, StageName: 'Negotiation/Review', Amount: 1000, CloseDate: '2026-11-30', Type: 'Renewal' },
    { Name: 'Acme upsell', AccountId: acme, StageName: 'Closed Won', Amount: 3000, CloseDate: '2026-10-01', Type: 'New Customer' },
    { Name: 'Globex pilot', AccountId: globex, StageName: 'Prospecting', Amount: 2000, CloseDate: '2027-02-01', Type: 'New Customer' },
  ]);
  sf.insert('Task', [{ Subject: 'Call', WhoId: ada, WhatId: acme, Status: 'Completed', OwnerId: owner }]);
  sf.insert('Callwise_Intent__mdt', [{ DeveloperName: 'Billing', Label: 'Billing', Priority__c: 2 }]);
  ids = { acme, globex, ada, bob, cy, owner };
  conn = await connectToEmulator(sf.url);
});

afterAll(() => sf.stop());

const names = async (soql: string) => (await conn.query<Rec>(soql)).records.map((r) => r.Name);

describe('SOQL through jsforce', () => {
  it('returns records with attributes and parent relationship fields', async () => {
    const result = await conn.query<Rec>(`SELECT Id, Name, Account.Name, Owner.Name FROM Contact WHERE Id = '${ids.ada}'`);
    expect(result).toMatchObject({ totalSize: 1, done: true });
    expect(result.records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${ids.ada}` },
      Id: ids.ada,
      Name: "Ada O'Hara",
      Account: { attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids.acme}` }, Name: 'Acme Corp' },
      Owner: { attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${ids.owner}` }, Name: 'Rita Rep' },
    });
  });

  it('answers null for a missing parent and resolves polymorphic Who.Name', async () => {
    const [cy] = (await conn.query<Rec>(`SELECT Account.Name FROM Contact WHERE Id = '${ids.cy}'`)).records;
    expect(cy?.Account).toBeNull();
    const [task] = (await conn.query<Rec>('SELECT Who.Name, What.Name, Account.Name FROM Task')).records;
    expect(task?.Who).toMatchObject({ attributes: { type: 'Name' }, Name: "Ada O'Hara" });
    expect(task?.Account?.Name).toBe('Acme Corp');
  });

  it.each([
    ["Name = 'bob baker'", ['Bob Baker']],
    ["Name != 'Bob Baker'", ["Ada O'Hara", 'Cy Cole']],
    ["Name LIKE 'C%'", ['Cy Cole']],
    ["LastName = 'O\\'Hara'", ["Ada O'Hara"]],
    ['Email = null', ['Bob Baker']],
    ['Email != null', ["Ada O'Hara", 'Cy Cole']],
    ["Name IN ('Cy Cole', 'Bob Baker')", ['Bob Baker', 'Cy Cole']],
    ["Name NOT IN ('Cy Cole')", ["Ada O'Hara", 'Bob Baker']],
    ["Account.Name = 'Acme Corp' OR Account.Name = 'Globex'", ["Ada O'Hara", 'Bob Baker']],
    ["NOT (Account.Name = 'Acme Corp' OR Email = null)", ['Cy Cole']],
    ["(Email = null OR FirstName = 'Cy') AND Account.Type = 'Prospect'", ['Bob Baker']],
    ['CreatedDate = TODAY', ["Ada O'Hara"]],
    ['CreatedDate = LAST_N_DAYS:7', ["Ada O'Hara", 'Bob Baker']],
    ['CreatedDate < LAST_N_DAYS:7', ['Cy Cole']],
    ['CreatedDate > 2026-11-20T10:00:00Z', ["Ada O'Hara"]],
  ])('filters WHERE %s', async (where, expected) => {
    expect(await names(`SELECT Name FROM Contact WHERE ${where} ORDER BY Name`)).toEqual(expected);
  });

  it.each([
    ['ORDER BY Name DESC', ['Cy Cole', 'Bob Baker', "Ada O'Hara"]],
    ['ORDER BY Account.Name ASC NULLS FIRST', ['Cy Cole', "Ada O'Hara", 'Bob Baker']],
    ['ORDER BY Account.Name ASC NULLS LAST', ["Ada O'Hara", 'Bob Baker', 'Cy Cole']],
    ['ORDER BY Name LIMIT 2', ["Ada O'Hara", 'Bob Baker']],
    ['ORDER BY Name LIMIT 1 OFFSET 1', ['Bob Baker']],
  ])('sorts and pages with %s; totalSize is the rows returned', async (tail, expected) => {
    const result = await conn.query<Rec>(`SELECT Name FROM Contact ${tail}`);
    expect(result.records.map((r) => r.Name)).toEqual(expected);
    expect(result.totalSize).toBe(expected.length);
  });

  it.each([
    ['CloseDate = NEXT_N_DAYS:10', ['Acme renewal']],
    ['CloseDate < TODAY', ['Acme upsell']],
    ['CloseDate > 2026-12-31', ['Globex pilot']],
    ['IsClosed = false AND Amount >= 1500', ['Globex pilot']],
    ['IsWon = true', ['Acme upsell']],
    ["Type = 'Renewal' AND Account.Callwise_Tier__c = 'Gold'", ['Acme renewal']],
  ])('handles dates, booleans and numbers: %s', async (where, expected) => {
    expect(await names(`SELECT Name FROM Opportunity WHERE ${where} ORDER BY Name`)).toEqual(expected);
  });

  it('counts with COUNT() and child subqueries', async () => {
    expect((await conn.query('SELECT COUNT() FROM Contact WHERE AccountId != null')).totalSize).toBe(2);
    const [acme] = (await conn.query<Rec>(`SELECT Name, (SELECT Name FROM Opportunities WHERE IsClosed = false) FROM Account WHERE Id = '${ids.acme}'`))
      .records;
    expect(acme?.Opportunities).toMatchObject({ totalSize: 1, done: true, records: [{ Name: 'Acme renewal' }] });
  });

  it('matches an 18-character id by its 15-character form, case-sensitively', async () => {
    expect(await names(`SELECT Name FROM Contact WHERE Id = '${ids.bob.slice(0, 15)}'`)).toEqual(['Bob Baker']);
    expect(await names(`SELECT Name FROM Contact WHERE Id = '${ids.bob.toLowerCase()}'`)).toEqual([]);
    expect(await names(`SELECT Name FROM Contact WHERE AccountId IN ('${ids.acme}', '${ids.globex.slice(0, 15)}') ORDER BY Name`)).toEqual([
      "Ada O'Hara",
      'Bob Baker',
    ]);
  });

  it.each([
    ['SELECT COUNT(Id), SUM(Amount) total, MAX(CloseDate) FROM Opportunity', [{ expr0: 3, total: 6000, expr1: '2027-02-01' }]],
    [
      'SELECT StageName, COUNT(Id) n FROM Opportunity WHERE Amount > 1000 GROUP BY StageName ORDER BY StageName',
      [
        { StageName: 'Closed Won', n: 1 },
        { StageName: 'Prospecting', n: 1 },
      ],
    ],
    [
      'SELECT Account.Name, AVG(Amount) FROM Opportunity GROUP BY Account.Name ORDER BY Name DESC',
      [
        { Name: 'Globex', expr0: 2000 },
        { Name: 'Acme Corp', expr0: 2000 },
      ],
    ],
    ['SELECT IsClosed, COUNT(Id) FROM Opportunity GROUP BY IsClosed ORDER BY IsClosed LIMIT 1', [{ IsClosed: false, expr0: 2 }]],
  ])('aggregates: %s', async (soql, expected) => {
    const result = await conn.query<Rec>(soql);
    expect(result.records).toEqual(expected.map((e) => ({ attributes: { type: 'AggregateResult' }, ...e })));
    expect(result.totalSize).toBe(expected.length);
  });

  it('rejects a selected field that is neither grouped nor aggregated', async () => {
    await expect(conn.query('SELECT Name, COUNT(Id) FROM Opportunity GROUP BY StageName')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  it('queries any object, custom metadata included', async () => {
    const result = await conn.query<Rec>("SELECT DeveloperName, Priority__c FROM Callwise_Intent__mdt WHERE DeveloperName = 'Billing'");
    expect(result.records).toEqual([expect.objectContaining({ DeveloperName: 'Billing', Priority__c: 2 })]);
  });

  it.each([
    ['SELEC Id FROM Contact', 'MALFORMED_QUERY'],
    ["SELECT Id FROM Contact WHERE Name = 'unterminated", 'MALFORMED_QUERY'],
    ['SELECT Nonsense__c FROM Contact', 'INVALID_FIELD'],
    ['SELECT Id FROM Task WHERE Callwise_Not_A_Field__c = 1', 'INVALID_FIELD'],
    ['SELECT Foo.Name FROM Contact', 'INVALID_FIELD'],
  ])('rejects %s with %s', async (soql, errorCode) => {
    await expect(conn.query(soql)).rejects.toMatchObject({ errorCode });
  });

  it('knows every Call Task field on Task', async () => {
    const result = await conn.query(`SELECT Id, TaskSubtype, CallObject, ${CALL_TASK_FIELDS.map((f) => f.apiName).join(', ')} FROM Task`);
    expect(result.totalSize).toBe(1);
  });
});

describe('SOQL string literals', () => {
  it('reads back any value escaped with soqlString, quotes, backslashes, tabs and newlines included', () => {
    const store = new RecordStore(() => '2026-11-24T00:00:00.000+0000');
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }).filter((s) => s.trim() !== '' && !/[\u0000-\u0007\u000b\u000e-\u001f\u007f]/.test(s)),
        (name) => {
          const [id] = store.insert('Account', [{ Name: name }]);
          const result = runQuery(`SELECT Id FROM Account WHERE Name = ${soqlString(name)}`, { store, today: '2026-11-24', version: '62.0' });
          expect(result.records.map((r) => r.Id)).toContain(id);
        },
      ),
      { numRuns: 300, seed: 20261124 },
    );
  });
});
