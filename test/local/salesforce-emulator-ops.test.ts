import type { Connection } from 'jsforce';
import { startSalesforceEmulator, type FaultPlan, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { connectToEmulator } from '../../local/salesforce-emulator/test-client';

const V = '/services/data/v62.0';
const QUERY = `${V}/query?q=${encodeURIComponent('SELECT Id FROM Contact LIMIT 1')}`;

let sf: SalesforceEmulator;
let conn: Connection;

const get = (emulator: SalesforceEmulator, token: string, path = QUERY) => fetch(`${emulator.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty', apiLimit: 50 });
  conn = await connectToEmulator(sf.url);
});

afterAll(() => sf.stop());
beforeEach(() => {
  sf.resetCounters();
  sf.injectFaults({});
  sf.setLatency(0);
});

describe('API usage', () => {
  it('counts REST requests (not token requests), logs them, and reports usage in Sforce-Limit-Info', async () => {
    const first = await get(sf, conn.accessToken!);
    const second = await get(sf, conn.accessToken!, `${V}/sobjects/Contact/003Dm0000000001IAA`);
    expect([first.status, second.status]).toEqual([200, 404]);
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/50');
    expect(second.headers.get('sforce-limit-info')).toBe('api-usage=2/50');
    expect(sf.requestCount()).toBe(2);
    expect(sf.requestLog()).toEqual([
      { method: 'GET', path: `${V}/query`, status: 200 },
      { method: 'GET', path: `${V}/sobjects/Contact/003Dm0000000001IAA`, status: 404 },
    ]);
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED past the daily allowance', async () => {
    const limited = await startSalesforceEmulator({ org: 'empty', apiLimit: 3 });
    try {
      const client = await connectToEmulator(limited.url);
      for (let i = 0; i < 3; i++) await client.query('SELECT Id FROM Contact');
      await expect(client.query('SELECT Id FROM Contact')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
      const response = await get(limited, client.accessToken!);
      expect(response.status).toBe(403);
      expect(response.headers.get('sforce-limit-info')).toBe('api-usage=5/3');
    } finally {
      await limited.stop();
    }
  });
});

describe('bad input', () => {
  const send = (path: string, method = 'GET', body?: string) =>
    fetch(`${sf.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${conn.accessToken}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body } : {}),
    });

  it.each([
    ['a body that is not JSON', `${V}/composite/sobjects`, 'POST', '{not json', 400, 'JSON_PARSER_ERROR'],
    ['collections without records', `${V}/composite/sobjects`, 'POST', '{}', 400, 'JSON_PARSER_ERROR'],
    ['a record that is not an object', `${V}/composite/sobjects`, 'POST', '{"records":[42]}', 400, 'JSON_PARSER_ERROR'],
    ['a composite without subrequests', `${V}/composite`, 'POST', '{"compositeRequest":"x"}', 400, 'JSON_PARSER_ERROR'],
    ['a query without q', `${V}/query`, 'GET', undefined, 400, 'MALFORMED_QUERY'],
    ['bad percent-encoding', `${V}/sobjects/%E0%A4%A`, 'GET', undefined, 400, 'MALFORMED_URL'],
    ['an unknown resource', `${V}/nothing-here`, 'GET', undefined, 404, 'NOT_FOUND'],
    ['an unknown record', `${V}/sobjects/Contact/003Dm0000000999IAA`, 'GET', undefined, 404, 'NOT_FOUND'],
    ['an sObject name with symbols', `${V}/sobjects/Con;tact`, 'POST', '{}', 404, 'NOT_FOUND'],
  ])('answers %s with a Salesforce error, not a crash', async (_label, path, method, body, status, errorCode) => {
    const response = await send(path, method, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode, message: expect.any(String) })]);
  });

  it('survives a client that goes away mid-request', async () => {
    const aborted = new AbortController();
    const pending = fetch(`${sf.url}${V}/composite/sobjects`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conn.accessToken}` },
      body: new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"records":')) }),
      signal: aborted.signal,
      duplex: 'half',
    } as RequestInit).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 50));
    aborted.abort();
    expect(await pending).toBe('aborted');
    await expect(conn.query('SELECT Id FROM Contact')).resolves.toMatchObject({ done: true });
  });
});

describe('latency and hang', () => {
  it('adds the configured latency to every response', async () => {
    sf.setLatency(120);
    const started = performance.now();
    await conn.query('SELECT Id FROM Contact');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('never answers while hanging, and stop releases the waiting client', async () => {
    const stuck = await startSalesforceEmulator({ org: 'empty' });
    const client = await connectToEmulator(stuck.url);
    stuck.hang(true);
    // jsforce retries GETs on connection errors with backoff unless told not to.
    const pending = client.request(QUERY, { retry: { maxRetries: 0 } }).then(
      () => 'answered',
      () => 'released',
    );
    const early = await Promise.race([pending, new Promise((r) => setTimeout(() => r('waiting'), 300))]);
    expect(early).toBe('waiting');
    expect(stuck.requestCount()).toBe(1);
    await stuck.stop();
    expect(await pending).toBe('released');
  });
});

describe('faults', () => {
  it.each([
    ['server-error', 'SERVER_UNAVAILABLE'],
    ['request-limit', 'REQUEST_LIMIT_EXCEEDED'],
    ['invalid-session', 'INVALID_SESSION_ID'],
  ] as const)('failNext(%s) fails exactly the next requests with %s', async (kind, errorCode) => {
    sf.failNext(2, kind);
    // jsforce retries GETs that answer 5xx unless told not to.
    const query = () => conn.request(QUERY, { retry: { maxRetries: 0 } });
    await expect(query()).rejects.toMatchObject({ errorCode });
    await expect(query()).rejects.toMatchObject({ errorCode });
    await expect(query()).resolves.toMatchObject({ done: true });
    expect(sf.requestCount()).toBe(3);
  });

  const statuses = async (emulator: SalesforceEmulator, plan: FaultPlan, count: number) => {
    const client = await connectToEmulator(emulator.url);
    emulator.resetCounters();
    emulator.injectFaults(plan);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push((await get(emulator, client.accessToken!)).status);
    return out;
  };

  it('replays the same whole-request faults for the same seed, at about the planned rates', async () => {
    const plan = { serverErrorRate: 0.2, requestLimitRate: 0.1, seed: 7 };
    const roomy = await startSalesforceEmulator({ org: 'empty' });
    const [a, b, c] = [await statuses(roomy, plan, 150), await statuses(roomy, plan, 150), await statuses(roomy, { ...plan, seed: 8 }, 150)];
    await roomy.stop();
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    const share = (code: number) => a.filter((s) => s === code).length / a.length;
    expect(share(500) + share(503)).toBeGreaterThan(0.12);
    expect(share(500) + share(503)).toBeLessThan(0.28);
    expect(share(403)).toBeGreaterThan(0.04);
    expect(share(403)).toBeLessThan(0.17);
  });

  it('lets jsforce retry a GET through a transient 503', async () => {
    sf.failNext(1, 'server-error');
    await expect(conn.query('SELECT Id FROM Contact')).resolves.toMatchObject({ done: true });
    expect(sf.requestLog().map((r) => r.status)).toEqual([503, 200]);
  });

  it('fails single records with UNABLE_TO_LOCK_ROW, reproducibly', async () => {
    const upsert = async (prefix: string) => {
      sf.injectFaults({ recordErrorRate: 0.25, seed: 3 });
      const records = Array.from({ length: 100 }, (_, i) => ({ attributes: { type: 'Task' }, Callwise_Contact_Id__c: `${prefix}-${i}`, Subject: 'Call' }));
      const results = await conn.request<Array<{ success: boolean; errors: Array<{ statusCode: string }> }>>({
        method: 'PATCH',
        url: `${V}/composite/sobjects/Task/Callwise_Contact_Id__c`,
        body: JSON.stringify({ allOrNone: false, records }),
        headers: { 'Content-Type': 'application/json' },
      });
      return results.map((r) => (r.success ? 'ok' : r.errors[0]!.statusCode));
    };
    const first = await upsert('a');
    expect(await upsert('b')).toEqual(first);
    const failed = first.filter((s) => s === 'UNABLE_TO_LOCK_ROW').length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(40);
    expect(first.filter((s) => s !== 'ok' && s !== 'UNABLE_TO_LOCK_ROW')).toEqual([]);
  });
});
