import { salesforceApiPath, type SalesforceRequester } from './api';
import { CALL_TASK_EXTERNAL_ID } from '../../domain/outcome/call-task-fields';
import { withCreateOnlyFields } from '../../domain/outcome/outcome-task';
import type { CallLog, CallLogResult, CallLogWrite } from '../../ports';

interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; message?: string; fields?: string[] }>;
}

export const COLLECTION_LIMIT = 200;
const UPSERT_URL = salesforceApiPath(`/composite/sobjects/Task/${CALL_TASK_EXTERNAL_ID}`);

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
]);
const CREATE_ONLY = 'INVALID_FIELD_FOR_INSERT_UPDATE';

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
    const records = writes.map((w) => ({ attributes: { type: 'Task' }, ...(w.create ? withCreateOnlyFields(w.record) : w.record) }));
    let saved: SaveResult[];
    try {
      saved = await this.send(records);
    } catch (error) {
      const retryable = isRetryableRequestError(error);
      const code = (error as { errorCode?: string }).errorCode ?? (error as Error).name ?? 'ERROR';
      return writes.map((w) => ({ contactId: w.contactId, ok: false, retryable, code, message: (error as Error).message }));
    }
    const results = writes.map((w, i) => this.toResult(w.contactId, saved[i]));
    // A Task that already exists rejects the create-only TaskSubtype: write those again without it.
    const again = writes.filter((w, i) => !results[i]!.ok && (results[i] as { code: string }).code === CREATE_ONLY && w.create);
    if (again.length === 0) return results;
    const retried = new Map((await this.upsertChunk(again.map((w) => ({ ...w, create: false })))).map((r) => [r.contactId, r]));
    return results.map((r) => retried.get(r.contactId) ?? r);
  }

  private toResult(contactId: string, saved: SaveResult | undefined): CallLogResult {
    if (!saved) return { contactId, ok: false, retryable: true, code: 'NO_RESULT', message: 'Salesforce returned no result for this record' };
    if (saved.success) return { contactId, ok: true, created: saved.created === true };
    const first = saved.errors?.[0] ?? {};
    const code = first.statusCode ?? 'UNKNOWN';
    return { contactId, ok: false, retryable: !PERMANENT_RECORD_ERRORS.has(code), code, message: `${first.message ?? 'record rejected'}${first.fields?.length ? ` (${first.fields.join(', ')})` : ''}` };
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
