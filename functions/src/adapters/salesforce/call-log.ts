import { salesforceApiPath, type SalesforceRequester } from './api';
import { CALL_TASK_EXTERNAL_ID } from '../../domain/outcome/call-task-fields';
import type { CallLog, CallLogResult, CallLogWrite } from '../../ports';
import { logger, MetricUnit, metrics } from '../../platform/observability';
import type { CallTaskRecord } from '../../domain/outcome/outcome-task';

/**
 * The rules a Call Task write follows in Salesforce, in one place:
 * - `TaskSubtype = 'Call'` is create-only: sent when the Task may be new; refused on an existing Task
 *   (INVALID_FIELD_FOR_INSERT_UPDATE), which proves it exists, so the write goes again without it. A write sent
 *   without it that turns out to have created the Task (`created: true`) is undone and made again with it:
 *   a Task is never left without its subtype.
 * - A stale reference is written around, not retried: a WhoId/WhatId merged away (ENTITY_IS_DELETED) is left
 *   out (WhoId first, then WhatId), an inactive owner (INACTIVE_OWNER_OR_USER) is left out (the integration
 *   user keeps the Task). Each is reported, so it shows in logs and metrics.
 */

export const CALL_TASK_SUBTYPE = 'Call';

export interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; message?: string; fields?: string[] }>;
}

/** One Task as sent: the record, and whether the create-only subtype went with it. */
export interface TaskAttempt {
  contactId: string;
  record: CallTaskRecord;
  withSubtype: boolean;
}

export type Repair =
  /** The Task exists: write it again without the create-only subtype. */
  | { kind: 'exists'; next: TaskAttempt }
  /** A reference or owner Salesforce refused for good: write again without `dropped`. */
  | { kind: 'dropped'; code: 'ENTITY_IS_DELETED' | 'INACTIVE_OWNER_OR_USER'; dropped: string; next: TaskAttempt }
  /** Created without its subtype: delete `id`, then create it again with the subtype. */
  | { kind: 'recreate'; id: string; next: TaskAttempt };

/** The body of one record in the upsert request. */
export function taskBody(attempt: TaskAttempt): Record<string, unknown> {
  return { attributes: { type: 'Task' }, ...attempt.record, ...(attempt.withSubtype ? { TaskSubtype: CALL_TASK_SUBTYPE } : {}) };
}

/** The first attempt: with the subtype unless Callwise knows the Task exists. */
export function firstAttempt(contactId: string, record: CallTaskRecord, mayBeNew: boolean): TaskAttempt {
  return { contactId, record, withSubtype: mayBeNew };
}

const without = (record: CallTaskRecord, field: keyof CallTaskRecord): CallTaskRecord => {
  const { [field]: _dropped, ...rest } = record;
  return rest;
};

/** What to send next for a record Salesforce answered, or undefined when its result is final. */
export function repairFor(attempt: TaskAttempt, result: SaveResult | undefined): Repair | undefined {
  if (!result) return undefined;
  if (result.success) {
    if (result.created === true && !attempt.withSubtype && result.id) return { kind: 'recreate', id: result.id, next: { ...attempt, withSubtype: true } };
    return undefined;
  }
  const error = result.errors?.[0];
  if (error?.statusCode === 'INVALID_FIELD_FOR_INSERT_UPDATE' && attempt.withSubtype && (error.fields ?? []).includes('TaskSubtype')) {
    return { kind: 'exists', next: { ...attempt, withSubtype: false } };
  }
  if (error?.statusCode === 'ENTITY_IS_DELETED') {
    // Salesforce does not say which reference was deleted: the person (a merged Contact or Lead) first.
    const field = (['WhoId', 'WhatId'] as const).find(
      (f) => attempt.record[f] !== undefined && ((error.fields ?? []).length === 0 || error.fields!.includes(f)),
    );
    if (field) return { kind: 'dropped', code: 'ENTITY_IS_DELETED', dropped: field, next: { ...attempt, record: without(attempt.record, field) } };
  }
  if (error?.statusCode === 'INACTIVE_OWNER_OR_USER' && attempt.record.OwnerId !== undefined) {
    return { kind: 'dropped', code: 'INACTIVE_OWNER_OR_USER', dropped: 'OwnerId', next: { ...attempt, record: without(attempt.record, 'OwnerId') } };
  }
  return undefined;
}

