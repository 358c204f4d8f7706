import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { safeDetail, SalesforceApiError, salesforceApiPath, type SalesforceRequest, SalesforceTimeoutError } from './api';

/**
 * Bulk API 2.0 query jobs, as the Bulk API 2.0 and Bulk API Developer Guide documents them
 * (developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/):
 * - "Create a Query Job" (query_create_job.htm): POST /jobs/query {operation, query, contentType CSV, columnDelimiter,
 *   lineEnding}; the job starts UploadComplete.
 * - "Get Information About a Query Job" (query_get_one_job.htm): GET /jobs/query/{id}; state UploadComplete,
 *   InProgress, JobComplete, Failed or Aborted (errorMessage when Failed).
 * - "Get Results for a Query Job" (query_get_job_results.htm): GET /jobs/query/{id}/results?locator=…&maxRecords=…;
 *   CSV; the Sforce-Locator header names the next set ("null" after the last); a locator can be read again for as
 *   long as the job exists (so a load resumes from the last locator it finished); results need the API version
 *   the job was created with.
 * Results are parsed while they stream in (csv-parse), `batchSize` rows at a time: memory holds one batch.
 */

export type QueryJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export interface QueryJobInfo {
  id: string;
  state: QueryJobState;
  numberRecordsProcessed?: number;
  errorMessage?: string;
}

/** What the jobs need of a signed-in connection (SalesforceConnection; the CLI's org connection). */
export interface BulkTransport {
  request<T>(request: SalesforceRequest): Promise<T>;
  /** The session to stream results with (the access token never leaves the adapter). */
  streamSession(): Promise<{ instanceUrl: string; accessToken: string }>;
  /** Called once when a results request answers 401 (expired session). */
  renewSession?(): Promise<void>;
}

export interface BulkQueryOptions {
  /** Between two status requests (ms). */
  pollMs: number;
  /** A job still running after this is abandoned with an error (ms). */
  maxWaitMs: number;
  /** Waiting for the first bytes of a results set, and between two chunks of it (ms). */
  streamTimeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export type CsvRow = Record<string, string>;

export class BulkQueryJobError extends Error {
  constructor(
    readonly jobId: string,
    readonly state: string,
    detail: string,
  ) {
    super(`Bulk API query job ${jobId} ended ${state}${detail ? `: ${detail}` : ''}`);
    this.name = 'BulkQueryJobError';
  }
}

const jobsPath = (suffix = '') => salesforceApiPath(`/jobs/query${suffix}`);

export class BulkQueryJobs {
  /** Salesforce requests sent (create, status, results sets). */
  requests = 0;

  constructor(
    private readonly salesforce: BulkTransport,
    private readonly options: BulkQueryOptions,
  ) {}

