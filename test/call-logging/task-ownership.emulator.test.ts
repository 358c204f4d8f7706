import { SalesforceCallLog } from '../../functions/src/adapters/salesforce/call-log';
import { connectSalesforce } from '../../functions/src/adapters/salesforce/connection';
import { closeFirstCallWindows } from '../../functions/src/call-logging/close-fcr';
import type { CallLoggingDeps } from '../../functions/src/call-logging/call-log-sync';
import { importAnalyses } from '../../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import { InMemoryContactDirectory } from '../../local/fakes/contact-directory';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { InMemoryContactStateStore } from '../../local/fakes/contact-state-memory';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { logger } from '../../functions/src/platform/observability';
import { loadAnalysis, loadFixture } from './support';

/**
 * Who owns the Call Task (docs/call-logging.md): the least-privileged integration user owns it until its last
 * write, which hands it to the rep. The emulator enforces "Controlled by Parent" for the demo org's integration
 * user (Read on parents, no role), so the old design — the rep owning the Task from its first write — is refused.
 * Contact attributes may hold caller input, so the owner they name must be a policy agent's Salesforce user and the
 * disposition one of the policy's; anything else is left off the Task and counted (issue #13, trusted writes only).
 */
const CONTACT_ID = '11111111-aaaa-4000-8000-000000000001';
const REP = '005Dm0000000R01AAA';
// A real, active user who is not one of the policy's agents: Salesforce would accept a Task owned by them.
const OUTSIDER = '005Dm0000000R03AAA';
const INTEGRATION_USER = '005Dm000000000IAAA';
const noSleep = { sleep: async () => undefined };
let sf: SalesforceEmulator;

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty' });
  sf.insert('User', [
    { Id: REP, LastName: 'Rep', IsActive: true },
    { Id: OUTSIDER, LastName: 'Outsider', IsActive: true },
  ]);
  sf.insert('Account', [{ Id: '001Dm0000000001IAA', Name: 'Acme' }]);
  sf.insert('Contact', [{ Id: '003Dm0000000001IAA', LastName: 'Caller', AccountId: '001Dm0000000001IAA' }]);
});
afterAll(() => sf.stop());

/** The answered call, its attributes changed by `attributes`; the policy's agents are REP and its dispositions two. */
async function deps(attributes: Record<string, string> = {}): Promise<CallLoggingDeps & { deadLetters: InMemoryDeadLetterQueue; counted: string[] }> {
  const answered = loadFixture('answered');
  const details = answered.describeContact[CONTACT_ID]!;
  const counted: string[] = [];
  return {
    states: new InMemoryContactStateStore(),
    decisions: { get: async (id) => answered.decisions.find((d) => d.contactId === id), save: async () => undefined },
    // The rep's Salesforce user id arrives as a contact attribute.
    contacts: new InMemoryContactDirectory(
      new Map([[CONTACT_ID, { ...details, attributes: { ...details.attributes, salesforceUserId: REP, ...attributes } }]]),
    ),
    callLog: new SalesforceCallLog(await connectSalesforce(createTestCredentials(sf.url)), noSleep, () => undefined),
    deadLetters: new InMemoryDeadLetterQueue(),
    fcrWindowDays: 7,
    trust: async () => ({ agents: [{ salesforceUserId: REP }], dispositions: ['Resolved', 'Follow-up'] }),
    countUntrusted: (field) => void counted.push(field),
    counted,
  };
}

/** Logs the answered call, then closes its first-call-resolution window (the Task's last write). */
async function logAndHandOver(d: CallLoggingDeps): Promise<void> {
  const events = loadFixture('answered').events.map((e, i) => ({ messageId: `e-${i}`, body: JSON.stringify(e), receiveCount: 1 }));
  await logContactEvents(events, d);
  expect(await closeFirstCallWindows([CONTACT_ID], new Date('2026-12-02T12:00:00Z'), d)).toEqual({ resolved: 1, written: 1, failed: 0 });
}

const task = () => sf.records('Task').find((t) => t.Callwise_Contact_Id__c === CONTACT_ID);

