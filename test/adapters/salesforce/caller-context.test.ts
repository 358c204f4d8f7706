import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { contextRequests, readContext, type ContextPart } from '../../../functions/src/adapters/salesforce/caller-context';
import { buildPhoneSearch, toMatchRow } from '../../../functions/src/adapters/salesforce/caller-directory';
import type { CompositeSubresponse } from '../../../functions/src/adapters/salesforce/connection';
import type { CallerCandidate } from '../../../functions/src/domain/routing/caller-match';

const candidate = (overrides: Partial<CallerCandidate>): CallerCandidate => ({
  id: '003C',
  type: 'Contact',
  name: 'Ada',
  ownerId: '005Dm000000001AAA',
  accountId: '001A',
  lastModified: '',
  ...overrides,
});
const soqlOf = (path: string) => decodeURIComponent(path.replace(/^\/query\?q=/, ''));
const parts = (c: CallerCandidate) => contextRequests(c).map((r) => r.referenceId);

describe('contextRequests: one composite request, at most 5 queries', () => {
  it.each<[string, Partial<CallerCandidate>, ContextPart[]]>([
    ['a Contact on an Account', {}, ['account', 'cases', 'caseCount', 'opportunities', 'calls']],
    ['a Contact without account', { accountId: '' }, ['cases', 'caseCount', 'calls']],
    ['a Person Account', { id: '001P', type: 'PersonAccount', accountId: '001P' }, ['account', 'cases', 'caseCount', 'opportunities', 'calls']],
    ['a business Account', { id: '001B', type: 'Account', accountId: '001B' }, ['account', 'cases', 'caseCount', 'opportunities', 'calls']],
    ['a Lead (recent calls only)', { id: '00Q1', type: 'Lead', accountId: '' }, ['calls']],
  ])('%s', (_, overrides, expected) => {
    const requests = contextRequests(candidate(overrides));
    expect(requests.map((r) => r.referenceId)).toEqual(expected);
    expect(requests.length).toBeLessThanOrEqual(5);
    for (const r of requests) expect(() => parseQuery(soqlOf(r.path))).not.toThrow();
  });

  it('asks for what routing uses, newest first', () => {
    const soql = Object.fromEntries(contextRequests(candidate({})).map((r) => [r.referenceId, soqlOf(r.path)]));
    expect(soql.account).toBe("SELECT Id, Name, Callwise_Tier__c, AnnualRevenue, Type, OwnerId, Callwise_Overdue_Invoice__c FROM Account WHERE Id = '001A'");
    expect(soql.cases).toBe(
      "SELECT Id, Subject, Priority, CreatedDate FROM Case WHERE IsClosed = false AND (ContactId = '003C' OR AccountId = '001A') ORDER BY CreatedDate DESC LIMIT 5",
    );
    expect(soql.caseCount).toBe("SELECT COUNT() FROM Case WHERE IsClosed = false AND (ContactId = '003C' OR AccountId = '001A')");
    expect(soql.opportunities).toMatch(/FROM Opportunity WHERE IsClosed = false AND AccountId = '001A'/);
    expect(soql.calls).toBe(
      "SELECT Id, CreatedDate, Callwise_Intent__c, OwnerId FROM Task WHERE TaskSubtype = 'Call' AND WhoId = '003C' ORDER BY CreatedDate DESC LIMIT 5",
    );
    expect(soqlOf(contextRequests(candidate({ type: 'Account', id: '001B', accountId: '001B' })).at(-1)!.path)).toMatch(/WhatId = '001B'/);
  });

  it('escapes ids read back from Salesforce too', () => {
    const hostile = candidate({ id: "003' OR Name != '", accountId: "001') OR (IsClosed = true" });
    for (const r of contextRequests(hostile)) {
      const where = JSON.stringify(parseQuery(soqlOf(r.path)).where);
      expect(where).not.toMatch(/"field":"Name"/);
      expect(where).not.toMatch(/"field":"IsClosed","operator":"=","literalType":"BOOLEAN","value":"true"/);
    }
  });
});