  async create(soql: string, operation: 'query' | 'queryAll' = 'query'): Promise<QueryJobInfo> {
    this.requests++;
    const body = JSON.stringify({ operation, query: soql, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' });
    return this.salesforce.request<QueryJobInfo>({ method: 'POST', url: jobsPath(), body, headers: { 'Content-Type': 'application/json' } });
  }

  async info(jobId: string): Promise<QueryJobInfo> {
    this.requests++;
    return this.salesforce.request<QueryJobInfo>({ method: 'GET', url: jobsPath(`/${encodeURIComponent(jobId)}`) });
  }

  /** Polls the job until JobComplete; Failed, Aborted or a job still running after maxWaitMs is an error. */
  async waitUntilComplete(jobId: string): Promise<QueryJobInfo> {
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let waited = 0; ; waited += this.options.pollMs) {
      const info = await this.info(jobId);
      if (info.state === 'JobComplete') return info;
      if (info.state === 'Failed' || info.state === 'Aborted') throw new BulkQueryJobError(jobId, info.state, safeDetail(info.errorMessage));
      if (waited >= this.options.maxWaitMs)
        throw new BulkQueryJobError(jobId, `still ${info.state} after ${this.options.maxWaitMs} ms`, 'run the load again to continue');
      await sleep(this.options.pollMs);
    }
  }

  /**
   * Reads one set of results (from `locator`, '' for the first), handing the rows to `onBatch` `batchSize` at a
   * time as they are parsed; resolves with the next set's locator (null after the last) once every batch is handled.
   */
  async readSet(
    jobId: string,
    locator: string,
    limits: { maxRecords: number; batchSize: number },
    onBatch: (rows: CsvRow[]) => Promise<void>,
  ): Promise<{ next: string | null; records: number }> {
    const query = `?maxRecords=${limits.maxRecords}${locator ? `&locator=${encodeURIComponent(locator)}` : ''}`;
    const response = await this.open(jobsPath(`/${encodeURIComponent(jobId)}/results${query}`));
    const header = response.headers.get('sforce-locator');
    const next = header && header !== 'null' ? header : null;
    let records = 0;
    let batch: CsvRow[] = [];
    const parser = parse({ columns: true, bom: true, skip_empty_lines: true });
    // pipeline (not pipe) hands a failed download to the parser, so it ends the loop below instead of crashing the process.
    const piping = pipeline(response.body, parser);
    piping.catch(() => undefined);
    try {
      for await (const row of parser as AsyncIterable<CsvRow>) {
        batch.push(row);
        if (batch.length >= limits.batchSize) {
          records += batch.length;
          await onBatch(batch);
          batch = [];
        }
      }
    } catch (error) {
      response.body.destroy();
      if (error instanceof SalesforceApiError) throw error;
      throw new BulkQueryJobError(jobId, 'with unreadable results', safeDetail((error as Error).message));
    }
    if (batch.length > 0) {
      records += batch.length;
      await onBatch(batch);
    }
    return { next, records };
  }

  /** GET of a results set as a stream; a 401 renews the session once. */
  private async open(path: string, renewed = false): Promise<{ headers: Headers; body: Readable }> {
    this.requests++;
    const { instanceUrl, accessToken } = await this.salesforce.streamSession();
    const url = new URL(path, instanceUrl);
    const where = `GET ${url.pathname}`;
    const timeoutMs = this.options.streamTimeoutMs;
    const controller = new AbortController();
    let timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'text/csv' }, signal: controller.signal });
    } catch (error) {
      clearTimeout(timer);
      throw controller.signal.aborted
        ? new SalesforceTimeoutError(where, timeoutMs)
        : new SalesforceApiError('NETWORK_ERROR', 0, where, safeDetail((error as Error).message));
    }
    if (!response.ok || !response.body) {
      clearTimeout(timer);
      const body = (await response.json().catch(() => undefined)) as
        Array<{ errorCode?: string; message?: string }> | { errorCode?: string; message?: string } | undefined;
      const first = Array.isArray(body) ? body[0] : body;
      const code = typeof first?.errorCode === 'string' ? first.errorCode : `ERROR_HTTP_${response.status}`;
      if (response.status === 401 && !renewed && this.salesforce.renewSession) {
        await this.salesforce.renewSession();
        this.requests--;
        return this.open(path, true);
      }
      throw new SalesforceApiError(code, response.status, where, safeDetail(first?.message));
    }
    const reader = response.body.getReader();
    // The timeout covers each wait for the next chunk, not the whole download.
    async function* chunks() {
      let finished = false;
      try {
        for (;;) {
          const { value, done } = await reader.read().catch((error: unknown) => {
            throw controller.signal.aborted
              ? new SalesforceTimeoutError(where, timeoutMs)
              : new SalesforceApiError('NETWORK_ERROR', 0, where, safeDetail((error as Error).message));
          });
          if (done) {
            finished = true;
            return;
          }
          clearTimeout(timer);
          timer = setTimeout(() => controller.abort(), timeoutMs);
          yield Buffer.from(value);
        }
      } finally {
        clearTimeout(timer);
        // A set read only in part (an error while applying it) is not left open.
        if (!finished) await reader.cancel().catch(() => undefined);
      }
    }
    return { headers: response.headers, body: Readable.from(chunks()) };
  }
}
