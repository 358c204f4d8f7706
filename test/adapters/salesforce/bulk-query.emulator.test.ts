import { connectSalesforce, type SalesforceConnection } from '../../../functions/src/adapters/salesforce/connection';
import { BulkQueryJobError, BulkQueryJobs, type CsvRow } from '../../../functions/src/adapters/salesforce/bulk-query';
import { createTestCredentials, type SalesforceEmulator, startSalesforceEmulator } from '../../../local/salesforce-emulator';

/** Bulk API 2.0 query jobs through real HTTP against the emulator (jsforce sign-in, fetch for the CSV stream). */
let emulator: SalesforceEmulator;
let salesforce: SalesforceConnection;
const noWait = { pollMs: 0, maxWaitMs: 1_000, streamTimeoutMs: 10_000, sleep: async () => undefined };

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ org: 'empty', bulkQueryPolls: 3 });
  emulator.insert('Account', [
    { Name: 'Plain Ltd', Phone: '+1 202 555 0100' },
    { Name: 'Smith, "Junior" & Sons\nHoldings', Phone: '' },
    { Name: 'Ünïcode GmbH', Phone: '+49 30 1234567' },
    { Name: 'Fourth', Phone: '2025550104' },
    { Name: 'Fifth', Phone: '2025550105' },
  ]);
  salesforce = await connectSalesforce(createTestCredentials(emulator.url));
}, 60_000);
afterAll(() => emulator?.stop());

async function readAll(bulk: BulkQueryJobs, jobId: string, maxRecords: number, batchSize: number) {
  const batches: CsvRow[][] = [];
  const locators: string[] = [];
  for (let locator = ''; ;) {
    const set = await bulk.readSet(jobId, locator, { maxRecords, batchSize }, async (rows) => void batches.push(rows));
    if (!set.next) break;
    locators.push(set.next);
    locator = set.next;
  }
  return { batches, locators };
}

describe('BulkQueryJobs (emulator)', () => {
  it('creates a job, polls it to JobComplete and streams its CSV set by set, batch by batch', async () => {
    const bulk = new BulkQueryJobs(salesforce, noWait);
    emulator.resetCounters();
    const job = await bulk.create('SELECT Id, Name, Phone FROM Account ORDER BY Name');
    expect(job.state).toBe('UploadComplete');
    const done = await bulk.waitUntilComplete(job.id);
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 5 });

    const { batches, locators } = await readAll(bulk, job.id, 2, 1);
    expect(locators).toHaveLength(2);
    expect(batches.map((b) => b.length)).toEqual([1, 1, 1, 1, 1]);
    const rows = batches.flat();
    expect(rows.map((r) => r.Name)).toContain('Smith, "Junior" & Sons\nHoldings');
    expect(rows.find((r) => r.Name === 'Ünïcode GmbH')?.Phone).toBe('+49 30 1234567');
    expect(rows.find((r) => r.Name === 'Smith, "Junior" & Sons\nHoldings')?.Phone).toBe('');
    // create + 3 status requests + 3 result sets
    expect(bulk.requests).toBe(7);
    expect(emulator.requestCount()).toBe(7);
  });

  it('reads a set again from its locator (a resumed load)', async () => {
    const bulk = new BulkQueryJobs(salesforce, noWait);
    const job = await bulk.create('SELECT Id, Name FROM Account');
    await bulk.waitUntilComplete(job.id);
    const first = await bulk.readSet(job.id, '', { maxRecords: 3, batchSize: 10 }, async () => undefined);
    const again: CsvRow[] = [];
    const twice: CsvRow[] = [];
    await bulk.readSet(job.id, first.next!, { maxRecords: 3, batchSize: 10 }, async (rows) => void again.push(...rows));
    await bulk.readSet(job.id, first.next!, { maxRecords: 3, batchSize: 10 }, async (rows) => void twice.push(...rows));
    expect(again.map((r) => r.Id)).toEqual(twice.map((r) => r.Id));
    expect(again).toHaveLength(2);
  });

  it('reports a failed job, a job that outlasts the wait, and a refused query, by job and state', async () => {
    const bulk = new BulkQueryJobs(salesforce, noWait);
    emulator.failNextBulkQueryJobs(1);
    const failing = await bulk.create('SELECT Id FROM Account');
    await expect(bulk.waitUntilComplete(failing.id)).rejects.toThrow(BulkQueryJobError);
    await expect(bulk.waitUntilComplete(failing.id)).rejects.toThrow(/ended Failed/);

    emulator.setBulkQueryPolls(50);
    const slow = new BulkQueryJobs(salesforce, { ...noWait, pollMs: 100, maxWaitMs: 300 });
    const job = await slow.create('SELECT Id FROM Account');
    await expect(slow.waitUntilComplete(job.id)).rejects.toThrow(/still InProgress after 300 ms/);
    emulator.setBulkQueryPolls(3);

    await expect(bulk.create('SELECT Id, NoSuchField__c FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('signs in again when the session expired before the results are read', async () => {
    const bulk = new BulkQueryJobs(salesforce, noWait);
    const job = await bulk.create('SELECT Id FROM Account');
    await bulk.waitUntilComplete(job.id);
    emulator.expireSessions();
    const rows: CsvRow[] = [];
    await bulk.readSet(job.id, '', { maxRecords: 100, batchSize: 100 }, async (batch) => void rows.push(...batch));
    expect(rows).toHaveLength(5);
  });
});
