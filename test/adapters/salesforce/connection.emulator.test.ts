import { SalesforceCallLog } from '../../../functions/src/adapters/salesforce/call-log';
import { connectSalesforce, createSalesforceConnection, type SalesforceConnection } from '../../../functions/src/adapters/salesforce/connection';
import { SalesforceApiError, SalesforceAuthError, SalesforceTimeoutError } from '../../../functions/src/adapters/salesforce/api';
import { soqlString } from '../../../functions/src/adapters/salesforce/soql';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';

/** The connection against the Salesforce emulator over HTTP, through real jsforce. */

let emulator: SalesforceEmulator;
let sf: SalesforceConnection;
const FIRST_CONTACTS = 'SELECT Id, Name FROM Contact ORDER BY Id LIMIT 3';

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ org: 'demo' });
  sf = await connectSalesforce(createTestCredentials(emulator.url));
});
afterAll(async () => emulator.stop());
beforeEach(() => {
  emulator.setLatency(0);
  emulator.hang(false);
  emulator.resetCounters();
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: Error) => e,
  );
}

describe('SalesforceConnection (emulator, real jsforce)', () => {
  it('signs in once with the JWT bearer flow and reuses the session', async () => {
    const fresh = await connectSalesforce(createTestCredentials(emulator.url));
    await fresh.query(FIRST_CONTACTS);
    await fresh.query(FIRST_CONTACTS);
    expect(emulator.tokenRequests()).toBe(1);
    expect(emulator.requestCount()).toBe(2);
    expect(fresh.apiUsage).toEqual({ used: 2, limit: expect.any(Number) });
  });

  it('accepts full API paths and paths under the versioned API root', async () => {
    const full = await sf.request<{ Id: string }>({ method: 'GET', url: '/services/data/v62.0/sobjects/Account/001Dm0000000001IAA' });
    const short = await sf.request<{ Id: string }>({ method: 'GET', url: '/sobjects/Account/001Dm0000000001IAA' });
    expect(short).toEqual(full);
    expect(full.Id).toBe('001Dm0000000001IAA');
  });

  it('shares one sign-in between concurrent first requests (lazy connection)', async () => {
    const lazy = createSalesforceConnection(createTestCredentials(emulator.url));
    const results = await Promise.all(Array.from({ length: 6 }, () => lazy.query<{ Id: string }>(FIRST_CONTACTS)));
    expect(results.every((r) => r.records.length === 3)).toBe(true);
    expect(emulator.tokenRequests()).toBe(1);
    expect(lazy.signIns).toBe(1);
  });

  it('reads the credentials again at each sign-in when given a source (a rotated key is picked up)', async () => {
    const good = createTestCredentials(emulator.url);
    const reads: string[] = [];
    let current = { ...good, username: 'rotated.away@callwise.demo' };
    const source = async () => (reads.push(current.username), current);
    const lazy = createSalesforceConnection(source);
    await expect(lazy.query(FIRST_CONTACTS)).rejects.toMatchObject({ name: 'SalesforceAuthError', errorCode: 'invalid_grant' });
    current = good;
    await expect(lazy.query(FIRST_CONTACTS)).resolves.toMatchObject({ totalSize: 3 });
    emulator.expireSessions();
    await expect(lazy.query(FIRST_CONTACTS)).resolves.toMatchObject({ totalSize: 3 });
    expect(reads).toEqual(['rotated.away@callwise.demo', good.username, good.username]);
    expect(lazy.signIns).toBe(3);
  });

  it('refuses credentials the connected app does not accept, naming no username or key', async () => {
    const wrongUser = { ...createTestCredentials(emulator.url), username: 'someone.else@callwise.demo' };
    const error = await rejection(connectSalesforce(wrongUser));
    expect(error).toBeInstanceOf(SalesforceAuthError);
    expect(error).toMatchObject({ errorCode: 'invalid_grant' });
    expect(error.message).not.toMatch(/someone\.else|PRIVATE KEY/);
  });

  it('on an expired session signs in again exactly once and retries the request', async () => {
    emulator.expireSessions();
    const result = await sf.query<{ Id: string }>(FIRST_CONTACTS);
    expect(result.records).toHaveLength(3);
    expect(emulator.tokenRequests()).toBe(1);
    expect(emulator.requestCount()).toBe(2);
  });

  it('concurrent requests on an expired session share one renewal', async () => {
    emulator.expireSessions();
    const results = await Promise.all(Array.from({ length: 8 }, () => sf.query<{ Id: string }>(FIRST_CONTACTS)));
    expect(results.every((r) => r.records.length === 3)).toBe(true);
    expect(emulator.tokenRequests()).toBe(1);
  });

  it('a second INVALID_SESSION_ID in a row is an error, not a loop', async () => {
    emulator.failNext(2, 'invalid-session');
    const error = await rejection(sf.query(FIRST_CONTACTS));
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect(error).toMatchObject({ errorCode: 'INVALID_SESSION_ID', status: 401 });
    expect(emulator.tokenRequests()).toBe(1);
    expect(emulator.requestCount()).toBe(2);
    // The renewed session still works.
    await expect(sf.query(FIRST_CONTACTS)).resolves.toMatchObject({ totalSize: 3 });
  });

  it.each([
    ['server-error', 'SERVER_UNAVAILABLE', 503, true],
    ['request-limit', 'REQUEST_LIMIT_EXCEEDED', 403, true],
  ] as const)('%s surfaces once as SalesforceApiError %s (no hidden retries, no query text)', async (kind, errorCode, status, retryable) => {
    emulator.failNext(1, kind);
    const soql = `SELECT Id FROM Contact WHERE Phone = ${soqlString('(415) 555-0123')}`;
    const error = await rejection(sf.query(soql));
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect(error).toMatchObject({ name: 'SalesforceApiError', errorCode, status, retryable });
    expect(error.message).not.toMatch(/555|SELECT|Phone/);
    expect(emulator.requestCount()).toBe(1);
  });

  it('a Salesforce error names the code and the reason, masking numbers echoed from the query', async () => {
    const error = await rejection(sf.query("SELECT Id, Nope__c FROM Contact WHERE Phone = '4155550123'"));
    expect(error).toMatchObject({ errorCode: 'INVALID_FIELD', status: 400 });
    expect(error.message).toMatch(/INVALID_FIELD.*Nope__c/);
    expect(error.message).not.toMatch(/4155550123/);
  });

  it('rejects with SalesforceTimeoutError when Salesforce is slower than the timeout', async () => {
    const quick = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 150 });
    emulator.setLatency(600);
    // The timeout error itself shows the 150 ms timer won the race against the 600 ms answer.
    const error = await rejection(quick.query(FIRST_CONTACTS));
    expect(error).toBeInstanceOf(SalesforceTimeoutError);
    expect(error).toMatchObject({ errorCode: 'TIMEOUT', retryable: true });
  });

  it('rejects with SalesforceTimeoutError when Salesforce never answers', async () => {
    const quick = await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 150 });
    emulator.hang(true);
    await expect(quick.query(FIRST_CONTACTS)).rejects.toBeInstanceOf(SalesforceTimeoutError);
  });

  it('is the SalesforceRequester call logging upserts Tasks through', async () => {
    const [result] = await new SalesforceCallLog(sf).upsert([
      { contactId: 'h2-contact-1', create: true, record: { Callwise_Contact_Id__c: 'h2-contact-1', Subject: 'Inbound call' } },
    ]);
    expect(result).toEqual({ contactId: 'h2-contact-1', ok: true, created: true });
    expect(emulator.records('Task').filter((t) => t.Callwise_Contact_Id__c === 'h2-contact-1')).toHaveLength(1);
  });
});

describe('escaping against the emulator', () => {
  const INJECTIONS = ["x' OR Name != '", "'} OR Name LIKE '%", "\\' OR Id != null OR Name = '"];

  it.each(INJECTIONS)('%j as a SOQL value finds nothing (unescaped, it would find data)', async (value) => {
    const escaped = await sf.query(`SELECT Id FROM Contact WHERE Name = ${soqlString(value)}`);
    expect(escaped.totalSize).toBe(0);
  });

  it('the same value unescaped does inject (so the test above can fail)', async () => {
    const raw = await sf.query(`SELECT Id FROM Contact WHERE Name = '${INJECTIONS[0]}' LIMIT 5`);
    expect(raw.totalSize).toBeGreaterThan(0);
  });
});
