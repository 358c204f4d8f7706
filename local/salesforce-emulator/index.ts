import { buildDemoOrg, DEFAULT_SEED, DEFAULT_TODAY } from '../demo-org';
import { DEFAULT_AUDIENCE } from './auth';
import { EmulatorServer } from './server';
import { QUERY_JOBS_PER_24H } from './bulk-query';
import type { ChangeEventMessage, ChangeListener } from './change-events';
import { OrgOperations, type ConvertedLead } from './org-operations';
import type { FailureKind, FaultPlan } from './faults';
import { LEAST_PRIVILEGED_USER, type RunningUserRights } from './writes';

/**
 * A local emulator of the Salesforce REST endpoints Callwise uses (JWT bearer token, SOQL query, SOSL
 * search, composite, sObject Collections, single-record REST), seeded with the deterministic demo org.
 */

export { createTestCredentials, DEFAULT_AUDIENCE, LOCAL_CLIENT_ID, LOCAL_USERNAME, UNAPPROVED_USERNAME } from './auth';
export type { FailureKind, FaultPlan } from './faults';
export { LEAST_PRIVILEGED_USER, type RunningUserRights } from './writes';

export interface EmulatorOptions {
  latencyMs?: number;
  org?: 'demo' | 'empty';
  seed?: number;
  /** YYYY-MM-DD: the day date literals (TODAY, LAST_N_DAYS:n) and the demo org are relative to. */
  today?: string;
  /** Daily API request allowance; past it every API request answers 403 REQUEST_LIMIT_EXCEEDED. */
  apiLimit?: number;
  /** The JWT audience the org accepts; https://login.salesforce.com by default (a sandbox: https://test.salesforce.com). */
  audience?: string;
  /** The org has Person Accounts (the demo org does); without them their fields answer INVALID_FIELD. */
  personAccounts?: boolean;
  /** Milliseconds before a record written through the API is found by SOSL (a real org: minutes); 0 by default. */
  searchIndexDelayMs?: number;
  /**
   * The emulator's clock (ms since the epoch): the search index delay, Bulk query job times and limits, and, when
   * given, the stamps of written records (CreatedDate, LastModifiedDate, SystemModstamp). Date.now by default (then
   * stamps are the `today` date at the current time of day).
   */
  clock?: () => number;
  /** Bulk API 2.0 query jobs: status requests until a job is JobComplete (InProgress before); 2 by default. */
  bulkQueryPolls?: number;
  /** Bulk API 2.0 query jobs allowed per rolling 24 hours on `clock` (10,000 in Salesforce). */
  bulkQueryJobsPer24h?: number;
  /** The integration user's rights in this org (who may edit a Task owned by someone else); least privilege by default. */
  integrationUser?: RunningUserRights;
}

export interface SalesforceEmulator {
  /** http://127.0.0.1:<port>: the login URL (JWT audience, token endpoint) and the instance URL. */
  url: string;
  stop(): Promise<void>;
  /** REST API requests (/services/data/...), not token requests; a composite counts as one. */
  requestCount(): number;
  tokenRequests(): number;
  requestLog(): Array<{ method: string; path: string; status: number }>;
  resetCounters(): void;
  records(sobject: string): Array<Record<string, unknown>>;
  insert(sobject: string, rows: Array<Record<string, unknown>>): string[];
  setLatency(ms: number): void;
  hang(on: boolean): void;
  injectFaults(plan: FaultPlan): void;
  failNext(count: number, kind: FailureKind): void;
  expireSessions(): void;
  /** Deletes records as a merge deletes the losing record: later references answer ENTITY_IS_DELETED. */
  remove(ids: string[]): void;
  setIntegrationUser(rights: RunningUserRights): void;
  setSearchIndexDelay(ms: number): void;
  /** Status requests until the next Bulk API 2.0 query jobs complete. */
  setBulkQueryPolls(polls: number): void;
  /** The next `count` Bulk API 2.0 query jobs end Failed. */
  failNextBulkQueryJobs(count: number): void;
  /** Calls `listener` with every change event as it is committed (Contact, Lead, Account, Case, Opportunity); returns the unsubscribe. */
  onChangeEvent(listener: ChangeListener): () => void;
  /** Every change event committed so far. */
  changeEvents(): ChangeEventMessage[];
  /** Merges `loserIds` into `winnerId` as Salesforce does (losers deleted, children moved, winner updated), one transaction. */
  merge(winnerId: string, loserIds: string[], winnerChanges?: Record<string, unknown>): void;
  /** Converts a Lead: Account, Contact and (unless told not to) Opportunity created, the Lead marked converted, one transaction. */
  convertLead(leadId: string, options?: { createOpportunity?: boolean }): ConvertedLead;
  /** Restores deleted records from the recycle bin, one transaction. */
  undelete(ids: string[]): void;
}

