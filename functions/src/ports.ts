import type { CallerProfile, PastCall } from './domain/routing/caller-profile';
import type { RoutingPolicy } from './domain/policy/policy';
import type { RoutingDecision } from './domain/routing/routing-decision';
import type { QueueMetrics } from './domain/routing/route-rules';
import type { DirectoryEntity, SalesforceFields } from './domain/directory/directory-records';

/** The roles the domain needs from the outside world; adapters/ implements them. */

export interface Clock {
  now(): Date;
}

/** Salesforce asked live about a caller: one SOSL search, then one composite request for context. */
export interface LiveCallerLookup {
  findCaller(phoneE164: string): Promise<CallerProfile>;
}

/* ---- The caller directory (DynamoDB, loaded by Bulk API, kept fresh by change events) ---- */

/** The directory as route-call reads it: the profile, or "not ready" (not loaded yet, or being rebuilt). */
export interface CallerDirectoryLookup {
  lookup(phoneE164: string): Promise<{ ready: false } | { ready: true; profile: CallerProfile }>;
}

/** One Bulk API 2.0 query job of the load, as far as it got (a restart continues from `locator`). */
export interface LoadJobProgress {
  jobId: string;
  /** The Sforce-Locator of the next page to read; '' before the first page. */
  locator: string;
  records: number;
  done: boolean;
}

export interface DirectoryMeta {
  /** route-call trusts the directory (an unknown number is an unknown caller) only when true. */
  ready: boolean;
  readyAt?: string;
  /** Records modified after this (ISO) may be missing: the load's start, then each reconcile's. */
  watermark?: string;
  /** The last change event applied (written by directory-sync). */
  lastEvent?: { commitTimestamp: number; replayId: string; appliedAt: string };
  /** Items written by the load and by change events (a guide; `directory verify` is exact). */
  counts: { records: number; numbers: number };
  load?: { startedAt: string; jobs: Partial<Record<DirectoryEntity, LoadJobProgress>> };
}

export type ApplyOutcome = 'applied' | 'stale';

/** What a batch did; a row that is not a valid record is rejected with the reason (its id, never its data). */
export interface ManyApplied {
  applied: number;
  stale: number;
  rejected: Array<{ id: string; reason: string }>;
}

/** A record as stored: its Salesforce fields (those DIRECTORY_FIELDS names) and the version it was written at; tombstones too. */
export interface StoredDirectoryRecord {
  id: string;
  entity: DirectoryEntity;
  version: number;
  deleted: boolean;
  fields: SalesforceFields;
}

/**
 * The directory as the load, the change-event sync and reconcile write it. Every write is idempotent and
 * ordered by the record's version (SystemModstamp or commitTimestamp, epoch ms): an older version than the
 * stored one is `stale` and changes nothing; a delete leaves a tombstone so a late update cannot resurrect it.
 */
export interface CallerDirectoryStore {
  /** Writes one record's current state (all of DIRECTORY_FIELDS[entity]; merge an UPDATE's changed fields into `records()` first). */
  apply(entity: DirectoryEntity, fields: SalesforceFields, version: number): Promise<ApplyOutcome>;
  /** Deletes a record (a tombstone at `version`, kept DIRECTORY_TOMBSTONE_DAYS). */
  remove(entity: DirectoryEntity, id: string, version: number): Promise<ApplyOutcome>;
  /** The stored records by id; ids never written are left out. */
  records(ids: string[]): Promise<Map<string, StoredDirectoryRecord>>;
  /** The load's fast path: many rows of one entity at once (batched reads and writes), same version rules. */
  applyMany(entity: DirectoryEntity, rows: Array<{ fields: SalesforceFields; version: number }>): Promise<ManyApplied>;
  /** Which records each number's item leads to (verify). */
  numbers(e164s: string[]): Promise<Map<string, string[]>>;
  /** Every record held and not deleted (a Scan: the CLI and reconcile, never the call path). */
  liveRecords?(): AsyncIterable<StoredDirectoryRecord>;
  meta(): Promise<DirectoryMeta>;
  updateMeta(change: Partial<DirectoryMeta>): Promise<void>;
}

export interface CachedProfile {
  profile: CallerProfile;
  /** Epoch seconds after which the entry is stale. */
  expiresAt: number;
}

/** Profiles by E.164 number, with TTL; unknown numbers are cached too (negative cache). */
export interface ProfileCache {
  get(phoneE164: string): Promise<CachedProfile | undefined>;
  put(profile: CallerProfile, ttlSeconds: number): Promise<void>;
  /** Takes a short lease to load this number from Salesforce; false when another caller holds it. */
  tryLease(phoneE164: string, leaseMs: number): Promise<boolean>;
}

/** Routing decisions by ContactId, read back by call logging. */
export interface DecisionStore {
  save(decision: RoutingDecision): Promise<void>;
  get(contactId: string): Promise<RoutingDecision | undefined>;
}

/** Callwise's own memory of calls by number: repeat calls, last agent, first-call resolution. */
export interface CallHistory {
  recent(phoneE164: string, sinceIso: string): Promise<PastCall[]>;
  record(phoneE164: string, call: PastCall): Promise<void>;
  /** Call logging: the agent (ARN or id; stored as the id) who took the call recorded at `at`, for "last agent" routing. */
  setAgent(phoneE164: string, at: string, contactId: string, agentArnOrId: string): Promise<void>;
}

