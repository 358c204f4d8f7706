import { InMemoryContactDirectory } from '../../local/fakes/contact-directory';
import { InMemoryContactStateStore } from '../../local/fakes/contact-state-memory';
import { SalesforceCallLog } from '../../functions/src/adapters/salesforce/call-log';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { syntheticDay, type SyntheticTruth } from '../../local/synthetic/call-log-day';
import { drainQueue } from '../../local/fakes/drain-queue';
import { redriveDeadLetters } from '../../functions/src/call-logging/redrive';
import type { CallLoggingDeps } from '../../functions/src/call-logging/call-log-sync';
import { importAnalyses } from '../../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import { callTasks, startEmulatedOrg, type EmulatedOrg } from './emulated-org';
import { shuffle } from './support';

const CONTACTS = 5000;
const day = syntheticDay(4800);
// The Salesforce emulator over HTTP, holding the callers the day's decisions name.
let org: EmulatedOrg;
beforeAll(async () => {
  org = await startEmulatedOrg(day.decisions);
});
afterAll(() => org.emulator.stop());

describe('call logging under at-least-once, unordered delivery and Salesforce failures', () => {
  it('ends with exactly one right Task per contact, nothing lost', async () => {
    // Prepare: 5,000 contacts' events and analyses, 20% duplicated, shuffled, plus malformed input.
    const ids = new Set(day.contactIds.slice(0, CONTACTS));
    const events = day.events.filter((e) => ids.has((e as { detail: { contactId: string } }).detail.contactId));
    const analyses = day.analyses.filter((a) => ids.has((a as { CustomerMetadata: { ContactId: string } }).CustomerMetadata.ContactId));
    const withDuplicates = <T>(items: T[], seed: number) => shuffle([...items, ...shuffle(items, seed).slice(0, Math.round(items.length * 0.2))], seed + 1);
    const malformed = ['{"detail-type":"Amazon Connect Contact Event"}', 'not json', JSON.stringify({ ...(events[0] as object), time: 'soon' })];
    const eventBodies = withDuplicates([...events.map((e) => JSON.stringify(e)), ...malformed], 11);
    const analysisBodies = withDuplicates([...analyses.map((a) => JSON.stringify(a)), '{"Participants":[]}'], 21);

    org.emulator.injectFaults({ serverErrorRate: 0.05, requestLimitRate: 0.05, recordErrorRate: 0.05 });
    const decisions = new Map(day.decisions.map((d) => [d.contactId, d]));
    const states = new InMemoryContactStateStore();
    let synced = 0;
    let reads = 0;
    const markSynced = states.markSynced.bind(states);
    // A failed state write after Salesforce took the Task: only that contact is retried.
    states.markSynced = async (id, fp, analysisSent) => {
      if (++synced === 2500) throw new Error('ConditionalCheckFailedException');
      return markSynced(id, fp, analysisSent);
    };
    // One crash in the middle of the run: the whole batch comes back.
    const getMany = states.getMany.bind(states);
    states.getMany = async (contactIds) => {
      if (++reads === 3) throw new Error('Lambda crashed');
      return getMany(contactIds);
    };
    const dlq = new InMemoryDeadLetterQueue();
    const deps: CallLoggingDeps = {
      states,
      decisions: { get: async (id) => decisions.get(id), save: async () => undefined },
      contacts: new InMemoryContactDirectory(day.details, day.queues),
      callLog: new SalesforceCallLog(org.salesforce, { sleep: async () => undefined, attempts: 3 }),
      deadLetters: dlq,
      fcrWindowDays: 7,
      maxReceives: 2,
    };

    // Act: drain both queues, lift the faults, redrive the dead letters.
    const crashes: unknown[] = [];
    const eventsDrain = await drainQueue(eventBodies, (batch) => logContactEvents(batch, deps), { batchSize: 1000, onBatchError: (e) => crashes.push(e) });
    await drainQueue(analysisBodies, (batch) => importAnalyses(batch, deps), { batchSize: 200 });
    const parkedBeforeRedrive = dlq.letters.length;
    org.emulator.injectFaults({});
    const redrive = await redriveDeadLetters(dlq, async (letters) => {
      const accepted = new Set<string>();
      for (const [source, run] of [
        ['contact-event', logContactEvents],
        ['analysis', importAnalyses],
      ] as const) {
        const batch = letters.filter((l) => l.source === source).map((l) => ({ messageId: l.id, body: l.body, receiveCount: 1 }));
        const failed = new Set((await run(batch, deps)).failedMessageIds);
        for (const m of batch) if (!failed.has(m.messageId)) accepted.add(m.messageId);
      }
      return accepted;
    });

    // Assess
    expect(crashes).toHaveLength(1);
    expect(eventsDrain.redelivered).toBeGreaterThan(0);
    const malformedCount = eventBodies.filter((b) => malformed.includes(b)).length + analysisBodies.filter((b) => b === '{"Participants":[]}').length;
    expect(parkedBeforeRedrive).toBeGreaterThan(malformedCount);
    expect(redrive.redriven).toBe(parkedBeforeRedrive);
    const tasks = callTasks(org.emulator);
    expect(tasks.size).toBe(CONTACTS);
    for (const id of ids) {
      // The handling score is the scorer's (tested in test/domain/handling); here: every analysed call carries one.
      const { handling, rest } = splitHandling(tasks.get(id) ?? {});
      expect(rest).toMatchObject(expectedTask(id, day.truth.get(id)!));
      if (day.truth.get(id)!.analysis) expect(['Scored', 'Not scored']).toContain(handling.Callwise_Handling_Status__c);
      else expect(handling).toEqual({});
    }
    // Every parked message that is still parked is malformed, and says why.
    const left = await dlq.list(100);
    expect(left).toHaveLength(malformedCount);
    expect(left.every((l) => /^Not (an Amazon Connect contact event|a Contact Lens post-call analysis file)|JSON/.test(l.reason))).toBe(true);
  }, 180_000); // behaviour only: how fast call logging runs is measured in bench/
});

