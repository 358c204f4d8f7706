import type { Connection } from 'jsforce/lib/connection';
import { HttpApi } from 'jsforce/lib/http-api';
import { safeDetail, SalesforceApiError, salesforceApiPath, type SalesforceRequest, type SalesforceRequester, SalesforceTimeoutError } from './api';
import { loadSalesforceCredentials, type SalesforceCredentials } from './secrets';
import { signInWithJwt } from './jwt-auth';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ConnectionOptions {
  /** Per request (and per sign-in) timeout. */
  timeoutMs?: number;
}

export interface QueryResult<T> {
  totalSize: number;
  done: boolean;
  records: T[];
}

export interface CompositeSubrequest {
  referenceId: string;
  /** Path under the versioned API root, e.g. `/query?q=…`. */
  path: string;
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
}

export interface CompositeSubresponse {
  referenceId: string;
  httpStatusCode: number;
  body: unknown;
}

/** The credentials, or where to read them at each sign-in (so a rotated key is picked up on re-authentication). */
export type CredentialsSource = SalesforceCredentials | (() => Promise<SalesforceCredentials>);

export interface ApiUsage {
  used: number;
  limit: number;
}

interface HttpResponse {
  statusCode: number;
  headers?: Record<string, string>;
}

/**
 * One authenticated Salesforce session, shared by every request of a Lambda instance.
 * - Sign-in (JWT bearer) happens once; concurrent first requests share it.
 * - On INVALID_SESSION_ID the session is renewed once (concurrent requests share the renewal) and the
 *   request is sent once more; a second INVALID_SESSION_ID is an error, never a loop.
 * - Every request has a timeout and no hidden retries (jsforce's own are switched off): callers with a
 *   deadline decide whether to retry.
 * - Errors are SalesforceApiError (errorCode, status): no request body, no query text.
 */
export class SalesforceConnection implements SalesforceRequester {
  private readonly timeoutMs: number;
  private session?: Promise<Connection>;
  private current?: Connection;
  private signInCount = 0;
  /** The last `Sforce-Limit-Info` api-usage Salesforce reported. */
  apiUsage?: ApiUsage;