/** The demo org as an org without Person Accounts has it: no person accounts, no IsPersonAccount. */
function withoutPersonAccounts(sobject: string, rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const kept = sobject === 'Account' ? rows.filter((r) => r.IsPersonAccount !== true) : rows;
  return kept.map(({ IsPersonAccount: _person, PersonContactId: _contact, ...rest }) => rest);
}

export const DEFAULT_API_LIMIT = 15_000;

export async function startSalesforceEmulator(options: EmulatorOptions = {}): Promise<SalesforceEmulator> {
  const today = options.today ?? DEFAULT_TODAY;
  const seed = options.seed ?? DEFAULT_SEED;
  const server = new EmulatorServer({
    today,
    seed,
    apiLimit: options.apiLimit ?? DEFAULT_API_LIMIT,
    latencyMs: options.latencyMs ?? 0,
    audience: options.audience ?? DEFAULT_AUDIENCE,
    personAccounts: options.personAccounts ?? true,
    searchIndexDelayMs: options.searchIndexDelayMs ?? 0,
    clock: options.clock ?? Date.now,
    stampsFromClock: options.clock !== undefined,
    bulkQuery: { pollsToComplete: Math.max(1, options.bulkQueryPolls ?? 2), jobsPer24h: options.bulkQueryJobsPer24h ?? QUERY_JOBS_PER_24H },
  });
  if ((options.org ?? 'demo') === 'demo') {
    for (const [sobject, rows] of Object.entries(buildDemoOrg({ seed, today })))
      server.store.insert(sobject, options.personAccounts === false ? withoutPersonAccounts(sobject, rows) : rows);
  }
  server.ctx.writer.rights = options.integrationUser ?? LEAST_PRIVILEGED_USER;
  const operations = new OrgOperations(server.store, server.ctx.changes);
  const url = await server.listen();
  return {
    url,
    stop: () => server.stop(),
    requestCount: () => server.requestCount(),
    tokenRequests: () => server.tokenRequests(),
    requestLog: () => server.requestLog(),
    resetCounters: () => server.resetCounters(),
    records: (sobject) => server.store.rows(sobject).map((row) => structuredClone(row)),
    insert: (sobject, rows) => server.store.insert(sobject, rows),
    setLatency: (ms) => void (server.latencyMs = Math.max(0, ms)),
    hang: (on) => void (server.hanging = on),
    injectFaults: (plan) => server.faults.inject(plan),
    failNext: (count, kind) => server.faults.failNext(count, kind),
    expireSessions: () => server.sessions.expireAll(),
    remove: (ids) => ids.forEach((id) => server.store.delete(id)),
    setIntegrationUser: (rights) => void (server.ctx.writer.rights = rights),
    setSearchIndexDelay: (ms) => void (server.ctx.searchIndex.delayMs = Math.max(0, ms)),
    setBulkQueryPolls: (polls) => void (server.ctx.bulk.settings.pollsToComplete = Math.max(1, polls)),
    failNextBulkQueryJobs: (count) => server.ctx.bulk.failNextJobs(count),
    onChangeEvent: (listener) => server.ctx.changes.subscribe(listener),
    changeEvents: () => server.ctx.changes.published(),
    merge: (winnerId, loserIds, winnerChanges) => operations.merge(winnerId, loserIds, winnerChanges),
    convertLead: (leadId, options) => operations.convertLead(leadId, options),
    undelete: (ids) => operations.undelete(ids),
  };
}
