import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import { importAnalyses } from '../../functions/src/call-logging/import-analysis';
import { closeFirstCallWindows } from '../../functions/src/call-logging/close-fcr';
import type { CallLoggingDeps, InboundMessage } from '../../functions/src/call-logging/call-log-sync';
import { InMemoryContactStateStore } from '../../local/fakes/contact-state-memory';
import { InMemoryContactDirectory } from '../../local/fakes/contact-directory';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import type { PastCall } from '../../functions/src/domain/routing/caller-profile';
import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';
import { MemoryCallLog } from './memory-call-log';
import { loadAnalysis, loadFixture, shuffle } from './support';

function setup(fixtureNames: string[]) {
  const fixtures = fixtureNames.map(loadFixture);
  const decisions = new Map<string, RoutingDecision>(fixtures.flatMap((f) => f.decisions.map((d) => [d.contactId, d] as const)));
  const history: PastCall[] = [];
  const callLog = new MemoryCallLog();
  const deps: CallLoggingDeps = {
    states: new InMemoryContactStateStore(),
    decisions: { get: async (id) => decisions.get(id), save: async (d) => void decisions.set(d.contactId, d) },
    contacts: new InMemoryContactDirectory(new Map(fixtures.flatMap((f) => Object.entries(f.describeContact)))),
    callLog,
    deadLetters: new InMemoryDeadLetterQueue(),
    history: { recent: async (_phone, since) => history.filter((c) => c.at >= since) },
    fcrWindowDays: 7,
  };
  let n = 0;
  const messages = (bodies: unknown[]): InboundMessage[] =>
    bodies.map((b) => ({ messageId: `m-${++n}`, body: typeof b === 'string' ? b : JSON.stringify(b), receiveCount: 1 }));
  return { fixtures, decisions, history, callLog, deps, messages, dlq: deps.deadLetters as InMemoryDeadLetterQueue };
}

