import { InMemoryContactDirectory } from '../../local/fakes/contact-directory';
import { SalesforceCallLog } from '../../functions/src/adapters/salesforce/call-log';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import type { CallLoggingDeps, InboundMessage } from '../../functions/src/call-logging/call-log-sync';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import { InMemoryContactStateStore } from '../../local/fakes/contact-state-memory';
import { syntheticDay } from '../../local/synthetic/call-log-day';
import { callTasks, startEmulatedOrg, type EmulatedOrg } from './emulated-org';

/** One contact's lookup or state write fails inside a batch of 1,000 messages: only its messages come back. */
const day = syntheticDay(400, { seed: 13 });
const batch: InboundMessage[] = day.events.slice(0, 1000).map((e, i) => ({ messageId: `m-${i}`, body: JSON.stringify(e), receiveCount: 1 }));
const contactOf = (m: InboundMessage) => (JSON.parse(m.body) as { detail: { contactId: string } }).detail.contactId;
const decisions = new Map(day.decisions.map((d) => [d.contactId, d]));

// Each run writes to an org of its own (the Salesforce emulator over HTTP); all are stopped at the end.
const orgs: EmulatedOrg[] = [];
afterAll(() => Promise.all(orgs.map((o) => o.emulator.stop())));

async function setup() {
  const org = await startEmulatedOrg(day.decisions);
  orgs.push(org);
  const states = new InMemoryContactStateStore();
  const contacts = new InMemoryContactDirectory(day.details);
  const deps: CallLoggingDeps = {
    states,
    decisions: { get: async (id) => decisions.get(id), save: async () => undefined },
    contacts,
    callLog: new SalesforceCallLog(org.salesforce, { sleep: async () => undefined, attempts: 1 }),
    deadLetters: new InMemoryDeadLetterQueue(),
    history: { recent: async () => [] },
    fcrWindowDays: 7,
  };
  return { tasks: () => callTasks(org.emulator), deps };
}

class ThrottlingException extends Error {
  override name = 'ThrottlingException';
}

// Every contact in the batch the control run logs, and a target among them with a unique caller number
// that DescribeContact is asked about (an answered call whose COMPLETED event is in the batch).
let control: Awaited<ReturnType<typeof setup>>;
let written: Set<string>;
let t: { id: string; phone: string };
beforeAll(async () => {
  control = await setup();
  const described = new Set<string>();
  const describe = control.deps.contacts.describe.bind(control.deps.contacts);
  control.deps.contacts.describe = async (id) => (described.add(id), describe(id));
  await logContactEvents(batch, control.deps);
  written = new Set(control.tasks().keys());
  const phones = [...written].map((id) => decisions.get(id)?.phoneE164);
  const id = [...written].find((c) => {
    const phone = decisions.get(c)?.phoneE164;
    return described.has(c) && phone && phones.filter((p) => p === phone).length === 1;
  })!;
  t = { id, phone: decisions.get(id)!.phoneE164! };
});

/** Makes `deps` fail for the target while `on()` says so; counts the failures. */
type Fault = (deps: CallLoggingDeps, t: { id: string; phone: string }, on: () => boolean, count: () => void) => void;

const faults: Array<[string, Fault]> = [
  [
    'a DescribeContact throttle',
    (deps, t, on, count) => {
      const describe = deps.contacts.describe.bind(deps.contacts);
      deps.contacts.describe = async (id) => {
        if (id !== t.id || !on()) return describe(id);
        count();
        throw new ThrottlingException('Rate exceeded');
      };
    },
  ],
  [
    'a CallerHistory error',
    (deps, t, on, count) => {
      deps.history = {
        recent: async (phone) => {
          if (phone !== t.phone || !on()) return [];
          count();
          throw new Error('ProvisionedThroughputExceededException');
        },
      };
    },
  ],
  [
    'a failed state write',
    (deps, t, on, count) => {
      const markSynced = deps.states.markSynced.bind(deps.states);
      deps.states.markSynced = async (id, fingerprint, analysisSent) => {
        if (id !== t.id || !on()) return markSynced(id, fingerprint, analysisSent);
        count();
        throw new Error('ConditionalCheckFailedException');
      };
    },
  ],
];

describe('log-outcome fails only the contact that failed (partial batch response)', () => {
  it.each(faults)('%s fails that contact alone in a batch of 1,000, and its retry logs it', async (_name, inject) => {
    // Prepare
    const { tasks, deps } = await setup();
    let faulty = true;
    let thrown = 0;
    inject(
      deps,
      t,
      () => faulty,
      () => thrown++,
    );
    const targetMessages = batch.filter((m) => contactOf(m) === t.id).map((m) => m.messageId);

    // Act
    const first = await logContactEvents(batch, deps);

    // Assess: only the target's messages are handed back; everyone else's Task is written.
    expect(written.size).toBeGreaterThan(100);
    expect(thrown).toBeGreaterThan(0);
    expect(first.failedMessageIds.sort()).toEqual(targetMessages.sort());
    expect(first.parked).toBe(0);
    const others = [...written].filter((id) => id !== t.id);
    const logged = tasks();
    expect(others.every((id) => logged.has(id))).toBe(true);

    // Act: SQS redelivers the failed messages alone, the fault has passed.
    faulty = false;
    const retry = await logContactEvents(
      batch.filter((m) => first.failedMessageIds.includes(m.messageId)).map((m) => ({ ...m, receiveCount: 2 })),
      deps,
    );

    // Assess
    expect(retry.failedMessageIds).toEqual([]);
    expect(tasks().get(t.id)).toEqual(control.tasks().get(t.id));
  });
});
