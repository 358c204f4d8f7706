import { buildPhoneSearch, SalesforceCallerDirectory } from '../../../functions/src/adapters/salesforce/caller-directory';
import type { FailedPart } from '../../../functions/src/adapters/salesforce/caller-context';
import { connectSalesforce, type SalesforceConnection } from '../../../functions/src/adapters/salesforce/connection';
import { SalesforceApiError } from '../../../functions/src/adapters/salesforce/api';
import { CallerProfileSchema } from '../../../functions/src/domain/routing/caller-profile';
import { toE164 } from '../../../functions/src/domain/routing/phone';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers, type PhoneBookEntry } from '../../../local/demo-org';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';

/** Caller lookups against the emulator seeded with the demo org, over HTTP through real jsforce. */

type Row = Record<string, unknown>;
const NOW = new Date('2026-11-24T12:00:00.000Z');
const clock = { now: () => NOW };
const org = buildDemoOrg();
const book = demoPhoneBook(org);
const converted = new Set(org.Lead!.filter((l) => l.IsConverted === true).map((l) => l.Id));
/** Records holding each number (converted Leads are not callers). */
const holders = new Map<string, PhoneBookEntry[]>();
for (const entry of book) if (!converted.has(entry.recordId)) holders.set(entry.phoneE164, [...(holders.get(entry.phoneE164) ?? []), entry]);

const PHONE_FIELDS: Record<PhoneBookEntry['type'], string[]> = {
  Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
  Lead: ['Phone', 'MobilePhone'],
  Account: ['Phone'],
  PersonAccount: ['PersonMobilePhone', 'PersonHomePhone', 'PersonOtherPhone'],
};

type FormatCase = [type: PhoneBookEntry['type'], stored: string, e164: string, id: string];

/**
 * Every way the demo org writes a number (digits masked, extension length ignored), each on a number only
 * one record holds, spread over Contacts, Leads, Accounts and Person Accounts.
 */
function everyStoredFormat(): FormatCase[] {
  const byFormat = new Map<string, FormatCase[]>();
  const rows: Array<[PhoneBookEntry['type'], Row]> = [
    ...org.Contact!.map((r) => ['Contact', r] as [PhoneBookEntry['type'], Row]),
    ...org.Lead!.filter((r) => r.IsConverted !== true).map((r) => ['Lead', r] as [PhoneBookEntry['type'], Row]),
    ...org.Account!.map((r) => [r.IsPersonAccount === true ? 'PersonAccount' : 'Account', r] as [PhoneBookEntry['type'], Row]),
  ];
  for (const [type, row] of rows) {
    for (const field of PHONE_FIELDS[type]) {
      const stored = row[field];
      if (typeof stored !== 'string') continue;
      const e164 = toE164(stored, 'US');
      if (!e164 || holders.get(e164)?.length !== 1) continue;
      const format = stored.replace(/\d/g, '9').replace(/9+$/, 'N');
      byFormat.set(format, [...(byFormat.get(format) ?? []), [type, stored, e164, String(row.Id)]]);
    }
  }
  const picked = new Map<string, number>();
  return [...byFormat.values()].map((options) => {
    const choice = [...options].sort((a, b) => (picked.get(a[0]) ?? 0) - (picked.get(b[0]) ?? 0))[0]!;
    picked.set(choice[0], (picked.get(choice[0]) ?? 0) + 1);
    return choice;
  });
}

let emulator: SalesforceEmulator;
let sf: SalesforceConnection;
let directory: SalesforceCallerDirectory;
const partial: FailedPart[][] = [];

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ org: 'demo' });
  sf = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 2000 });
  directory = new SalesforceCallerDirectory(sf, clock, { defaultCountry: 'US', personAccounts: true, onPartialProfile: (failed) => partial.push(failed) });
});
afterAll(async () => emulator.stop());
beforeEach(() => {
  emulator.resetCounters();
  partial.length = 0;
});