describe('Call Task ownership with a least-privileged integration user', () => {
  it('keeps the Task through the call and its analysis, and hands it to the rep in the last write', async () => {
    const d = await deps();
    const events = loadFixture('answered').events.map((e, i) => ({ messageId: `e-${i}`, body: JSON.stringify(e), receiveCount: 1 }));

    await logContactEvents(events, d);
    expect(task()).toMatchObject({ TaskSubtype: 'Call', OwnerId: '005Dm000000000IAAA', Callwise_CSAT__c: 5 });

    const objectKey = `connect/acme/Analysis/Voice/Redacted/2026/11/24/${CONTACT_ID}_analysis_redacted_2026-11-24T09:07:00Z.json`;
    const analysis = await importAnalyses(
      [{ messageId: 'a-1', body: JSON.stringify(loadAnalysis('voice-2022-11-30-redacted')), objectKey, receiveCount: 1 }],
      d,
    );
    expect(analysis.failedMessageIds).toEqual([]);
    expect(task()).toMatchObject({ OwnerId: '005Dm000000000IAAA', Callwise_Talk_Listen_Ratio__c: 1.11 });

    const closed = await closeFirstCallWindows([CONTACT_ID], new Date('2026-12-02T12:00:00Z'), d);

    expect(closed).toEqual({ resolved: 1, written: 1, failed: 0 });
    expect(task()).toMatchObject({ TaskSubtype: 'Call', OwnerId: REP, Callwise_First_Call_Resolution__c: true, Callwise_Talk_Listen_Ratio__c: 1.11 });
    expect(await d.deadLetters.list(10)).toEqual([]);
  });

  it('would be refused under the old design: a Task the rep owns from its first write cannot be updated', async () => {
    const callLog = new SalesforceCallLog(await connectSalesforce(createTestCredentials(sf.url)), noSleep, () => undefined);
    await callLog.upsert([
      { contactId: 'old-1', create: true, record: { Callwise_Contact_Id__c: 'old-1', Subject: 'Inbound call', WhoId: '003Dm0000000001IAA', OwnerId: REP } },
    ]);

    const [later] = await callLog.upsert([{ contactId: 'old-1', create: false, record: { Callwise_Contact_Id__c: 'old-1', Callwise_CSAT__c: 4 } }]);

    expect(later).toMatchObject({ ok: false, retryable: false, code: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });
});

describe('trusted writes only: the owner and the disposition from contact attributes', () => {
  beforeEach(() => sf.remove(sf.records('Task').map((t) => t.Id as string)));

  it("hands the Task to a policy agent named by its 15-character id (writing the policy's 18-character one), and writes a configured disposition in the policy's spelling", async () => {
    const d = await deps({ salesforceUserId: REP.slice(0, 15), disposition: 'follow-up' });

    await logAndHandOver(d);

    expect(task()).toMatchObject({ OwnerId: REP, CallDisposition: 'Follow-up' });
    expect(d.counted).toEqual([]);
  });

  it('does not hand the Task to a forged owner (a real user outside the policy): the integration user keeps it; counted once, logged without the value', async () => {
    const d = await deps({ salesforceUserId: OUTSIDER });
    const warn = jest.spyOn(logger, 'warn');
    let calls: unknown[][] = [];

    try {
      await logAndHandOver(d);
    } finally {
      calls = [...warn.mock.calls];
      warn.mockRestore();
    }

    expect(task()).toMatchObject({ OwnerId: INTEGRATION_USER, CallDisposition: 'Resolved', Callwise_First_Call_Resolution__c: true });
    expect(d.counted).toEqual(['OwnerId']);
    const lines = calls.filter(([message]) => String(message).includes('not trusted'));
    expect(lines).toEqual([['contact attribute not trusted; left off the Call Task', { contactId: CONTACT_ID, field: 'OwnerId' }]]);
    expect(JSON.stringify(calls)).not.toContain(OUTSIDER);
  });

  it.each([
    ['an unknown disposition', { disposition: 'Refund approved by caller' }, ['CallDisposition']],
    ['an owner that is not a user id', { salesforceUserId: "005' OR Id != null" }, ['OwnerId']],
    ['both', { salesforceUserId: '00GDm0000000Q01AAA', disposition: 'Escalated' }, ['OwnerId', 'CallDisposition']],
  ])('leaves %s off the Task, still writes the Task, and counts each field once', async (_case, attributes, fields) => {
    const d = await deps(attributes);

    await logAndHandOver(d);

    const written = task()!;
    expect(written).toMatchObject({ TaskSubtype: 'Call', Callwise_CSAT__c: 5 });
    if (fields.includes('CallDisposition')) expect(written.CallDisposition ?? null).toBeNull();
    if (fields.includes('OwnerId')) expect(written.OwnerId).toBe(INTEGRATION_USER);
    expect(d.counted).toEqual(fields);
  });
});