describe('logContactEvents', () => {
  it('writes one Task per contact, with TaskSubtype on create, and a replay changes nothing', async () => {
    const { fixtures, callLog, deps, messages } = setup(['answered', 'abandoned', 'outbound', 'callback', 'transferred']);
    const all = fixtures.flatMap((f) => f.events);
    const first = await logContactEvents(messages(shuffle(all)), deps);
    expect(first.failedMessageIds).toEqual([]);
    expect(callLog.tasks.size).toBe(6);
    expect(callLog.tasks.get('11111111-aaaa-4000-8000-000000000001')).toMatchObject({ TaskSubtype: 'Call', CallDurationInSeconds: 360, Callwise_CSAT__c: 5 });
    expect(callLog.tasks.get('11111111-aaaa-4000-8000-000000000003')).toMatchObject({ Callwise_Transferred__c: true });
    const requests = callLog.requests;
    const again = await logContactEvents(messages(shuffle(all, 7)), deps);
    expect(again.written).toEqual([]);
    expect(callLog.requests).toBe(requests);
  });

  it('updates the Task as more arrives, without sending TaskSubtype again', async () => {
    const { fixtures, callLog, deps, messages } = setup(['answered']);
    const events = fixtures[0]!.events;
    const id = '11111111-aaaa-4000-8000-000000000001';
    const directory = deps.contacts as InMemoryContactDirectory;
    // Until COMPLETED (after-call work over), the Task is written from the events alone: no DescribeContact.
    await logContactEvents(messages(events.filter((e) => e.detail.eventType !== 'COMPLETED')), deps);
    expect(callLog.tasks.get(id)).toMatchObject({
      Callwise_ACW_Seconds__c: 0,
      Callwise_Hold_Seconds__c: 0,
      Callwise_Talk_Seconds__c: 300,
      CallDurationInSeconds: 300,
    });
    expect(directory.calls).toBe(0);
    const result = await logContactEvents(messages(events.filter((e) => e.detail.eventType === 'COMPLETED')), deps);
    expect(result).toMatchObject({ failedMessageIds: [], parked: 0 });
    // 300 s connected = 270 talk + 30 hold; + 60 after-call work = 360.
    expect(callLog.tasks.get(id)).toMatchObject({
      Callwise_ACW_Seconds__c: 60,
      Callwise_Hold_Seconds__c: 30,
      Callwise_Talk_Seconds__c: 270,
      CallDurationInSeconds: 360,
      Callwise_CSAT__c: 5,
    });
    expect(directory.calls).toBe(1);
    // The details are kept with the contact: the analysis that follows asks Connect nothing more.
    await importAnalyses([{ ...messages([loadAnalysis('1.1.0-redacted')])[0]!, objectKey: keyOf('redacted') }], deps);
    expect(directory.calls).toBe(1);
  });

  it('retries only the messages of a contact whose record failed, and parks permanent failures with the reason', async () => {
    const { fixtures, callLog, deps, messages, dlq } = setup(['answered', 'abandoned']);
    callLog.failNext.push((w) =>
      w.contactId.endsWith('01')
        ? { contactId: w.contactId, ok: false, retryable: true, code: 'UNABLE_TO_LOCK_ROW', message: 'locked' }
        : { contactId: w.contactId, ok: false, retryable: false, code: 'INVALID_CROSS_REFERENCE_KEY', message: 'bad WhoId' },
    );
    const answered = messages(fixtures[0]!.events);
    const abandoned = messages(fixtures[1]!.events);
    const result = await logContactEvents([...answered, ...abandoned], deps);
    expect(result.failedMessageIds.sort()).toEqual(answered.map((m) => m.messageId).sort());
    expect(dlq.letters).toHaveLength(abandoned.length);
    expect(dlq.letters[0]!.reason).toMatch(/INVALID_CROSS_REFERENCE_KEY: bad WhoId/);
    await logContactEvents(answered, deps);
    expect(callLog.tasks.has('11111111-aaaa-4000-8000-000000000001')).toBe(true);
  });

  it('parks malformed events with a clear reason and logs the rest', async () => {
    const { fixtures, callLog, deps, messages, dlq } = setup(['outbound']);
    const result = await logContactEvents(messages(['{not json', { source: 'aws.s3' }, ...fixtures[0]!.events]), deps);
    expect(result.failedMessageIds).toEqual([]);
    expect(result.parked).toBe(2);
    expect(dlq.letters.map((l) => l.reason).join('\n')).toMatch(/JSON/);
    expect(dlq.letters[1]!.reason).toMatch(/Not an Amazon Connect contact event: .*detail-type/);
    expect(callLog.tasks.size).toBe(1);
  });

  it('links a transferred leg to the caller of the contact they came in on, without claiming a routing rule', async () => {
    const { fixtures, callLog, deps, messages } = setup(['transferred']);
    await logContactEvents(messages(fixtures[0]!.events), deps);
    const original = callLog.tasks.get('11111111-aaaa-4000-8000-000000000003')!;
    const leg = callLog.tasks.get('11111111-aaaa-4000-8000-000000000013')!;
    expect(leg).toMatchObject({
      WhoId: original.WhoId,
      WhatId: original.WhatId,
      Callwise_Intent__c: original.Callwise_Intent__c,
      Callwise_Transferred__c: true,
    });
    expect(leg.WhoId).toBeTruthy();
    expect(leg.Callwise_Routing_Reason__c).toMatch(/^transferred from contact 11111111-aaaa-4000-8000-000000000003/);
  });

  it("remembers the agent who took the call for the caller's next routing (last agent), once", async () => {
    const { fixtures, deps, messages } = setup(['answered']);
    const remembered: Array<[string, string, string, string]> = [];
    deps.history = { recent: async () => [], setAgent: async (...args) => void remembered.push(args) };
    await logContactEvents(messages(fixtures[0]!.events), deps);
    await logContactEvents(messages(fixtures[0]!.events), deps);
    const decision = fixtures[0]!.decisions[0]!;
    expect(remembered).toEqual([[decision.phoneE164, decision.decidedAt, decision.contactId, expect.stringMatching(/agent\/agent-1$/)]]);
  });

  it('still logs the call when remembering the agent fails', async () => {
    const { fixtures, callLog, deps, messages } = setup(['answered']);
    deps.history = { recent: async () => [], setAgent: async () => Promise.reject(new Error('DynamoDB down')) };
    const result = await logContactEvents(messages(fixtures[0]!.events), deps);
    expect(result.failedMessageIds).toEqual([]);
    expect(callLog.tasks.size).toBe(1);
  });

  it('marks the earlier Task unresolved when the caller calls again about the same intent', async () => {
    const { fixtures, callLog, deps, messages, history, decisions } = setup(['answered']);
    await logContactEvents(messages(fixtures[0]!.events), deps);
    history.push({ contactId: '11111111-aaaa-4000-8000-000000000001', at: '2026-11-24T09:00:00.000Z', intent: 'billing', queueName: 'Billing', agentId: '' });
    const repeat = loadFixture('callback');
    const repeatId = '11111111-aaaa-4000-8000-000000000005';
    decisions.set(repeatId, { ...fixtures[0]!.decisions[0]!, contactId: repeatId });
    (deps.contacts as InMemoryContactDirectory).set(repeatId, repeat.describeContact[repeatId]!);
    await logContactEvents(messages(repeat.events), deps);
    expect(callLog.tasks.get('11111111-aaaa-4000-8000-000000000001')).toMatchObject({ Callwise_First_Call_Resolution__c: false });
    expect(callLog.tasks.get(repeatId)).not.toHaveProperty('Callwise_First_Call_Resolution__c');
    const closed = await closeFirstCallWindows([repeatId, '11111111-aaaa-4000-8000-000000000001'], new Date('2026-12-02T12:00:00Z'), deps);
    expect(closed).toEqual({ resolved: 1, written: 1, failed: 0 });
    expect(callLog.tasks.get(repeatId)).toMatchObject({ Callwise_First_Call_Resolution__c: true });
  });
});