  constructor(
    private readonly credentials: CredentialsSource,
    options: ConnectionOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** How many times this connection signed in (first sign-in plus renewals). */
  get signIns(): number {
    return this.signInCount;
  }

  /** Signs in now unless already signed in (otherwise the first request does). */
  async ready(): Promise<void> {
    await this.connection();
  }

  async request<T>(request: SalesforceRequest): Promise<T> {
    const connection = await this.connection();
    try {
      return await this.send<T>(connection, request);
    } catch (error) {
      if (!(error instanceof SalesforceApiError) || error.errorCode !== 'INVALID_SESSION_ID') throw error;
      return this.send<T>(await this.renew(connection), request);
    }
  }

  /** The signed-in session, for Bulk API results read as a stream (adapters/salesforce/bulk-query.ts). */
  async streamSession(): Promise<{ instanceUrl: string; accessToken: string }> {
    const connection = await this.connection();
    return { instanceUrl: connection.instanceUrl, accessToken: connection.accessToken ?? '' };
  }

  /** A new session after a streamed request answered 401 (shared with concurrent renewals). */
  async renewSession(): Promise<void> {
    await this.renew(await this.connection());
  }

  query<T>(soql: string): Promise<QueryResult<T>> {
    return this.request<QueryResult<T>>({ method: 'GET', url: salesforceApiPath(`/query?q=${encodeURIComponent(soql)}`) });
  }

  /** A SOSL search; the records found, of every sObject type, in Salesforce's order. */
  async search<T>(sosl: string): Promise<T[]> {
    const result = await this.request<{ searchRecords?: T[] } | T[]>({ method: 'GET', url: salesforceApiPath(`/search?q=${encodeURIComponent(sosl)}`) });
    // Older API versions answered with a bare array.
    return Array.isArray(result) ? result : (result?.searchRecords ?? []);
  }

  /** One composite request, allOrNone false: each sub-request succeeds or fails on its own. */
  async composite(subrequests: CompositeSubrequest[]): Promise<CompositeSubresponse[]> {
    const compositeRequest = subrequests.map((s) => ({
      method: s.method ?? 'GET',
      url: salesforceApiPath(s.path),
      referenceId: s.referenceId,
      ...(s.body === undefined ? {} : { body: s.body }),
    }));
    const result = await this.request<{ compositeResponse?: CompositeSubresponse[] }>({
      method: 'POST',
      url: salesforceApiPath('/composite'),
      body: JSON.stringify({ allOrNone: false, compositeRequest }),
      headers: { 'Content-Type': 'application/json' },
    });
    return result?.compositeResponse ?? [];
  }

  private connection(): Promise<Connection> {
    return (this.session ??= this.signIn());
  }

  /** A new session unless another request already replaced (or is replacing) the stale one. */
  private renew(stale: Connection): Promise<Connection> {
    if (this.session && this.current !== stale) return this.session;
    this.current = undefined;
    this.session = this.signIn();
    return this.session;
  }

  private async signIn(): Promise<Connection> {
    this.signInCount++;
    try {
      const credentials = typeof this.credentials === 'function' ? await this.credentials() : this.credentials;
      this.current = await signInWithJwt(credentials, { timeoutMs: this.timeoutMs });
      return this.current;
    } catch (error) {
      // A failed sign-in is not remembered: the next request tries again.
      this.session = undefined;
      throw error;
    }
  }

  private async send<T>(connection: Connection, request: SalesforceRequest): Promise<T> {
    // Paths under the versioned API root ('/sobjects/…') are accepted as jsforce accepts them.
    const path = request.url.startsWith('/') && !request.url.startsWith('/services/') ? salesforceApiPath(request.url) : request.url;
    const url = new URL(path, connection.instanceUrl);
    const where = `${request.method.toUpperCase()} ${url.pathname}`;
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    let status = 0;
    const api = new HttpApi(connection, { retry: { maxRetries: 0 }, timeout: this.timeoutMs });
    api.on('response', (response: HttpResponse) => {
      status = response.statusCode;
      this.noteLimits(response.headers?.['sforce-limit-info']);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SalesforceTimeoutError(where, this.timeoutMs)), this.timeoutMs);
    });
    try {
      const sent = api.request<T>({ method: request.method.toUpperCase() as 'GET', url: url.toString(), body: request.body, headers });
      return await Promise.race([sent, timeout]);
    } catch (error) {
      throw this.toApiError(error, where, status);
    } finally {
      clearTimeout(timer);
    }
  }

  private toApiError(error: unknown, where: string, status: number): SalesforceApiError {
    if (error instanceof SalesforceApiError) return error;
    const e = error as { errorCode?: unknown; message?: unknown; name?: string };
    if (typeof e?.errorCode === 'string') return new SalesforceApiError(e.errorCode, status, where, safeDetail(e.message));
    if (/timeout|abort/i.test(`${e?.name} ${String(e?.message)}`)) return new SalesforceTimeoutError(where, this.timeoutMs);
    return new SalesforceApiError('NETWORK_ERROR', status, where, safeDetail(e?.message));
  }

  private noteLimits(header: string | undefined): void {
    const usage = header?.match(/api-usage=(\d+)\/(\d+)/);
    if (usage) this.apiUsage = { used: Number(usage[1]), limit: Number(usage[2]) };
  }
}

/** A connection that signs in on its first request (for module scope in a Lambda). */
export function createSalesforceConnection(credentials: CredentialsSource, options: ConnectionOptions = {}): SalesforceConnection {
  return new SalesforceConnection(credentials, options);
}

/** A signed-in connection: fails fast when the credentials are refused. */
export async function connectSalesforce(credentials: CredentialsSource, options: ConnectionOptions = {}): Promise<SalesforceConnection> {
  const connection = new SalesforceConnection(credentials, options);
  await connection.ready();
  return connection;
}

/**
 * The one way the Lambdas sign in to Salesforce: a connection (JWT bearer) whose every sign-in, the first and
 * each renewal, reads the credentials from Secrets Manager afresh, so a rotated key or a corrected client id is
 * picked up at the next sign-in without a redeploy. It signs in on its first request. The timeout is the
 * caller's (settings.ts: TIMEOUTS.routingSalesforceMs on the call path, batchSalesforceMs for the batch Lambdas).
 */
export function salesforceFromSecret(client: SecretsManagerClient, secretArn: string, options: { timeoutMs: number }): SalesforceConnection {
  return createSalesforceConnection(() => loadSalesforceCredentials(client, secretArn, { cacheMs: 0 }), { timeoutMs: options.timeoutMs });
}