describe('SalesforceCallerDirectory (emulator, demo org)', () => {
  const formats = everyStoredFormat();

  it('covers Contacts, Leads, Accounts and Person Accounts in national, international and extension formats', () => {
    const types = new Set(formats.map(([type]) => type));
    expect([...types].sort()).toEqual(['Account', 'Contact', 'Lead', 'PersonAccount']);
    expect(formats.some(([, stored]) => /x|ext/.test(stored))).toBe(true);
    expect(formats.some(([, stored]) => /^\+(?!1)/.test(stored))).toBe(true);
  });

  it.each(formats)('finds the %s caller stored as %j (%s) in exactly 2 requests', async (type, _stored, e164, id) => {
    const profile = await directory.findCaller(e164);
    expect(profile).toMatchObject({ phoneE164: e164, known: true, matchCount: 1, record: { id, type }, fetchedAt: NOW.toISOString() });
    expect(CallerProfileSchema.parse(profile)).toEqual(profile);
    expect(emulator.requestCount()).toBe(2);
    expect(emulator.tokenRequests()).toBe(0);
  });

  it('a number on both a Contact and a Lead is the Contact, matchCount 2', async () => {
    const shared = [...holders.entries()].find(
      ([, entries]) => entries.length === 2 && entries.some((e) => e.type === 'Contact') && entries.some((e) => e.type === 'Lead'),
    );
    expect(shared).toBeDefined();
    const [e164, entries] = shared!;
    const profile = await directory.findCaller(e164);
    expect(profile).toMatchObject({ known: true, matchCount: 2, record: { id: entries.find((e) => e.type === 'Contact')!.recordId, type: 'Contact' } });
    expect(emulator.requestCount()).toBe(2);
  });

  it.each(demoUnknownNumbers(3))('an unknown number %s is an unknown caller after exactly 1 request', async (e164) => {
    await expect(directory.findCaller(e164)).resolves.toEqual({
      phoneE164: e164,
      known: false,
      matchCount: 0,
      openCases: { count: 0, latestId: '', latestSubject: '', latestPriority: '' },
      openOpportunities: [],
      recentCalls: [],
      fetchedAt: NOW.toISOString(),
    });
    expect(emulator.requestCount()).toBe(1);
  });

  it('a number only a converted Lead holds is an unknown caller', async () => {
    const lead = book.find((e) => converted.has(e.recordId) && !holders.has(e.phoneE164));
    expect(lead).toBeDefined();
    await expect(directory.findCaller(lead!.phoneE164)).resolves.toMatchObject({ known: false });
    expect(emulator.requestCount()).toBe(1);
  });

  it('loads the context: Account, open Cases, open Opportunities, recent calls newest first', async () => {
    const cases = emulator.records('Case');
    const opportunities = emulator.records('Opportunity');
    // A Contact whose Account has open Cases and open Opportunities, on a number nobody else holds.
    const entry = book.find(
      (e) =>
        e.type === 'Contact' &&
        holders.get(e.phoneE164)?.length === 1 &&
        opportunities.some((o) => o.AccountId === e.accountId && o.IsClosed === false) &&
        cases.some((c) => c.AccountId === e.accountId && c.IsClosed === false),
    )!;
    expect(entry).toBeDefined();
    const calls = [3, 1, 9, 2, 7, 5].map((daysAgo, i) => ({
      Subject: 'Call',
      TaskSubtype: 'Call',
      WhoId: entry.recordId,
      OwnerId: `005Dm00000000${i + 1}AAA`.padEnd(17, 'A'),
      Callwise_Intent__c: `intent-${daysAgo}`,
      CreatedDate: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString().replace('Z', '+0000'),
    }));
    emulator.insert('Task', [...calls, { Subject: 'Email', TaskSubtype: 'Email', WhoId: entry.recordId, CreatedDate: '2026-11-24T11:00:00.000+0000' }]);
    const account = emulator.records('Account').find((a) => a.Id === entry.accountId)!;
    const open = cases
      .filter((c) => c.IsClosed === false && (c.ContactId === entry.recordId || c.AccountId === entry.accountId))
      .sort((a, b) => String(b.CreatedDate).localeCompare(String(a.CreatedDate)));

    const profile = await directory.findCaller(entry.phoneE164);

    expect(profile.account).toEqual({
      id: account.Id,
      name: account.Name,
      tier: account.Callwise_Tier__c ?? '',
      annualRevenue: account.AnnualRevenue ?? 0,
      type: account.Type ?? '',
      ownerId: account.OwnerId,
      overdueInvoice: account.Callwise_Overdue_Invoice__c === true,
    });
    expect(profile.openCases).toEqual({ count: open.length, latestId: open[0]!.Id, latestSubject: open[0]!.Subject, latestPriority: open[0]!.Priority });
    expect(profile.openOpportunities.map((o) => o.id).sort()).toEqual(
      opportunities
        .filter((o) => o.AccountId === entry.accountId && o.IsClosed === false)
        .map((o) => o.Id)
        .sort(),
    );
    expect(profile.recentCalls.map((c) => c.intent)).toEqual(['intent-1', 'intent-2', 'intent-3', 'intent-5', 'intent-7']);
    expect(profile.recentCalls[0]!.at).toBe(new Date(NOW.getTime() - 86_400_000).toISOString());
    expect(emulator.requestCount()).toBe(2);
    expect(partial).toEqual([]);
  });

  it('ranks by the documented rule on one shared number: the Contact on an Account wins, every record counts', async () => {
    const [accountId] = emulator.insert('Account', [
      { Name: 'Rank Test Co', Phone: '+1 (919) 555-0042', OwnerId: '005Dm000000001AAA', LastModifiedDate: '2026-11-23T00:00:00.000+0000' },
    ]);
    const [personId] = emulator.insert('Account', [
      {
        Name: 'Pia Person',
        IsPersonAccount: true,
        PersonMobilePhone: '919.555.0042',
        OwnerId: '005Dm000000002AAA',
        LastModifiedDate: '2026-11-23T00:00:00.000+0000',
      },
    ]);
    emulator.insert('Contact', [
      {
        FirstName: 'Otto',
        LastName: 'Orphan',
        MobilePhone: '(919) 555-0042 x12',
        OwnerId: '005Dm000000003AAA',
        LastModifiedDate: '2026-11-23T00:00:00.000+0000',
      },
    ]);
    emulator.insert('Lead', [
      { FirstName: 'Lea', LastName: 'Lead', Company: 'X', Phone: '9195550042', OwnerId: '005Dm000000004AAA', LastModifiedDate: '2026-11-23T00:00:00.000+0000' },
    ]);
    const [older, newer] = emulator.insert('Contact', [
      {
        FirstName: 'Olga',
        LastName: 'Older',
        AccountId: accountId,
        HomePhone: '1-919-555-0042',
        OwnerId: '005Dm000000005AAA',
        LastModifiedDate: '2026-10-01T00:00:00.000+0000',
      },
      {
        FirstName: 'Nina',
        LastName: 'Newer',
        AccountId: accountId,
        OtherPhone: '+19195550042',
        OwnerId: '005Dm000000006AAA',
        LastModifiedDate: '2026-11-20T00:00:00.000+0000',
      },
    ]);
    emulator.insert('Contact', [
      { FirstName: 'Near', LastName: 'Miss', AccountId: accountId, Phone: '(919) 555-00421', LastModifiedDate: '2026-11-24T00:00:00.000+0000' },
    ]);

    const profile = await directory.findCaller('+19195550042');

    expect(profile).toMatchObject({
      known: true,
      matchCount: 6,
      record: { id: newer, type: 'Contact', name: 'Nina Newer', ownerId: '005Dm000000006AAA' },
      account: { id: accountId, name: 'Rank Test Co' },
    });
    expect(older).not.toBe(newer);
    expect(personId).toBeDefined();
  });

  it.each(["'} OR Name LIKE '%", "\\' OR 1=1", '{}*?', '} RETURNING User(Id, Username', '+1 (415) 555-0123 OR 0'])(
    'the injection %j as the phone is no caller, no request, no error',
    async (term) => {
      await expect(directory.findCaller(term)).resolves.toMatchObject({ known: false, matchCount: 0 });
      expect(emulator.requestCount()).toBe(0);
    },
  );

  it.each(["'} OR Name LIKE '%", "\\' OR 1=1", '{}*?', '} RETURNING User(Id, Username', '*', '41*'])(
    'the injection %j as the SOSL term returns no data and leaks nothing in errors',
    async (term) => {
      const outcome = await sf.search(buildPhoneSearch([term], true)).then(
        (records) => ({ records }),
        (error: Error) => ({ error }),
      );
      if ('records' in outcome) expect(outcome.records).toEqual([]);
      else {
        expect(outcome.error).toBeInstanceOf(SalesforceApiError);
        expect(outcome.error.message).not.toContain(term);
      }
    },
  );

  it('a failed search rejects with SalesforceApiError', async () => {
    emulator.failNext(1, 'server-error');
    await expect(directory.findCaller(formats[0]![2])).rejects.toMatchObject({ name: 'SalesforceApiError', errorCode: 'SERVER_UNAVAILABLE', status: 503 });
    expect(emulator.requestCount()).toBe(1);
  });

  it('a failed context request keeps the caller (record and owner) and reports every part as failed', async () => {
    const [type, , e164, id] = formats.find(([t]) => t === 'Contact')!;
    // Let the search through, then fail the composite request.
    const failingContext = new SalesforceCallerDirectory(
      {
        search: async <T>(sosl: string) => {
          const rows = await sf.search<T>(sosl);
          emulator.failNext(1, 'server-error');
          return rows;
        },
        composite: (requests) => sf.composite(requests),
      },
      clock,
      { defaultCountry: 'US', personAccounts: true, onPartialProfile: (failed) => partial.push(failed) },
    );
    const profile = await failingContext.findCaller(e164);
    expect(profile).toMatchObject({ known: true, record: { id, type }, openOpportunities: [], recentCalls: [], openCases: { count: 0 } });
    expect(profile.account?.id).toBeTruthy();
    expect(partial).toEqual([
      [
        { part: 'account', errorCode: 'SERVER_UNAVAILABLE' },
        { part: 'cases', errorCode: 'SERVER_UNAVAILABLE' },
        { part: 'caseCount', errorCode: 'SERVER_UNAVAILABLE' },
        { part: 'opportunities', errorCode: 'SERVER_UNAVAILABLE' },
        { part: 'calls', errorCode: 'SERVER_UNAVAILABLE' },
      ],
    ]);
    expect(emulator.requestCount()).toBe(2);
  });

  it('without person accounts the search names no person account field (orgs without them reject those fields)', async () => {
    const plain = new SalesforceCallerDirectory(sf, clock, { defaultCountry: 'US', personAccounts: false });
    const [, , e164, id] = formats.find(([t]) => t === 'Account')!;
    await expect(plain.findCaller(e164)).resolves.toMatchObject({ known: true, record: { id, type: 'Account' } });
  });
});
