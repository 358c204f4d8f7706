import { salesforceApiPath, type SalesforceRequester } from '../functions/src/adapters/salesforce/api';
import { soqlString, soslTerm } from '../functions/src/adapters/salesforce/soql';
import { type CallerProfile, unknownCaller } from '../functions/src/domain/routing/caller-profile';
import type { LiveCallerLookup, Clock, ProfileCache } from '../functions/src/ports';

/**
 * The benchmark's baseline: what AWS's Amazon Connect–Salesforce Lambda does for a lookup —
 * one SOSL phone search per call, then one query per context object (account, open cases,
 * open opportunities, recent calls), with no cache. The queries run in parallel, which is
 * kinder to the baseline's latency than running them one after another.
 */
export class BaselineDirectory implements LiveCallerLookup {
  constructor(
    private readonly salesforce: SalesforceRequester,
    private readonly clock: Clock,
  ) {}

  async findCaller(phoneE164: string): Promise<CallerProfile> {
    const fetchedAt = this.clock.now().toISOString();
    const sosl = `FIND {${soslTerm(phoneE164.replace(/^\+1/, ''))}} IN PHONE FIELDS RETURNING Contact(Id, Name, AccountId, OwnerId), Lead(Id, Name, OwnerId), Account(Id, Name, OwnerId)`;
    const found = await this.get<{ searchRecords: Array<Record<string, string> & { attributes: { type: string } }> }>(`search?q=${encodeURIComponent(sosl)}`);
    const match = found.searchRecords[0];
    if (!match) return unknownCaller(phoneE164, fetchedAt);
    const type = match.attributes.type as 'Contact' | 'Lead' | 'Account';
    const accountId = type === 'Account' ? match.Id! : (match.AccountId ?? '');
    const id = soqlString(match.Id!);
    const account = soqlString(accountId);
    const [accounts, cases, opportunities, calls] = await Promise.all([
      this.query(`SELECT Id, Name, Callwise_Tier__c, AnnualRevenue, Type, OwnerId FROM Account WHERE Id = ${account}`),
      this.query(
        `SELECT Id, Subject, Priority FROM Case WHERE IsClosed = false AND (ContactId = ${id} OR AccountId = ${account}) ORDER BY CreatedDate DESC LIMIT 5`,
      ),
      this.query(`SELECT Id, Name, StageName, Amount, CloseDate, Type FROM Opportunity WHERE IsClosed = false AND AccountId = ${account}`),
      this.query(`SELECT CreatedDate, Callwise_Intent__c, OwnerId FROM Task WHERE TaskSubtype = 'Call' AND WhoId = ${id} ORDER BY CreatedDate DESC LIMIT 5`),
    ]);
    const acc = accounts[0];
    const latestCase = cases[0];
    return {
      phoneE164,
      known: true,
      matchCount: found.searchRecords.length,
      record: { id: match.Id!, type, name: match.Name ?? '', ownerId: match.OwnerId ?? '' },
      ...(acc
        ? {
            account: {
              id: String(acc.Id),
              name: String(acc.Name ?? ''),
              tier: String(acc.Callwise_Tier__c ?? ''),
              annualRevenue: Number(acc.AnnualRevenue ?? 0),
              type: String(acc.Type ?? ''),
              ownerId: String(acc.OwnerId ?? ''),
              overdueInvoice: false,
            },
          }
        : {}),
      openCases: {
        count: cases.length,
        latestId: String(latestCase?.Id ?? ''),
        latestSubject: String(latestCase?.Subject ?? ''),
        latestPriority: String(latestCase?.Priority ?? ''),
      },
      openOpportunities: opportunities.map((o) => ({
        id: String(o.Id),
        name: String(o.Name ?? ''),
        stageName: String(o.StageName),
        amount: Number(o.Amount ?? 0),
        closeDate: String(o.CloseDate),
        type: String(o.Type ?? ''),
      })),
      recentCalls: calls.map((t) => ({ at: String(t.CreatedDate), intent: String(t.Callwise_Intent__c ?? ''), ownerId: String(t.OwnerId ?? '') })),
      fetchedAt,
    };
  }

  private get<T>(path: string): Promise<T> {
    return this.salesforce.request<T>({ method: 'GET', url: salesforceApiPath(`/${path}`) });
  }

  private async query(soql: string): Promise<Array<Record<string, unknown>>> {
    return (await this.get<{ records: Array<Record<string, unknown>> }>(`query?q=${encodeURIComponent(soql)}`)).records;
  }
}

/** No cache at all: every call goes to Salesforce. */
export const NO_PROFILE_CACHE: ProfileCache = {
  get: async () => undefined,
  put: async () => undefined,
  tryLease: async () => true,
};