describe('readContext: maps the composite answer, a failed part stays empty', () => {
  const ok = (referenceId: string, records: object[], totalSize = records.length): CompositeSubresponse => ({
    referenceId,
    httpStatusCode: 200,
    body: { totalSize, done: true, records },
  });
  const failed = (referenceId: string, errorCode = 'INVALID_FIELD'): CompositeSubresponse => ({
    referenceId,
    httpStatusCode: 400,
    body: [{ errorCode, message: 'No such column' }],
  });
  const c = candidate({});
  const expected = parts(c);
  const all = [
    ok('account', [
      {
        Id: '001A',
        Name: 'Acme',
        Callwise_Tier__c: 'Gold',
        AnnualRevenue: 5e6,
        Type: 'Customer',
        OwnerId: '005Dm000000002AAA',
        Callwise_Overdue_Invoice__c: true,
      },
    ]),
    ok('cases', [
      { Id: '500N', Subject: 'Broken', Priority: 'High' },
      { Id: '500O', Subject: 'Older', Priority: 'Low' },
    ]),
    ok('caseCount', [], 7),
    ok('opportunities', [
      { Id: '006A', Name: 'Renewal', StageName: 'Negotiation/Review', Amount: 120000, CloseDate: '2026-12-15', Type: 'Existing Customer' },
      { Id: '006B', StageName: 'Prospecting', CloseDate: '2027-01-10', Amount: null },
    ]),
    ok('calls', [
      { CreatedDate: '2026-11-26T09:30:00.000+0000', Callwise_Intent__c: 'billing', OwnerId: '005Dm000000003AAA' },
      { CreatedDate: '2026-11-20T09:30:00.000+0000', Callwise_Intent__c: null, OwnerId: '005Dm000000004AAA' },
    ]),
  ];

  it('maps every part', () => {
    const { context, failed: failures } = readContext(c, all, expected);
    expect(failures).toEqual([]);
    expect(context).toEqual({
      account: { id: '001A', name: 'Acme', tier: 'Gold', annualRevenue: 5e6, type: 'Customer', ownerId: '005Dm000000002AAA', overdueInvoice: true },
      openCases: { count: 7, latestId: '500N', latestSubject: 'Broken', latestPriority: 'High' },
      openOpportunities: [
        { id: '006A', name: 'Renewal', stageName: 'Negotiation/Review', amount: 120000, closeDate: '2026-12-15', type: 'Existing Customer' },
        { id: '006B', name: '', stageName: 'Prospecting', amount: 0, closeDate: '2027-01-10', type: '' },
      ],
      recentCalls: [
        { at: '2026-11-26T09:30:00.000Z', intent: 'billing', ownerId: '005Dm000000003AAA' },
        { at: '2026-11-20T09:30:00.000Z', intent: '', ownerId: '005Dm000000004AAA' },
      ],
    });
  });

  it.each<[ContextPart, object]>([
    ['account', { account: { id: '001A', name: '', tier: '', annualRevenue: 0, type: '', ownerId: '', overdueInvoice: false } }],
    ['cases', { openCases: { count: 7, latestId: '', latestSubject: '', latestPriority: '' } }],
    ['caseCount', { openCases: { count: 2, latestId: '500N', latestSubject: 'Broken', latestPriority: 'High' } }],
    ['opportunities', { openOpportunities: [] }],
    ['calls', { recentCalls: [] }],
  ])('a failed %s query empties only that part', (part, expectedPart) => {
    const responses = all.map((r) => (r.referenceId === part ? failed(part) : r));
    const { context, failed: failures } = readContext(c, responses, expected);
    expect(failures).toEqual([{ part, errorCode: 'INVALID_FIELD' }]);
    expect(context).toMatchObject(expectedPart);
    const others = readContext(c, all, expected).context;
    for (const key of ['account', 'openOpportunities', 'recentCalls'] as const) if (!(key in expectedPart)) expect(context[key]).toEqual(others[key]);
  });

  it('a missing answer counts as failed; a Lead has no account', () => {
    const lead = candidate({ id: '00Q1', type: 'Lead', accountId: '' });
    const { context, failed: failures } = readContext(lead, [], parts(lead));
    expect(failures).toEqual([{ part: 'calls', errorCode: 'NO_RESPONSE' }]);
    expect(context).toEqual({ openCases: { count: 0, latestId: '', latestSubject: '', latestPriority: '' }, openOpportunities: [], recentCalls: [] });
  });
});

describe('the SOSL phone search', () => {
  it('searches phone fields for escaped digits, open Leads only, person account fields only when enabled', () => {
    const plain = buildPhoneSearch(['14155550123', '4155550123'], false);
    expect(plain).toMatch(
      /^FIND \{14155550123 OR 4155550123\} IN PHONE FIELDS RETURNING Contact\(.*\), Lead\(.* WHERE IsConverted = false LIMIT 25\), Account\(.*\)$/,
    );
    expect(plain).not.toMatch(/Person|IsPersonAccount/);
    expect(buildPhoneSearch(['4155550123'], true)).toMatch(/Account\(.*IsPersonAccount, PersonMobilePhone/);
    expect(buildPhoneSearch(['} RETURNING User(Id'], false)).toMatch(/^FIND \{\\\} RETURNING User\\\(Id\} IN PHONE FIELDS/);
  });

  it('maps rows to the domain, dropping other types', () => {
    expect(toMatchRow({ attributes: { type: 'User' }, Id: '005X' })).toBeUndefined();
    expect(toMatchRow({ attributes: { type: 'Contact' } })).toBeUndefined();
    expect(
      toMatchRow({
        attributes: { type: 'Account' },
        Id: '001P',
        Name: 'Pat',
        OwnerId: '005',
        LastModifiedDate: 'x',
        Phone: null,
        IsPersonAccount: true,
        PersonMobilePhone: '415',
      }),
    ).toEqual({
      type: 'Account',
      id: '001P',
      name: 'Pat',
      ownerId: '005',
      lastModified: 'x',
      isPersonAccount: true,
      phones: [null, '415', null, null, null],
    });
  });
});
