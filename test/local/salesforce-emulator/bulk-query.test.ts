import type { Connection } from 'jsforce';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';
import { connectToEmulator } from '../../../local/salesforce-emulator/test-client';

/** Bulk API 2.0 query jobs over plain HTTP (and jsforce's bulk2 client) against the emulator, on an injected clock. */

const V = '/services/data/v62.0';
const T0 = Date.parse('2026-11-24T09:00:00.000Z');
let now = T0;
let sf: SalesforceEmulator;
let conn: Connection;

interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

async function call(method: string, path: string, body?: unknown, version = V): Promise<Answer> {
  const res = await fetch(`${sf.url}${version}${path}`, {
    method,
    headers: { Authorization: `Bearer ${conn.accessToken!}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined;
  return { status: res.status, body: json, text, headers: res.headers };
}

const create = async (query: string, extra: Record<string, unknown> = {}) => {
  const answer = await call('POST', '/jobs/query', { operation: 'query', query, ...extra });
  expect(answer.status).toBe(200);
  return answer.body as { id: string; state: string };
};
const state = async (id: string) => ((await call('GET', `/jobs/query/${id}`)).body as { state: string }).state;
const completed = async (query: string, extra: Record<string, unknown> = {}) => {
  const job = await create(query, extra);
  while ((await state(job.id)) !== 'JobComplete');
  return job.id;
};

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty', clock: () => now, bulkQueryPolls: 3, bulkQueryJobsPer24h: 1000 });
  conn = await connectToEmulator(sf.url);
  const [acme] = sf.insert('Account', [{ Name: 'Acme, Inc.', Phone: '+1 415 555 0100' }]);
  sf.insert('Contact', [
    { FirstName: 'Ada', LastName: 'Quinn', AccountId: acme, Phone: '+1 415 555 0142', Title: 'The "gold" buyer' },
    { FirstName: 'Ben', LastName: 'Okafor', Phone: null, Title: null },
    { FirstName: 'Cy', LastName: 'Ng', AccountId: acme, Phone: '+1 415 555 0144' },
    { FirstName: 'Di', LastName: 'Fox', AccountId: acme, Phone: '+1 415 555 0145' },
    { FirstName: 'Ed', LastName: 'Li', AccountId: acme, Phone: '+1 415 555 0146' },
  ]);
});
afterAll(() => sf.stop());
beforeEach(() => {
  sf.setBulkQueryPolls(3);
  sf.resetCounters();
});

describe('a query job', () => {
  it('is UploadComplete when created, InProgress while polled, JobComplete at the third poll, and counts every request', async () => {
    const job = await create('SELECT Id FROM Contact');
    expect(job).toMatchObject({
      operation: 'query',
      object: 'Contact',
      state: 'UploadComplete',
      contentType: 'CSV',
      concurrencyMode: 'Parallel',
      apiVersion: 62,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      createdDate: '2026-11-24T09:00:00.000+0000',
    });
    expect(job.id).toMatch(/^750[a-zA-Z0-9]{15}$/);
    const seen = [await state(job.id), await state(job.id)];
    const done = (await call('GET', `/jobs/query/${job.id}`)).body;
    expect(seen).toEqual(['InProgress', 'InProgress']);
    expect(done).toMatchObject({ state: 'JobComplete', jobType: 'V2Query', numberRecordsProcessed: 5, retries: 0 });
    expect(sf.requestCount()).toBe(4);
  });

  it('answers CSV with relationship columns, quoted values and empty nulls, on one page with Sforce-Locator "null"', async () => {
    const id = await completed("SELECT Id, Name, Phone, Title, Account.Name FROM Contact WHERE LastName IN ('Quinn', 'Okafor') ORDER BY LastName DESC");
    const [quinn, okafor] = ['Quinn', 'Okafor'].map((n) => sf.records('Contact').find((c) => c.LastName === n)!.Id);
    const res = await call('GET', `/jobs/query/${id}/results`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv;charset=UTF-8');
    expect(res.headers.get('sforce-locator')).toBe('null');
    expect(res.headers.get('sforce-numberofrecords')).toBe('2');
    expect(res.text).toBe(
      `"Id","Name","Phone","Title","Account.Name"\n"${String(quinn)}","Ada Quinn","+1 415 555 0142","The ""gold"" buyer","Acme, Inc."\n"${String(okafor)}","Ben Okafor",,,\n`,
    );
  });

  it('pages with maxRecords and locators; a locator can be read again', async () => {
    const id = await completed('SELECT LastName FROM Contact ORDER BY LastName');
    const first = await call('GET', `/jobs/query/${id}/results?maxRecords=2`);
    const locator = first.headers.get('sforce-locator')!;
    const second = await call('GET', `/jobs/query/${id}/results?maxRecords=2&locator=${locator}`);
    const again = await call('GET', `/jobs/query/${id}/results?maxRecords=2&locator=${locator}`);
    const third = await call('GET', `/jobs/query/${id}/results?maxRecords=2&locator=${second.headers.get('sforce-locator')!}`);
    expect([first.text, second.text, third.text]).toEqual(['"LastName"\n"Fox"\n"Li"\n', '"LastName"\n"Ng"\n"Okafor"\n', '"LastName"\n"Quinn"\n']);
    expect(again.text).toBe(second.text);
    expect([first, second, third].map((r) => r.headers.get('sforce-numberofrecords'))).toEqual(['2', '2', '1']);
    expect(third.headers.get('sforce-locator')).toBe('null');
    expect(locator).not.toBe('null');
  });

  it('uses the job delimiter and line ending', async () => {
    const id = await completed("SELECT LastName, Account.Name FROM Contact WHERE LastName = 'Quinn'", { columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    expect((await call('GET', `/jobs/query/${id}/results`)).text).toBe('"LastName"|"Account.Name"\r\n"Quinn"|"Acme, Inc."\r\n');
  });

  it('selects by SystemModstamp after a watermark: a record written later, not the ones before', async () => {
    now = Date.parse('2026-11-24T10:00:00.000Z');
    const ng = sf.records('Contact').find((c) => c.LastName === 'Ng')!;
    const patched = await call('PATCH', `/sobjects/Contact/${String(ng.Id)}`, { Phone: '+1 415 555 0199' });
    expect(patched.status).toBe(204);
    const id = await completed('SELECT Id, Phone, SystemModstamp FROM Contact WHERE SystemModstamp > 2026-11-24T09:30:00Z');
    expect((await call('GET', `/jobs/query/${id}/results`)).text).toBe(
      `"Id","Phone","SystemModstamp"\n"${String(ng.Id)}","+1 415 555 0199","2026-11-24T10:00:00.000Z"\n`,
    );
  });

  it('queryAll also returns deleted records (IsDeleted true); query does not', async () => {
    now = Date.parse('2026-11-24T11:00:00.000Z');
    const li = sf.records('Contact').find((c) => c.LastName === 'Li')!;
    expect((await call('DELETE', `/sobjects/Contact/${String(li.Id)}`)).status).toBe(204);
    const soql = 'SELECT LastName, IsDeleted FROM Contact WHERE SystemModstamp >= 2026-11-24T11:00:00Z';
    const all = await completed(soql, { operation: 'queryAll' });
    const live = await completed(soql);
    expect((await call('GET', `/jobs/query/${all}/results`)).text).toBe('"LastName","IsDeleted"\n"Li","true"\n');
    expect((await call('GET', `/jobs/query/${live}/results`)).text).toBe('"LastName","IsDeleted"\n');
  });
});

describe('errors and limits', () => {
  it.each([
    ['an unknown field', { operation: 'query', query: 'SELECT Nope FROM Contact' }, 'INVALID_FIELD'],
    ['malformed SOQL', { operation: 'query', query: 'SELECT FROM Contact' }, 'MALFORMED_QUERY'],
    ['GROUP BY', { operation: 'query', query: 'SELECT LastName FROM Contact GROUP BY LastName' }, 'INVALIDJOB'],
    ['an aggregate', { operation: 'query', query: 'SELECT COUNT() FROM Contact' }, 'INVALIDJOB'],
    ['a parent-to-child subquery', { operation: 'query', query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account' }, 'INVALIDJOB'],
    ['an unknown operation', { operation: 'insert', query: 'SELECT Id FROM Contact' }, 'INVALIDJOB'],
    ['an unknown delimiter', { operation: 'query', query: 'SELECT Id FROM Contact', columnDelimiter: 'COLON' }, 'INVALIDJOB'],
  ])('rejects %s when the job is created (400 %s)', async (_case, body, code) => {
    const res = await call('POST', '/jobs/query', body);
    expect(res.status).toBe(400);
    expect((res.body as Array<{ errorCode: string }>)[0]!.errorCode).toBe(code);
  });

  it('answers 412 for results before the job is complete, 404 for an unknown job, 409 for another API version', async () => {
    const job = await create('SELECT Id FROM Contact');
    expect((await call('GET', `/jobs/query/${job.id}/results`)).status).toBe(412);
    expect((await call('GET', '/jobs/query/750Dm0000009999AAA')).status).toBe(404);
    while ((await state(job.id)) !== 'JobComplete');
    expect((await call('GET', `/jobs/query/${job.id}/results`, undefined, '/services/data/v61.0')).status).toBe(409);
  });

  it('aborts a job (PATCH state Aborted) once; an aborted job has no results; DELETE removes it', async () => {
    const job = await create('SELECT Id FROM Contact');
    const aborted = await call('PATCH', `/jobs/query/${job.id}`, { state: 'Aborted' });
    expect(aborted.body).toMatchObject({ state: 'Aborted' });
    expect((await call('PATCH', `/jobs/query/${job.id}`, { state: 'Aborted' })).status).toBe(400);
    expect(await state(job.id)).toBe('Aborted');
    expect((await call('GET', `/jobs/query/${job.id}/results`)).status).toBe(412);
    expect((await call('DELETE', `/jobs/query/${job.id}`)).status).toBe(204);
    expect((await call('GET', `/jobs/query/${job.id}`)).status).toBe(404);
  });

  it('ends a job Failed when told to', async () => {
    sf.setBulkQueryPolls(1);
    sf.failNextBulkQueryJobs(1);
    const failed = await create('SELECT Id FROM Contact');
    const next = await create('SELECT Id FROM Contact');
    expect([await state(failed.id), await state(next.id)]).toEqual(['Failed', 'JobComplete']);
  });

  it('allows the configured jobs per rolling 24 hours and forgets finished jobs after 7 days', async () => {
    const limited = await startSalesforceEmulator({ org: 'empty', clock: () => now, bulkQueryPolls: 1, bulkQueryJobsPer24h: 2 });
    const c = await connectToEmulator(limited.url);
    const post = () =>
      fetch(`${limited.url}${V}/jobs/query`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.accessToken!}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Account' }),
      });
    const limits = async () =>
      (
        (await (await fetch(`${limited.url}${V}/limits`, { headers: { Authorization: `Bearer ${c.accessToken!}` } })).json()) as {
          DailyBulkV2QueryJobs: unknown;
        }
      ).DailyBulkV2QueryJobs;
    try {
      const start = now;
      const first = (await (await post()).json()) as { id: string };
      await post();
      const third = await post();
      expect(third.status).toBe(400);
      expect(((await third.json()) as Array<{ errorCode: string }>)[0]!.errorCode).toBe('EXCEEDEDQUOTA');
      expect(await limits()).toEqual({ Max: 2, Remaining: 0 });
      await fetch(`${limited.url}${V}/jobs/query/${first.id}`, { headers: { Authorization: `Bearer ${c.accessToken!}` } });
      now = start + 24 * 3_600_000;
      expect((await post()).status).toBe(200);
      now = start + 7 * 24 * 3_600_000;
      expect((await fetch(`${limited.url}${V}/jobs/query/${first.id}`, { headers: { Authorization: `Bearer ${c.accessToken!}` } })).status).toBe(404);
    } finally {
      await limited.stop();
    }
  });
});

describe('jsforce bulk2', () => {
  it('creates, polls and reads a query job through the real client', async () => {
    sf.setBulkQueryPolls(2);
    const records = await (
      await conn.bulk2.query("SELECT LastName, Account.Name FROM Contact WHERE LastName IN ('Quinn', 'Okafor') ORDER BY LastName", {
        pollInterval: 5,
        pollTimeout: 5000,
      })
    ).toArray();
    expect(records).toEqual([
      { LastName: 'Okafor', 'Account.Name': '' },
      { LastName: 'Quinn', 'Account.Name': 'Acme, Inc.' },
    ]);
    expect(sf.requestCount()).toBe(4);
  });
});
