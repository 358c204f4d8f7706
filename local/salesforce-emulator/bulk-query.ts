import { INTEGRATION_USER_ID } from './auth';
import { COLUMN_DELIMITERS, LINE_ENDINGS, csvRows, type ColumnDelimiter, type CsvFormat, type LineEnding } from './csv';
import { SalesforceApiError, notFound } from './errors';
import { recordId } from './ids';
import { parseSoql, runScopedQuery, selectRows, type QueryContext } from './soql-query';
import type { ResolvedPath } from './soql-fields';
import type { ApiRequest, ApiResponse } from './api-context';
import type { Row } from './store';

/**
 * Bulk API 2.0 query jobs (Bulk API 2.0 and Bulk API Developer Guide: "Create a Query Job", "Get Information About a
 * Query Job", "Get Results for a Query Job", "Abort a Query Job", "Delete a Query Job", "Get Information About All
 * Query Jobs"; limits from "Bulk API and Bulk API 2.0 Limits and Allocations"). A job moves UploadComplete →
 * InProgress → JobComplete as it is polled (`pollsToComplete` status requests), so clients really poll; the query
 * runs when the job completes. Error codes the guide does not spell out are assumptions (README).
 */

export type JobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** "Limits for Query Jobs": 10,000 query jobs per rolling 24 hours; jobs in a terminal state are deleted after 7 days. */
export const QUERY_JOBS_PER_24H = 10_000;
export const RESULTS_LIFESPAN_MS = 7 * 24 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
/** Rows per results page when the client gives no maxRecords (the guide: "the server uses a default value"; ours). */
export const DEFAULT_MAX_RECORDS = 50_000;
const TERMINAL: JobState[] = ['JobComplete', 'Failed', 'Aborted'];

export interface BulkQuerySettings {
  /** Status requests until a job is JobComplete (InProgress before); 1 = complete at the first poll. */
  pollsToComplete: number;
  /** Query jobs allowed per rolling 24 hours. */
  jobsPer24h: number;
}

interface QueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  query: string;
  format: CsvFormat;
  apiVersion: string;
  createdAt: number;
  modifiedAt: number;
  state: JobState;
  polls: number;
  fail: boolean;
  columns: ResolvedPath[];
  rows: Row[];
}

const invalidJob = (message: string) => new SalesforceApiError(400, 'INVALIDJOB', message);
const invalidJobState = (message: string) => new SalesforceApiError(400, 'INVALIDJOBSTATE', message);
const sfDatetime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

export class BulkQueryJobs {
  private readonly jobs = new Map<string, QueryJob>();
  private created: number[] = [];
  private sequence = 0;
  private failNext = 0;

  constructor(
    private readonly clock: () => number,
    readonly settings: BulkQuerySettings,
  ) {}

  /** The next `count` jobs end Failed instead of JobComplete (as a query that times out on Salesforce's side). */
  failNextJobs(count: number): void {
    this.failNext += count;
  }

  /** DailyBulkV2QueryJobs for the /limits resource. */
  usage(): { Max: number; Remaining: number } {
    this.forget();
    return { Max: this.settings.jobsPer24h, Remaining: Math.max(0, this.settings.jobsPer24h - this.created.length) };
  }

