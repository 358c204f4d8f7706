import type { Connection } from 'jsforce';
import { phoneSearchTerms } from '../../functions/src/domain/routing/caller-match';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers } from '../../local/demo-org';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { connectToEmulator } from '../../local/salesforce-emulator/test-client';

let sf: SalesforceEmulator;
let conn: Connection;
const org = buildDemoOrg({ seed: 42, today: '2026-11-24' });
const book = demoPhoneBook(org);
const escapeSosl = (term: string) => term.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, '\\$&');
// The terms the caller directory sends: SOSL matches whole tokens, so each stored format needs its own term.
const search = async (e164: string) =>
  (
    await conn.search(
      `FIND {${(phoneSearchTerms(e164) ?? [e164]).map(escapeSosl).join(' OR ')}} IN PHONE FIELDS RETURNING Contact(Id), Lead(Id), Account(Id, IsPersonAccount) LIMIT 20`,
    )
  ).searchRecords.map((r: any) => String(r.Id));

beforeAll(async () => {
  sf = await startSalesforceEmulator({ seed: 42, today: '2026-11-24' });
  conn = await connectToEmulator(sf.url);
});

afterAll(() => sf.stop());

describe('the emulator serving the demo org', () => {
  it.each(['User', 'Account', 'Contact', 'Lead', 'Case', 'Opportunity'])('holds every demo %s', async (sobject) => {
    expect((await conn.query(`SELECT COUNT() FROM ${sobject}`)).totalSize).toBe(org[sobject]!.length);
  });

  it('finds every record of a sample of phone book numbers by SOSL phone search', async () => {
    const sample = book.filter((_, i) => i % 47 === 0);
    for (const entry of sample) expect(await search(entry.phoneE164)).toContain(entry.recordId);
  });

  it('finds both records of numbers shared by a Contact and a Lead', async () => {
    const byNumber = new Map<string, typeof book>();
    for (const e of book) byNumber.set(e.phoneE164, [...(byNumber.get(e.phoneE164) ?? []), e]);
    const shared = [...byNumber.values()].filter((es) => es.some((e) => e.type === 'Contact') && es.some((e) => e.type === 'Lead')).slice(0, 5);
    for (const entries of shared) expect((await search(entries[0]!.phoneE164)).sort()).toEqual(entries.map((e) => e.recordId).sort());
  });

  it('finds nobody for the unknown numbers', async () => {
    for (const number of demoUnknownNumbers(5)) expect(await search(number)).toEqual([]);
  });

  it('loads a caller context in one composite request', async () => {
    const contact = book.find((e) => e.type === 'Contact')!;
    const q = (soql: string) => `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
    sf.resetCounters();
    const result = await conn.requestPost<{ compositeResponse: Array<{ httpStatusCode: number; body: any }> }>('/services/data/v62.0/composite', {
      compositeRequest: [
        {
          method: 'GET',
          url: q(
            `SELECT Id, Name, OwnerId, Owner.Name, Account.Name, Account.Callwise_Tier__c, Account.AnnualRevenue FROM Contact WHERE Id = '${contact.recordId}'`,
          ),
          referenceId: 'caller',
        },
        {
          method: 'GET',
          url: q(`SELECT Id, Subject, Status FROM Case WHERE AccountId = '${contact.accountId}' AND IsClosed = false ORDER BY CreatedDate DESC LIMIT 5`),
          referenceId: 'cases',
        },
        {
          method: 'GET',
          url: q(
            `SELECT Id, StageName, Amount, CloseDate FROM Opportunity WHERE AccountId = '${contact.accountId}' AND IsClosed = false AND CloseDate = NEXT_N_DAYS:90`,
          ),
          referenceId: 'opportunities',
        },
      ],
    });
    expect(result.compositeResponse.map((r) => r.httpStatusCode)).toEqual([200, 200, 200]);
    expect(result.compositeResponse[0]!.body.records[0].Account.Name).toBe(org.Account!.find((a) => a.Id === contact.accountId)!.Name);
    expect(sf.requestCount()).toBe(1);
  });
});