export type { QueueMetrics };

/** Live queue status by queue ARN, for route-call (in AWS: the deployment's one refresher's snapshot). */
export interface QueueStatus {
  /** `ttlSeconds` is the live policy's timing.queueStatusTtlSeconds; a queue without fresh metrics is left out. */
  current(queueArns: string[], ttlSeconds?: number): Promise<Record<string, QueueMetrics>>;
}

/** Connect's live metrics (GetCurrentMetricData), by queue ARN: asked by the one refresher only. */
export interface QueueMetricsSource {
  fetch(queueArns: string[]): Promise<Record<string, QueueMetrics>>;
}

/** Queue metrics of the whole deployment, as fetched at `fetchedAt` (ISO). */
export interface QueueSnapshot {
  fetchedAt: string;
  metrics: Record<string, QueueMetrics>;
}

/** Where the refresher stores the snapshot and route-call reads it. */
export interface QueueSnapshotStore {
  save(snapshot: QueueSnapshot): Promise<void>;
  read(): Promise<QueueSnapshot | undefined>;
}

export interface StoredPolicy {
  policy: RoutingPolicy;
  /** Where it came from: "file:…", "salesforce:…". */
  source: string;
  storedAt: string;
}

/** The policy in force. */
export interface PolicyStore {
  current(): Promise<StoredPolicy | undefined>;
  save(stored: StoredPolicy): Promise<void>;
}

/* ---- Call logging (added by the call-outcome work) ---- */

import type { ContactState } from './domain/outcome/contact-state';
import type { ContactAnalysis } from './domain/outcome/outcome-analysis';
import type { ContactDetails } from './domain/outcome/outcome';
import type { CallTaskRecord } from './domain/outcome/outcome-task';

/** What call logging keeps per contact, in attributes of the Contacts item beside `decision`. */
export interface ContactRecord {
  contactId: string;
  state?: ContactState;
  analysis?: ContactAnalysis;
  /** What DescribeContact said once the call was complete (fetched once, kept for later writes). */
  details?: ContactDetails;
  /** false once a repeat call showed the need was not met; true once the window closed without one. */
  firstCallResolution?: boolean;
  /** Salesforce already has the Task (so create-only fields must not be sent). */
  taskCreated: boolean;
  /** Fingerprint of the last record Salesforce accepted; a write that would change nothing is skipped. */
  taskFingerprint?: string;
  /** The Task Salesforce accepted already carried the Contact Lens analysis. */
  analysisSent?: boolean;
  version: number;
}

export type ContactRecordChange = Partial<Pick<ContactRecord, 'state' | 'analysis' | 'details' | 'firstCallResolution'>>;

/** Contact state by ContactId, updated with optimistic concurrency (never overwriting the decision). */
export interface ContactStateStore {
  getMany(contactIds: string[]): Promise<Map<string, ContactRecord>>;
  /** Applies `change` to the current record, retrying on concurrent writes; undefined = nothing to change. */
  update(contactId: string, change: (current: ContactRecord) => ContactRecordChange | undefined, known?: ContactRecord): Promise<ContactRecord>;
  /** Salesforce accepted the Task with this fingerprint; `analysisSent` when it carried the Contact Lens analysis. */
  markSynced(contactId: string, fingerprint: string, analysisSent?: boolean): Promise<void>;
  /** Notes a logged call's first-call-resolution window as open (the FcrOpen index). */
  openFcrWindow(contactId: string, startedAt: string): Promise<void>;
  /** Takes a closed window out of the FcrOpen index (its Task has had its last write). */
  closeFcrWindow(contactId: string): Promise<void>;
  /** Contacts whose window is open and whose call began on a UTC day from `fromDay` to `throughDay` (YYYY-MM-DD). */
  openFcrWindows(fromDay: string, throughDay: string): Promise<string[]>;
}

/** Connect DescribeContact: details the events lack; and queue names by ARN (DescribeQueue, cached). */
export interface ContactDirectory {
  describe(contactId: string): Promise<ContactDetails | undefined>;
  /** The queue's name; undefined when unknown. Optional: without it the routing decision's name is used. */
  queueName?(queueArn: string): Promise<string | undefined>;
}

export interface CallLogWrite {
  contactId: string;
  record: CallTaskRecord;
  /** No Task yet as far as Callwise knows: send the create-only fields (TaskSubtype) too. */
  create: boolean;
}

export type CallLogResult =
  { contactId: string; ok: true; created: boolean } | { contactId: string; ok: false; retryable: boolean; code: string; message: string };

/** Salesforce as the call log: idempotent Task upserts on the ContactId external ID. */
export interface CallLog {
  upsert(writes: CallLogWrite[]): Promise<CallLogResult[]>;
}

export interface DeadLetter {
  id: string;
  /** The original message body, unchanged, so it can be redriven. */
  body: string;
  /** Which input it came from: 'contact-event', 'analysis', or 'analysis-notification' (a refused S3 notification, never redriven). */
  source: string;
  reason: string;
  parkedAt: string;
}

/** Where poison messages are parked with their reason. */
export interface DeadLetterQueue {
  park(letter: Omit<DeadLetter, 'id' | 'parkedAt'>): Promise<void>;
  list(max: number): Promise<DeadLetter[]>;
  remove(ids: string[]): Promise<void>;
}