  handle(req: ApiRequest, ctx: QueryContext): ApiResponse {
    this.forget();
    const [, , id, results] = req.segments;
    if (id === undefined) {
      if (req.method === 'POST') return { status: 200, body: this.info(this.create(req, ctx)) };
      if (req.method === 'GET') return { status: 200, body: { done: true, records: [...this.jobs.values()].map((j) => this.info(j)), nextRecordsUrl: null } };
      throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,POST`);
    }
    const job = this.jobs.get(id);
    if (!job) throw notFound();
    if (results === 'results' && req.method === 'GET') return this.results(job, req);
    if (results !== undefined) throw notFound();
    switch (req.method) {
      case 'GET':
        this.advance(job, ctx);
        return { status: 200, body: this.info(job) };
      case 'PATCH':
        return { status: 200, body: this.info(this.abort(job, req.body)) };
      case 'DELETE':
        if (job.state === 'InProgress') throw invalidJobState(`Job ${job.id} is InProgress; abort it or wait for it to finish before deleting it`);
        this.jobs.delete(job.id);
        return { status: 204 };
      default:
        throw new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,PATCH,DELETE`);
    }
  }

  private create(req: ApiRequest, ctx: QueryContext): QueryJob {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.operation !== 'query' && body.operation !== 'queryAll')
      throw invalidJob(`operation must be query or queryAll, not ${JSON.stringify(body.operation)}`);
    if (typeof body.query !== 'string' || !body.query.trim()) throw invalidJob('query is required');
    if (body.contentType !== undefined && body.contentType !== 'CSV') throw invalidJob(`contentType must be CSV, not ${JSON.stringify(body.contentType)}`);
    const columnDelimiter = (body.columnDelimiter ?? 'COMMA') as ColumnDelimiter;
    if (!(columnDelimiter in COLUMN_DELIMITERS)) throw invalidJob(`columnDelimiter must be one of ${Object.keys(COLUMN_DELIMITERS).join(', ')}`);
    const lineEnding = (body.lineEnding ?? 'LF') as LineEnding;
    if (!(lineEnding in LINE_ENDINGS)) throw invalidJob('lineEnding must be LF or CRLF');
    const object = validateBulkQuery(body.query, ctx);
    if (this.created.length >= this.settings.jobsPer24h) {
      throw new SalesforceApiError(400, 'EXCEEDEDQUOTA', `You have exceeded the ${this.settings.jobsPer24h} query jobs allowed in a rolling 24-hour period`);
    }
    const now = this.clock();
    this.created.push(now);
    const id = recordId('750', ++this.sequence);
    const fail = this.failNext > 0;
    if (fail) this.failNext--;
    const job: QueryJob = {
      id,
      operation: body.operation,
      object,
      query: body.query,
      format: { columnDelimiter, lineEnding },
      apiVersion: req.version,
      createdAt: now,
      modifiedAt: now,
      state: 'UploadComplete',
      polls: 0,
      fail,
      columns: [],
      rows: [],
    };
    this.jobs.set(id, job);
    return job;
  }

  /** One status request: the job moves on; at the last one the query runs against the org as it is now. */
  private advance(job: QueryJob, ctx: QueryContext): void {
    if (TERMINAL.includes(job.state)) return;
    job.polls++;
    job.modifiedAt = this.clock();
    if (job.polls < this.settings.pollsToComplete) {
      job.state = 'InProgress';
      return;
    }
    if (job.fail) {
      job.state = 'Failed';
      return;
    }
    const selected = selectRows(job.query, { ...ctx, version: job.apiVersion, includeDeleted: job.operation === 'queryAll' });
    job.columns = selected.paths;
    job.rows = selected.rows;
    job.state = 'JobComplete';
  }

  private abort(job: QueryJob, body: unknown): QueryJob {
    if ((body as { state?: unknown } | undefined)?.state !== 'Aborted') throw invalidJobState('A query job can only be set to state Aborted');
    if (TERMINAL.includes(job.state)) throw invalidJobState(`Job ${job.id} is already ${job.state}`);
    job.state = 'Aborted';
    job.modifiedAt = this.clock();
    return job;
  }

  private results(job: QueryJob, req: ApiRequest): ApiResponse {
    // "Use the same API version to get query results that you used to create the query. Otherwise, the call returns a 409 error."
    if (req.version !== job.apiVersion)
      throw new SalesforceApiError(409, 'INVALIDJOBSTATE', `Job ${job.id} was created in API version ${job.apiVersion}; get its results with the same version`);
    if (job.state !== 'JobComplete')
      throw new SalesforceApiError(
        412,
        'JOB_NOT_COMPLETE',
        `can only download query results of successfully completed bulk job with status: JobComplete. Current status: ${job.state}`,
      );
    const max = req.query.get('maxRecords');
    const pageSize = max === null ? DEFAULT_MAX_RECORDS : Number(max);
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new SalesforceApiError(400, 'INVALID_PARAMETER', `maxRecords must be a positive integer, not ${max}`);
    const locator = req.query.get('locator');
    const from = locator === null || locator === '' ? 0 : offsetOf(locator, job.rows.length);
    const page = job.rows.slice(from, from + pageSize);
    const next = from + page.length;
    const header = job.columns.map((c) => c.canonical);
    const text = csvRows([header, ...page.map((row) => job.columns.map((c) => c.get(row)))], job.format);
    return {
      status: 200,
      text,
      contentType: 'text/csv',
      headers: { 'Sforce-Locator': next < job.rows.length ? encodeLocator(next) : 'null', 'Sforce-NumberOfRecords': String(page.length) },
    };
  }

  private info(job: QueryJob): Record<string, unknown> {
    const complete = job.state === 'JobComplete';
    return {
      id: job.id,
      operation: job.operation,
      object: job.object,
      createdById: INTEGRATION_USER_ID,
      createdDate: sfDatetime(job.createdAt),
      systemModstamp: sfDatetime(job.modifiedAt),
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(job.apiVersion),
      jobType: 'V2Query',
      lineEnding: job.format.lineEnding,
      columnDelimiter: job.format.columnDelimiter,
      numberRecordsProcessed: complete ? job.rows.length : 0,
      retries: 0,
      totalProcessingTime: complete ? job.modifiedAt - job.createdAt : 0,
    };
  }

  /** Drops creations older than 24 hours from the quota and terminal jobs older than the results lifespan. */
  private forget(): void {
    const now = this.clock();
    this.created = this.created.filter((at) => now - at < DAY_MS);
    for (const job of this.jobs.values()) if (TERMINAL.includes(job.state) && now - job.modifiedAt >= RESULTS_LIFESPAN_MS) this.jobs.delete(job.id);
  }
}