export const COLLECTION_LIMIT = 200;
const UPSERT_URL = salesforceApiPath(`/composite/sobjects/Task/${CALL_TASK_EXTERNAL_ID}`);
const DELETE_URL = salesforceApiPath('/composite/sobjects?allOrNone=false&ids=');
/** Rounds of repairs per record: the subtype, two stale references, an inactive owner. */
const MAX_REPAIRS = 4;

/** Record errors that will fail the same way however often they are retried. */
const PERMANENT_RECORD_ERRORS = new Set([
  'INVALID_FIELD',
  'INVALID_TYPE_ON_FIELD_IN_RECORD',
  'STRING_TOO_LONG',
  'MALFORMED_ID',
  'INVALID_CROSS_REFERENCE_KEY',
  'FIELD_INTEGRITY_EXCEPTION',
  'REQUIRED_FIELD_MISSING',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
  'DUPLICATE_EXTERNAL_ID',
  'DUPLICATE_VALUE',
  'NUMBER_OUTSIDE_VALID_RANGE',
  'INVALID_FIELD_FOR_INSERT_UPDATE',
  'ENTITY_IS_DELETED',
  'INACTIVE_OWNER_OR_USER',
  // The Task belongs to someone the integration user cannot edit for (see docs/call-logging.md, "Who owns the Task").
  'INSUFFICIENT_ACCESS_OR_READONLY',
]);

/** A repair the writer made, for logs and metrics (ids and field names only). */
export type RepairReport = { contactId: string; kind: Repair['kind']; code?: string; dropped?: string };

const reportRepair = (repair: RepairReport): void => {
  if (repair.kind === 'exists') return;
  logger.warn(repair.kind === 'recreate' ? 'Task created without its subtype: made again with it' : 'Task written without a reference Salesforce refused', {
    ...repair,
  });
  metrics.addMetric(repair.kind === 'recreate' ? 'CallTaskRecreated' : 'CallTaskReferenceDropped', MetricUnit.Count, 1);
};

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

