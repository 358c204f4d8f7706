import { SalesforceCallLog, isRetryableRequestError } from '../../../functions/src/adapters/salesforce/call-log';
import type { CallLogWrite } from '../../../functions/src/ports';
import { callTasks, startEmulatedOrg, type EmulatedOrg } from '../../call-logging/emulated-org';

const write = (n: number, create = true): CallLogWrite => ({
  contactId: `c-${n}`,
  create,
  record: { Callwise_Contact_Id__c: `c-${n}`, Subject: 'Inbound call', Callwise_Wait_Seconds__c: n },
});
const noSleep = { sleep: async () => undefined };

// sObject Collections as the Salesforce emulator serves them over HTTP; each test starts from an empty org.
let org: EmulatedOrg;
beforeEach(async () => {
  org = await startEmulatedOrg();
});
afterEach(() => org.emulator.stop());

describe('SalesforceCallLog', () => {
  it('upserts in requests of at most 200 records, TaskSubtype only on create', async () => {
    const results = await new SalesforceCallLog(org.salesforce, noSleep).upsert(Array.from({ length: 450 }, (_, i) => write(i)));
    expect(org.emulator.requestCount()).toBe(3);
    expect(results.every((r) => r.ok && r.created)).toBe(true);
    expect(callTasks(org.emulator).get('c-7')).toMatchObject({ TaskSubtype: 'Call', Callwise_Wait_Seconds__c: 7 });
  });

  it('writes again without TaskSubtype when the Task turns out to exist already', async () => {
    const log = new SalesforceCallLog(org.salesforce, noSleep);
    await log.upsert([write(1)]);
    const [result] = await log.upsert([{ ...write(1), record: { ...write(1).record, Callwise_Wait_Seconds__c: 99 } }]);
    expect(result).toEqual({ contactId: 'c-1', ok: true, created: false });
    expect(org.emulator.requestCount()).toBe(3);
    expect(callTasks(org.emulator).get('c-1')).toMatchObject({ Callwise_Wait_Seconds__c: 99 });
  });

  it('backs off and retries a whole request on 5xx and REQUEST_LIMIT_EXCEEDED', async () => {
    org.emulator.failNext(1, 'server-error');
    org.emulator.failNext(1, 'request-limit');
    const delays: number[] = [];
    const [result] = await new SalesforceCallLog(org.salesforce, { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100 }).upsert([write(1)]);
    expect(result!.ok).toBe(true);
    expect(org.emulator.requestCount()).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]!).toBeGreaterThanOrEqual(100);
  });

  it('gives up after the attempts and reports every record retryable', async () => {
    const down = { request: async () => Promise.reject(Object.assign(new Error('Service Unavailable'), { statusCode: 503 })) };
    const results = await new SalesforceCallLog(down, { ...noSleep, attempts: 3 }).upsert([write(1), write(2)]);
    expect(results).toEqual([
      expect.objectContaining({ contactId: 'c-1', ok: false, retryable: true }),
      expect.objectContaining({ contactId: 'c-2', ok: false, retryable: true }),
    ]);
  });

  it.each([
    ['UNABLE_TO_LOCK_ROW', true],
    ['INVALID_CROSS_REFERENCE_KEY', false],
    ['STRING_TOO_LONG', false],
  ])('a record error %s is retryable: %s', async (code, retryable) => {
    const sf = { request: async <T>() => [{ success: false, errors: [{ statusCode: code, message: 'no', fields: ['WhoId'] }] }] as T };
    const [result] = await new SalesforceCallLog(sf, noSleep).upsert([write(1, false)]);
    expect(result).toEqual({ contactId: 'c-1', ok: false, retryable, code, message: 'no (WhoId)' });
  });

  it.each([
    [{ retryable: false, statusCode: 503 }, false],
    [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }, true],
    [{ statusCode: 400 }, false],
    [new Error('socket hang up'), true],
  ])('classifies %j as retryable: %s', (error, expected) => expect(isRetryableRequestError(error)).toBe(expected));
});