/** Bulk API 2.0 query rejects GROUP BY, OFFSET, TYPEOF, aggregates and parent-to-child subqueries ("Create a Query Job"). */
function validateBulkQuery(soql: string, ctx: QueryContext): string {
  const parsed = parseSoql(soql);
  if (!parsed.sObject) throw invalidJob('The query has no FROM clause');
  const unsupported = [
    parsed.groupBy ? 'GROUP BY' : undefined,
    parsed.offset !== undefined ? 'OFFSET' : undefined,
    ...(parsed.fields ?? []).map((f) =>
      f.type === 'Field' || f.type === 'FieldRelationship'
        ? undefined
        : f.type === 'FieldSubquery'
          ? 'parent-to-child subqueries'
          : f.type === 'FieldFunctionExpression'
            ? 'aggregate functions'
            : f.type === 'FieldTypeof'
              ? 'TYPEOF'
              : (f.type ?? 'this field'),
    ),
  ].filter((u): u is string => u !== undefined);
  if (unsupported.length > 0) throw invalidJob(`Bulk API 2.0 query does not support ${[...new Set(unsupported)].join(', ')}`);
  // Field and relationship errors answer as the REST query does (INVALID_FIELD, MALFORMED_QUERY), at creation.
  runScopedQuery(soql, ctx, () => false);
  return ctx.store.sobjectName(parsed.sObject);
}

/** A locator is an opaque pseudo-random string in the guide (e.g. MTAwMDA); ours is the base64 of the next offset. */
function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

function offsetOf(locator: string, total: number): number {
  const offset = Number(Buffer.from(locator, 'base64').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0 || offset > total || encodeLocator(offset) !== locator)
    throw new SalesforceApiError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator}`);
  return offset;
}
