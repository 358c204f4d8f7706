import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { INTEGRATION_USER_ID, InvalidGrantError, ORG_ID, Sessions, verifyAssertion } from './auth';
import { SalesforceApiError } from './errors';
import { Faults, invalidSession, requestLimitExceeded } from './faults';
import { PhoneIndex } from './phone-index';
import { parseApiUrl, routeApi } from './routes';
import type { ApiContext, ApiResponse } from './api-context';
import { RecordStore } from './store';
import { FieldLimits } from './field-limits';
import { RecordWriter } from './writes';
import { SearchIndex } from './search-index';
import { BulkQueryJobs, type BulkQuerySettings } from './bulk-query';
import { ChangeEventBus } from './change-events';

/** The HTTP side of the emulator: token endpoint, bearer sessions, API usage, latency, hang and faults. */

export interface ServerOptions {
  today: string;
  apiLimit: number;
  latencyMs: number;
  seed: number;
  /** The JWT audience the org accepts (login.salesforce.com, test.salesforce.com or an Experience Cloud site). */
  audience: string;
  /** The org has Person Accounts (else their fields answer INVALID_FIELD). */
  personAccounts: boolean;
  /** Milliseconds before a record written through the API is found by SOSL, on `clock`. */
  searchIndexDelayMs: number;
  clock: () => number;
  /** Record stamps (CreatedDate, SystemModstamp) from `clock`; else the `today` date at the time of day. */
  stampsFromClock: boolean;
  bulkQuery: BulkQuerySettings;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The added latency: `ms`, or less if the response closes first (client gone, or stop() destroyed the socket), so no timer outlives stop(). */
function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

export class EmulatorServer {
  readonly store: RecordStore;
  readonly faults: Faults;
  readonly sessions = new Sessions();
  latencyMs: number;
  hanging = false;
  private apiRequests = 0;
  private tokens = 0;
  private log: LoggedRequest[] = [];
  private readonly sockets = new Set<Socket>();
  readonly ctx: ApiContext;
  // A client that goes away mid-request only loses its own socket.
  private readonly server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
  url = '';

  constructor(private readonly options: ServerOptions) {
    this.latencyMs = options.latencyMs;
    const stamp = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
    this.store = new RecordStore(
      options.stampsFromClock ? () => stamp(options.clock()) : () => `${options.today}${new Date().toISOString().slice(10, 23)}+0000`,
      options.personAccounts,
    );
    this.faults = new Faults(options.seed);
    this.ctx = {
      store: this.store,
      writer: new RecordWriter(this.store, new FieldLimits()),
      faults: this.faults,
      today: options.today,
      phones: new PhoneIndex(this.store),
      searchIndex: new SearchIndex(options.clock, options.searchIndexDelayMs),
      cursors: new Map(),
      bulk: new BulkQueryJobs(options.clock, options.bulkQuery),
      changes: new ChangeEventBus(options.clock),
    };
    this.ctx.writer.onWrite = (id) => this.ctx.searchIndex.noteWrite(id);
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  requestCount = () => this.apiRequests;
  tokenRequests = () => this.tokens;
  requestLog = () => this.log.map((entry) => ({ ...entry }));
  resetCounters(): void {
    this.apiRequests = 0;
    this.tokens = 0;
    this.log = [];
  }

  private limitHeader(): string {
    return `api-usage=${this.apiRequests}/${this.options.apiLimit}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    if (path === '/services/oauth2/token' && method === 'POST') {
      this.tokens++;
      return this.send(res, this.token(raw));
    }
    if (!path.startsWith('/services/data'))
      return this.send(res, { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] });
    this.apiRequests++;
    const entry: LoggedRequest = { method, path, status: 0 };
    this.log.push(entry);
    if (this.hanging) return;
    const response = this.api(req, method, raw);
    // One API request is one transaction: what it committed is published as its change events.
    const version = /^\/services\/data\/v(\d+\.\d)/.exec(path)?.[1] ?? '';
    this.ctx.changes.commit(this.store.takeChanges(), `com/salesforce/api/rest/${version}`);
    entry.status = response.status;
    return this.send(res, response);
  }

  private api(req: IncomingMessage, method: string, raw: string): ApiResponse {
    try {
      const parsedBody = raw ? parseJson(raw) : undefined;
      const request = parseApiUrl(method, req.url ?? '/', parsedBody);
      if (!request) {
        if ((req.url ?? '').split('?')[0]!.replace(/\/+$/, '') !== '/services/data')
          throw new SalesforceApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        return { status: 200, body: [{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }] };
      }
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!this.sessions.isValid(token)) throw invalidSession();
      if (this.apiRequests > this.options.apiLimit) throw requestLimitExceeded();
      const fault = this.faults.forRequest();
      if (fault) throw fault;
      if (request.segments[0] === 'limits')
        return {
          status: 200,
          body: {
            DailyApiRequests: { Max: this.options.apiLimit, Remaining: Math.max(0, this.options.apiLimit - this.apiRequests) },
            DailyBulkV2QueryJobs: this.ctx.bulk.usage(),
          },
        };
      return routeApi(this.ctx, request);
    } catch (error) {
      if (error instanceof SalesforceApiError) return { status: error.status, body: error.body() };
      return { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: `emulator error: ${(error as Error).message}` }] };
    }
  }

  private token(raw: string): ApiResponse {
    const params = new URLSearchParams(raw);
    if (params.get('grant_type') !== JWT_GRANT)
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
    try {
      verifyAssertion(params.get('assertion') ?? '', this.options.audience, Math.floor(Date.now() / 1000));
    } catch (error) {
      if (error instanceof InvalidGrantError) return { status: 400, body: { error: error.error, error_description: error.message } };
      throw error;
    }
    const accessToken = this.sessions.issue();
    const issuedAt = String(Date.now());
    const id = `${this.url}/id/${ORG_ID}/${INTEGRATION_USER_ID}`;
    const signature = createHmac('sha256', ORG_ID)
      .update(id + issuedAt)
      .digest('base64');
    return { status: 200, body: { access_token: accessToken, scope: 'api', instance_url: this.url, id, token_type: 'Bearer', issued_at: issuedAt, signature } };
  }

  private async send(res: ServerResponse, response: ApiResponse): Promise<void> {
    if (this.latencyMs > 0) await delay(this.latencyMs, res);
    if (res.destroyed) return;
    const headers: Record<string, string> = { ...response.headers, 'Sforce-Limit-Info': this.limitHeader() };
    if (response.text !== undefined) {
      res
        .writeHead(response.status, {
          ...headers,
          'Content-Type': `${response.contentType ?? 'text/plain'};charset=UTF-8`,
          'Content-Length': String(Buffer.byteLength(response.text)),
        })
        .end(response.text);
      return;
    }
    if (response.body === undefined) {
      res.writeHead(response.status, headers).end();
      return;
    }
    const text = JSON.stringify(response.body);
    res
      .writeHead(response.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)) })
      .end(text);
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
