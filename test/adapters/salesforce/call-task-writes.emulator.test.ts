import { SalesforceCallLog, type RepairReport } from '../../../functions/src/adapters/salesforce/call-log';
import { connectSalesforce } from '../../../functions/src/adapters/salesforce/connection';
import { buildOutcome } from '../../../functions/src/domain/outcome/outcome';
import { callTaskRecord } from '../../../functions/src/domain/outcome/outcome-task';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';
import type { CallLogWrite } from '../../../functions/src/ports';

/** The Call Task writer against the emulator's rules: subtype on every new Task, stale references written around, sizes. */
const REP = '005Dm0000000R01AAA';
const GONE_REP = '005Dm0000000R02AAA';
const noSleep = { sleep: async () => undefined };
let sf: SalesforceEmulator;
let log: SalesforceCallLog;
let repairs: RepairReport[];
let contactId: string;
let accountId: string;

const write = (key: string, record: Record<string, unknown>, create = true): CallLogWrite => ({
  contactId: key,
  create,
  record: { Callwise_Contact_Id__c: key, Subject: 'Inbound call', ...record },
});
const task = (key: string) => sf.records('Task').find((t) => t.Callwise_Contact_Id__c === key);

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty' });
  sf.insert('User', [
    { Id: REP, LastName: 'Rep', IsActive: true },
    { Id: GONE_REP, LastName: 'Gone', IsActive: false },
  ]);
  [accountId = ''] = sf.insert('Account', [{ Name: 'Acme' }]);
  [contactId = ''] = sf.insert('Contact', [{ LastName: 'Survivor', AccountId: accountId }]);
  log = new SalesforceCallLog(await connectSalesforce(createTestCredentials(sf.url)), noSleep, (r) => void repairs.push(r));
});
beforeEach(() => (repairs = []));
afterAll(() => sf.stop());

describe('TaskSubtype, the create-only field', () => {
  it('is sent on create, and left out when the Task exists (the refusal proves it)', async () => {
    await log.upsert([write('sub-1', {})]);
    const [again] = await log.upsert([write('sub-1', { Callwise_CSAT__c: 4 })]);

    expect(again).toEqual({ contactId: 'sub-1', ok: true, created: false });
    expect(task('sub-1')).toMatchObject({ TaskSubtype: 'Call', Callwise_CSAT__c: 4 });
  });

  it('never leaves a Task without it: a write believed to be an update that turns out new is made again with it', async () => {
    const [result] = await log.upsert([write('sub-2', { Callwise_CSAT__c: 3 }, false)]);

    expect(result).toMatchObject({ ok: true, created: true });
    expect(sf.records('Task').filter((t) => t.Callwise_Contact_Id__c === 'sub-2')).toEqual([
      expect.objectContaining({ TaskSubtype: 'Call', Callwise_CSAT__c: 3 }),
    ]);
    expect(repairs).toEqual([{ contactId: 'sub-2', kind: 'recreate' }]);
  });
});

describe('stale references are written around, and reported', () => {
  it('writes without a WhoId merged away (ENTITY_IS_DELETED), keeping the WhatId', async () => {
    const [merged = ''] = sf.insert('Contact', [{ LastName: 'Merged away', AccountId: accountId }]);
    sf.remove([merged]);

    const [result] = await log.upsert([write('stale-1', { WhoId: merged, WhatId: accountId })]);

    expect(result).toMatchObject({ ok: true, created: true });
    expect(task('stale-1')).toMatchObject({ WhatId: accountId, TaskSubtype: 'Call' });
    expect(task('stale-1')?.WhoId ?? null).toBeNull();
    expect(repairs).toEqual([{ contactId: 'stale-1', kind: 'dropped', code: 'ENTITY_IS_DELETED', dropped: 'WhoId' }]);
  });

  it('writes without an inactive owner (INACTIVE_OWNER_OR_USER): the integration user keeps the Task', async () => {
    const [result] = await log.upsert([write('stale-2', { WhoId: contactId, OwnerId: GONE_REP })]);

    expect(result).toMatchObject({ ok: true });
    expect(task('stale-2')).toMatchObject({ OwnerId: '005Dm000000000IAAA', WhoId: contactId });
    expect(repairs).toEqual([{ contactId: 'stale-2', kind: 'dropped', code: 'INACTIVE_OWNER_OR_USER', dropped: 'OwnerId' }]);
  });
});

describe('values that do not fit their field never reach Salesforce', () => {
  it('writes an 80-character tier cut to Text(40) (its last character the marker) and a talk-to-listen ratio of 1,500 held at Number(5,2)', async () => {
    const outcome = buildOutcome({
      state: {
        contactId: 'fit-1',
        channel: 'VOICE',
        initiationMethod: 'INBOUND',
        events: [],
        attributes: {},
        earliest: { initiationTimestamp: '2026-11-24T09:00:00.000Z' },
        latest: { disconnectTimestamp: '2026-11-24T09:05:00.000Z' },
      } as never,
      analysis: { contactId: 'fit-1', talkListenRatio: 1500, categories: [] } as never,
    });
    const record = callTaskRecord({ ...outcome, valueTier: 'V'.repeat(80) });

    const [result] = await log.upsert([{ contactId: 'fit-1', create: true, record }]);

    expect(result).toMatchObject({ ok: true });
    expect(task('fit-1')).toMatchObject({ Callwise_Value_Tier__c: `${'V'.repeat(39)}…`, Callwise_Talk_Listen_Ratio__c: 999.99 });
    expect(sf.requestLog().filter((r) => r.status >= 400)).toEqual([]);
  });

  it('writes a summary and flagged transcript lines longer than the field into the restricted field, cut to 32,000 with a marker; Description only points there', async () => {
    const issues = `Issues: my card number is 4111 and I want to cancel | ${'the bill is wrong '.repeat(2500)}`;
    const outcome = buildOutcome({
      state: {
        contactId: 'fit-2',
        channel: 'VOICE',
        initiationMethod: 'INBOUND',
        events: [],
        attributes: {},
        earliest: { initiationTimestamp: '2026-11-24T09:00:00.000Z' },
        latest: { disconnectTimestamp: '2026-11-24T09:05:00.000Z' },
      } as never,
      analysis: { contactId: 'fit-2', categories: [], summary: issues, customerSentimentTrend: 'worsening' } as never,
    });

    const [result] = await log.upsert([{ contactId: 'fit-2', create: true, record: callTaskRecord(outcome) }]);

    expect(issues.length).toBeGreaterThan(32000);
    expect(result).toMatchObject({ ok: true });
    const summary = task('fit-2')!.Callwise_Call_Summary__c as string;
    expect(summary).toHaveLength(32000);
    expect(summary.startsWith('Issues: my card number is 4111 and I want to cancel | the bill is wrong')).toBe(true);
    expect(summary.endsWith('…')).toBe(true);
    expect(task('fit-2')!.Description).toBe('Call summary: see the Callwise Call Summary field (restricted).');
    expect(sf.requestLog().filter((r) => r.status >= 400)).toEqual([]);
  });
});