const defaultRetry: RetryOptions = { attempts: 4, baseDelayMs: 200, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Errors worth retrying the whole request for: the service is down, busy, or over its limits. */
export function isRetryableRequestError(error: unknown): boolean {
  const e = error as { retryable?: boolean; errorCode?: string; name?: string; statusCode?: number; status?: number };
  if (typeof e?.retryable === 'boolean') return e.retryable;
  if (e?.errorCode === 'REQUEST_LIMIT_EXCEEDED' || e?.errorCode === 'SERVER_UNAVAILABLE') return true;
  const status = e?.statusCode ?? e?.status;
  if (typeof status === 'number') return status >= 500 || status === 429;
  return /ECONNRESET|ECONNREFUSED|ETIMEDOUT|socket hang up|5\d\d/.test(String((error as Error)?.message));
}

/**
 * Call Tasks upserted through sObject Collections on the ContactId external ID, 200 records a request.
 * Whole-request failures (5xx, REQUEST_LIMIT_EXCEEDED) back off and retry; the connection re-authenticates
 * once on INVALID_SESSION_ID. Per-record errors come back per record, retryable or not.
 */
export class SalesforceCallLog implements CallLog {
  private readonly retry: RetryOptions;

  constructor(
    private readonly connection: SalesforceRequester,
    retry: Partial<RetryOptions> = {},
    private readonly onRepair: (repair: RepairReport) => void = reportRepair,
  ) {
    this.retry = { ...defaultRetry, ...retry };
  }

  async upsert(writes: CallLogWrite[]): Promise<CallLogResult[]> {
    const results: CallLogResult[] = [];
    for (let i = 0; i < writes.length; i += COLLECTION_LIMIT) {
      results.push(...(await this.upsertChunk(writes.slice(i, i + COLLECTION_LIMIT))));
    }
    return results;
  }

  private async upsertChunk(writes: CallLogWrite[]): Promise<CallLogResult[]> {
    // The rep's OwnerId goes only in a Task's last write: that one may create too, so it carries the subtype.
    let pending = writes.map((w) => firstAttempt(w.contactId, w.record, w.create || w.record.OwnerId !== undefined));
    const done = new Map<string, CallLogResult>();
    for (let round = 0; pending.length > 0; round++) {
      let saved: SaveResult[];
      try {
        saved = await this.send(pending.map(taskBody));
      } catch (error) {
        const retryable = isRetryableRequestError(error);
        const code = (error as { errorCode?: string }).errorCode ?? (error as Error).name ?? 'ERROR';
        for (const a of pending) done.set(a.contactId, { contactId: a.contactId, ok: false, retryable, code, message: (error as Error).message });
        break;
      }
      const repairs: Array<{ attempt: TaskAttempt; repair: Repair }> = [];
      pending.forEach((attempt, i) => {
        const repair = round < MAX_REPAIRS ? repairFor(attempt, saved[i]) : undefined;
        if (repair) repairs.push({ attempt, repair });
        else done.set(attempt.contactId, this.toResult(attempt.contactId, saved[i]));
      });
      pending = await this.applyRepairs(repairs, done);
    }
    return writes.map((w) => done.get(w.contactId)!);
  }

  /** Reports each repair and returns what to send again; a Task made without its subtype is deleted first. */
  private async applyRepairs(repairs: Array<{ attempt: TaskAttempt; repair: Repair }>, done: Map<string, CallLogResult>): Promise<TaskAttempt[]> {
    for (const { attempt, repair } of repairs)
      this.onRepair({ contactId: attempt.contactId, kind: repair.kind, ...(repair.kind === 'dropped' ? { code: repair.code, dropped: repair.dropped } : {}) });
    const recreate = repairs.filter((r): r is { attempt: TaskAttempt; repair: Extract<Repair, { kind: 'recreate' }> } => r.repair.kind === 'recreate');
    if (recreate.length === 0) return repairs.map((r) => r.repair.next);
    let deleted: SaveResult[] = [];
    try {
      deleted = await this.connection.request<SaveResult[]>({ method: 'DELETE', url: `${DELETE_URL}${recreate.map((r) => r.repair.id).join(',')}` });
    } catch {
      /* answered per record below */
    }
    const failed = new Set(recreate.filter((_, i) => deleted[i]?.success !== true).map((r) => r.attempt.contactId));
    for (const contactId of failed)
      done.set(contactId, {
        contactId,
        ok: false,
        retryable: false,
        code: 'TASK_WITHOUT_SUBTYPE',
        message: 'The Task was created without TaskSubtype and could not be deleted to be made again: delete it in Salesforce, then redrive',
      });
    return repairs.filter((r) => !failed.has(r.attempt.contactId)).map((r) => r.repair.next);
  }

  private toResult(contactId: string, saved: SaveResult | undefined): CallLogResult {
    if (!saved) return { contactId, ok: false, retryable: true, code: 'NO_RESULT', message: 'Salesforce returned no result for this record' };
    if (saved.success) return { contactId, ok: true, created: saved.created === true };
    const first = saved.errors?.[0] ?? {};
    const code = first.statusCode ?? 'UNKNOWN';
    return {
      contactId,
      ok: false,
      retryable: !PERMANENT_RECORD_ERRORS.has(code),
      code,
      message: `${first.message ?? 'record rejected'}${first.fields?.length ? ` (${first.fields.join(', ')})` : ''}`,
    };
  }

  private async send(records: object[]): Promise<SaveResult[]> {
    const body = JSON.stringify({ allOrNone: false, records });
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.connection.request<SaveResult[]>({ method: 'PATCH', url: UPSERT_URL, body, headers: { 'Content-Type': 'application/json' } });
      } catch (error) {
        if (attempt >= this.retry.attempts || !isRetryableRequestError(error)) throw error;
        const delay = this.retry.baseDelayMs * 2 ** (attempt - 1);
        await this.retry.sleep(delay / 2 + Math.random() * (delay / 2));
      }
    }
  }
}