/**
 * The Task a contact should end with, worked out from what the generator made (not by the code under test), by
 * the meaning DESIGN.md gives each field: wait = time in queue; talk = connected minus hold; handle time
 * (CallDurationInSeconds) = talk + hold + after-call work; an unanswered queued call is abandoned; both legs
 * of a transfer are transferred.
 */
function expectedTask(id: string, truth: SyntheticTruth): Record<string, unknown> {
  const { call, analysis } = truth;
  const method = call.method ?? 'INBOUND';
  const queued = method !== 'OUTBOUND' && method !== 'API';
  const answered = call.connectedSeconds !== undefined;
  const hold = answered ? (call.holdSeconds ?? 0) : 0;
  const talk = answered ? call.connectedSeconds! - hold : 0;
  const acw = answered ? (call.acwSeconds ?? 0) : 0;
  const attributes = call.attributes ?? {};
  return {
    TaskSubtype: 'Call',
    CallObject: id,
    Callwise_Contact_Id__c: id,
    CallType: method === 'OUTBOUND' || method === 'CALLBACK' ? 'Outbound' : 'Inbound',
    Callwise_Abandoned__c: queued && !answered,
    Callwise_Wait_Seconds__c: queued ? (call.queueSeconds ?? 20) : 0,
    Callwise_Talk_Seconds__c: talk,
    Callwise_Hold_Seconds__c: hold,
    Callwise_ACW_Seconds__c: acw,
    CallDurationInSeconds: talk + hold + acw,
    CallDisposition: attributes.disposition ?? (queued && !answered ? 'Abandoned' : undefined),
    Callwise_Transferred__c: truth.transferredTo !== undefined || method === 'TRANSFER',
    ...(queued ? { Callwise_Queue__c: call.queueName } : {}),
    ...(truth.intent ? { Callwise_Intent__c: truth.intent } : {}),
    ...(attributes.csat ? { Callwise_CSAT__c: Number(attributes.csat) } : {}),
    ...(attributes.converted ? { Callwise_Converted__c: attributes.converted === 'true' } : {}),
    ...(analysis
      ? {
          Callwise_Customer_Sentiment__c: analysis.customer || 0, // a generated -0 is stored as 0
          Callwise_Agent_Sentiment__c: analysis.agent || 0,
          Callwise_Talk_Listen_Ratio__c: Math.round((analysis.agentTalkMs / analysis.customerTalkMs) * 100) / 100,
          Callwise_Interruptions__c: analysis.interruptions,
          Callwise_Call_Summary__c: expect.stringContaining(analysis.summary!),
          ...(analysis.categories.length ? { Callwise_Categories__c: analysis.categories.join(';') } : {}),
        }
      : {}),
  };
}

/** A Task's call-handling fields (Callwise_Handling_*, Callwise_Step_*, the weakest step and the coaching note) apart from the rest. */
function splitHandling(task: Record<string, unknown>): { handling: Record<string, unknown>; rest: Record<string, unknown> } {
  const isHandling = (field: string) => /^Callwise_(Handling_|Step_|Coaching_Note__c|Weakest_Step__c)/.test(field);
  const entries = Object.entries(task);
  return { handling: Object.fromEntries(entries.filter(([f]) => isHandling(f))), rest: Object.fromEntries(entries.filter(([f]) => !isHandling(f))) };
}
