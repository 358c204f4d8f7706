import type { CallerCandidate } from '../../domain/routing/caller-match';
import type { CallerProfile } from '../../domain/routing/caller-profile';
import type { CompositeSubrequest, CompositeSubresponse } from './connection';
import { soqlString } from './soql';

/**
 * The second round trip of a caller lookup: one composite request (allOrNone false) with the queries
 * that give routing its context for the chosen record. Composite allows at most 5 queries; this uses
 * at most 5. A failed sub-request leaves its part empty instead of failing the profile.
 */

export type ContextPart = 'account' | 'cases' | 'caseCount' | 'opportunities' | 'calls';
export type CallerContext = Pick<CallerProfile, 'account' | 'openCases' | 'openOpportunities' | 'recentCalls'>;

export const RECENT_CASES = 5;
export const RECENT_CALLS = 5;
export const OPEN_OPPORTUNITIES = 10;

export type ContextRequest = CompositeSubrequest & { referenceId: ContextPart };

const query = (referenceId: ContextPart, soql: string): ContextRequest => ({ referenceId, path: `/query?q=${encodeURIComponent(soql)}` });

/** Which Cases are the caller's: a Contact's own and its Account's; an Account's. */
function caseFilter(c: CallerCandidate): string | undefined {
  if (c.type === 'Lead') return undefined;
  if (c.type === 'Contact')
    return c.accountId ? `(ContactId = ${soqlString(c.id)} OR AccountId = ${soqlString(c.accountId)})` : `ContactId = ${soqlString(c.id)}`;
  return `AccountId = ${soqlString(c.accountId)}`;
}

/** Calls are logged with WhoId = the Contact or Lead, and WhatId = the Account for Account callers. */
function callFilter(c: CallerCandidate): string {
  return c.type === 'Contact' || c.type === 'Lead' ? `WhoId = ${soqlString(c.id)}` : `WhatId = ${soqlString(c.accountId)}`;
}

export function contextRequests(c: CallerCandidate): ContextRequest[] {
  const requests: ContextRequest[] = [];
  if (c.accountId) {
    requests.push(
      query(
        'account',
        `SELECT Id, Name, Callwise_Tier__c, AnnualRevenue, Type, OwnerId, Callwise_Overdue_Invoice__c FROM Account WHERE Id = ${soqlString(c.accountId)}`,
      ),
    );
  }
  const cases = caseFilter(c);
  if (cases) {
    requests.push(
      query('cases', `SELECT Id, Subject, Priority, CreatedDate FROM Case WHERE IsClosed = false AND ${cases} ORDER BY CreatedDate DESC LIMIT ${RECENT_CASES}`),
    );
    requests.push(query('caseCount', `SELECT COUNT() FROM Case WHERE IsClosed = false AND ${cases}`));
  }
  if (c.accountId) {
    requests.push(
      query(
        'opportunities',
        `SELECT Id, Name, StageName, Amount, CloseDate, Type FROM Opportunity WHERE IsClosed = false AND AccountId = ${soqlString(c.accountId)} ORDER BY CloseDate ASC LIMIT ${OPEN_OPPORTUNITIES}`,
      ),
    );
  }
  requests.push(
    query(
      'calls',
      `SELECT Id, CreatedDate, Callwise_Intent__c, OwnerId FROM Task WHERE TaskSubtype = 'Call' AND ${callFilter(c)} ORDER BY CreatedDate DESC LIMIT ${RECENT_CALLS}`,
    ),
  );
  return requests;
}

type SObjectRecord = Record<string, unknown>;
interface QueryBody {
  totalSize?: number;
  records?: SObjectRecord[];
}

export interface FailedPart {
  part: ContextPart;
  errorCode: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
/** Salesforce datetimes ("…+0000") as ISO 8601 UTC; anything unparseable is kept as sent. */
const isoDate = (v: unknown): string => {
  const raw = str(v);
  const ms = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return raw && Number.isFinite(ms) ? new Date(ms).toISOString() : raw;
};

function errorCodeOf(body: unknown): string {
  const first = Array.isArray(body) ? (body[0] as { errorCode?: unknown } | undefined) : undefined;
  return typeof first?.errorCode === 'string' ? first.errorCode : 'UNKNOWN_ERROR';
}

/** Maps the composite answer to the profile's context; `failed` lists the parts that came back empty because their query failed. */
export function readContext(c: CallerCandidate, responses: CompositeSubresponse[], expected: ContextPart[]): { context: CallerContext; failed: FailedPart[] } {
  const ok = new Map<string, QueryBody>();
  const failed: FailedPart[] = [];
  for (const part of expected) {
    const response = responses.find((r) => r.referenceId === part);
    const body = response?.body as QueryBody | undefined;
    if (response && response.httpStatusCode < 300 && body && typeof body === 'object' && !Array.isArray(body)) ok.set(part, body);
    else failed.push({ part, errorCode: response ? errorCodeOf(response.body) : 'NO_RESPONSE' });
  }
  return { context: toContext(c, ok, failed), failed };
}

function accountOf(c: CallerCandidate, ok: Map<string, QueryBody>, failed: FailedPart[]): CallerProfile['account'] {
  const account = ok.get('account')?.records?.[0];
  if (account) {
    return {
      id: str(account.Id),
      name: str(account.Name),
      tier: str(account.Callwise_Tier__c),
      annualRevenue: num(account.AnnualRevenue),
      type: str(account.Type),
      ownerId: str(account.OwnerId),
      overdueInvoice: account.Callwise_Overdue_Invoice__c === true,
    };
  }
  if (!c.accountId || !failed.some((f) => f.part === 'account')) return undefined;
  // The Account is known but could not be read: keep its id so the call can still be linked to it.
  const name = c.type === 'PersonAccount' || c.type === 'Account' ? c.name : '';
  return { id: c.accountId, name, tier: '', annualRevenue: 0, type: '', ownerId: '', overdueInvoice: false };
}

function toContext(c: CallerCandidate, ok: Map<string, QueryBody>, failed: FailedPart[]): CallerContext {
  const account = accountOf(c, ok, failed);
  const cases = ok.get('cases')?.records ?? [];
  const latest = cases[0];
  const count = ok.get('caseCount')?.totalSize;
  return {
    ...(account ? { account } : {}),
    openCases: {
      count: typeof count === 'number' ? count : cases.length,
      latestId: str(latest?.Id),
      latestSubject: str(latest?.Subject),
      latestPriority: str(latest?.Priority),
    },
    openOpportunities: (ok.get('opportunities')?.records ?? []).map((o) => ({
      id: str(o.Id),
      name: str(o.Name),
      stageName: str(o.StageName),
      amount: num(o.Amount),
      closeDate: str(o.CloseDate),
      type: str(o.Type),
    })),
    recentCalls: (ok.get('calls')?.records ?? []).map((t) => ({ at: isoDate(t.CreatedDate), intent: str(t.Callwise_Intent__c), ownerId: str(t.OwnerId) })),
  };
}