const ANSWERED = '11111111-aaaa-4000-8000-000000000001';
const keyOf = (output: 'original' | 'redacted') =>
  output === 'redacted'
    ? `connect/acme/Analysis/Voice/Redacted/2026/11/24/${ANSWERED}_analysis_redacted_2026-11-24T09:07:00Z.json`
    : `connect/acme/Analysis/Voice/2026/11/24/${ANSWERED}_analysis_2026-11-24T09:07:00Z.json`;

describe('importAnalyses', () => {
  it.each([
    ['after the events', true],
    ['before the events', false],
  ])('updates the same Task with the facts of the documented redacted file when it arrives %s', async (_label, eventsFirst) => {
    const { fixtures, callLog, deps, messages } = setup(['answered']);
    const analysis = messages([loadAnalysis('1.1.0-redacted')]).map((m) => ({ ...m, objectKey: keyOf('redacted') }));
    if (eventsFirst) await logContactEvents(messages(fixtures[0]!.events), deps);
    const imported = await importAnalyses(analysis, deps);
    expect(imported).toMatchObject({ failedMessageIds: [], parked: 0, skipped: 0 });
    if (!eventsFirst) {
      expect(callLog.tasks.size).toBe(0);
      await logContactEvents(messages(fixtures[0]!.events), deps);
    }
    expect(callLog.tasks.size).toBe(1);
    expect(callLog.tasks.get(ANSWERED)).toMatchObject({
      TaskSubtype: 'Call',
      Callwise_Customer_Sentiment__c: 3.1,
      Callwise_Agent_Sentiment__c: 0,
      Callwise_Talk_Listen_Ratio__c: 1.11,
      Callwise_Interruptions__c: 0,
      Callwise_Categories__c: 'Cancellation',
      Callwise_Call_Summary__c:
        "The customer and agent's conversation did not have any clear issues, outcomes or next steps. Agent verified customer information and finished the call.\nCustomer sentiment improving.",
      Description: 'Call summary: see the Callwise Call Summary field (restricted).',
    });
  });

  it.each([
    ['original first', ['original', 'redacted'] as const],
    ['redacted first', ['redacted', 'original'] as const],
  ])('writes a redacted/original pair once, from the redacted file (%s); nothing is parked', async (_label, order) => {
    const { fixtures, callLog, deps, messages, dlq } = setup(['answered']);
    await logContactEvents(messages(fixtures[0]!.events), deps);
    const writesBefore = callLog.writes;
    const files = { original: loadAnalysis('voice-2022-11-30-original'), redacted: loadAnalysis('voice-2022-11-30-redacted') };
    const pair = order.map((output) => ({ ...messages([files[output]])[0]!, objectKey: keyOf(output) }));
    const result = await importAnalyses(pair, deps);
    expect(result).toMatchObject({ failedMessageIds: [], parked: 0, skipped: 1 });
    expect(result.written.map((o) => o.contactId)).toEqual([ANSWERED]);
    expect(callLog.writes - writesBefore).toBe(1);
    expect(dlq.letters).toEqual([]);
    // The customer's lines flagged as issues are call content: in the restricted field, not in Description.
    expect(callLog.tasks.get(ANSWERED)).toMatchObject({
      Callwise_Call_Summary__c: 'Issues: I need to cancel. I want to cancel my plan subscription\nCustomer sentiment improving.',
      Description: 'Call summary: see the Callwise Call Summary field (restricted).',
    });
  });

  it("publishes the call's metrics once when logged and once when its analysis is first written, not on later rewrites", async () => {
    const { fixtures, deps, messages, history, decisions } = setup(['answered']);
    const published: string[] = [];
    deps.publish = (outcome, phase) => void published.push(`${outcome.contactId}:${phase}`);
    await logContactEvents(messages(fixtures[0]!.events), deps);
    await importAnalyses(
      messages([loadAnalysis('1.1.0-redacted')]).map((m) => ({ ...m, objectKey: keyOf('redacted') })),
      deps,
    );
    // A repeat call about the same intent rewrites the first Task (first-call resolution false).
    history.push({ contactId: ANSWERED, at: '2026-11-24T09:00:00.000Z', intent: 'billing', queueName: 'Billing', agentId: '' });
    const repeat = loadFixture('callback');
    const repeatId = '11111111-aaaa-4000-8000-000000000005';
    decisions.set(repeatId, { ...fixtures[0]!.decisions[0]!, contactId: repeatId });
    (deps.contacts as InMemoryContactDirectory).set(repeatId, repeat.describeContact[repeatId]!);
    await logContactEvents(messages(repeat.events), deps);
    expect(published.filter((p) => p.startsWith(ANSWERED))).toEqual([`${ANSWERED}:logged`, `${ANSWERED}:analysed`]);
  });

  it('imports the original file, and skips the redacted one, when the deployment chooses original', async () => {
    const { fixtures, callLog, deps, messages } = setup(['answered']);
    await logContactEvents(messages(fixtures[0]!.events), deps);
    const pair = (['redacted', 'original'] as const).map((output) => ({ ...messages([loadAnalysis(`1.1.0-${output}`)])[0]!, objectKey: keyOf(output) }));
    const result = await importAnalyses(pair, { ...deps, analysisOutput: 'original' });
    expect(result).toMatchObject({ failedMessageIds: [], parked: 0, skipped: 1 });
    expect(callLog.tasks.get(ANSWERED)).toMatchObject({ Callwise_Categories__c: 'Cancellation' });
  });

  it('imports a one-way-audio file without a talk-to-listen ratio', async () => {
    const { fixtures, callLog, deps, messages } = setup(['answered']);
    await logContactEvents(messages(fixtures[0]!.events), deps);
    const result = await importAnalyses([{ ...messages([loadAnalysis('one-way-audio-redacted')])[0]!, objectKey: keyOf('redacted') }], deps);
    expect(result).toMatchObject({ failedMessageIds: [], parked: 0 });
    const task = callLog.tasks.get(ANSWERED)!;
    expect(task).toMatchObject({ Callwise_Agent_Sentiment__c: 0, Callwise_Interruptions__c: 0 });
    expect(task).not.toHaveProperty('Callwise_Talk_Listen_Ratio__c');
    expect(task).not.toHaveProperty('Callwise_Customer_Sentiment__c');
  });

  it('parks a malformed analysis file with the reason', async () => {
    const { deps, messages, dlq } = setup([]);
    const result = await importAnalyses(messages([{ ContentMetadata: { Output: 'Redacted' }, CustomerMetadata: {} }]), deps);
    expect(result.parked).toBe(1);
    expect(dlq.letters[0]).toMatchObject({
      source: 'analysis',
      reason: expect.stringMatching(/Not a Contact Lens post-call analysis file: .*ConversationCharacteristics/),
    });
  });
});
