import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runOutcome, parseOutcomeArgs } from '../../cli/outcome';
import { runDlq } from '../../cli/dlq';
import type { OutcomeEnvironment } from '../../cli/outcome-environment';
import { InMemoryContactStateStore } from '../../local/fakes/contact-state-memory';
import { InMemoryContactDirectory } from '../../local/fakes/contact-directory';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';
import { MemoryCallLog } from '../call-logging/memory-call-log';
import { FIXTURES, loadFixture, type ContactEventFixture } from '../call-logging/support';

/** One environment shared by both runs, as a local DynamoDB + Salesforce would be. */
function environment(): OutcomeEnvironment & { callLog: MemoryCallLog } {
  const decisions = new Map<string, RoutingDecision>();
  const directory = new InMemoryContactDirectory();
  const callLog = new MemoryCallLog();
  return {
    callLog,
    deps: {
      states: new InMemoryContactStateStore(),
      decisions: { get: async (id) => decisions.get(id), save: async (d) => void decisions.set(d.contactId, d) },
      contacts: directory,
      callLog,
      deadLetters: new InMemoryDeadLetterQueue(),
      fcrWindowDays: 7,
    },
    seed: async ({ decisions: ds = [], describeContact = {} }) => {
      for (const d of ds) decisions.set(d.contactId, d);
      for (const [id, details] of Object.entries(describeContact)) directory.set(id, details);
    },
    tasks: async (ids) => ids.flatMap((id) => (callLog.tasks.has(id) ? [callLog.tasks.get(id)!] : [])),
    salesforceRequests: () => callLog.requests,
    close: async () => undefined,
  };
}

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) } };
};
const events = (name: string) => join(FIXTURES, 'contact-events', `${name}.json`);

describe('callwise outcome', () => {
  it.each([
    ['answered', { CallType: 'Inbound', Callwise_Abandoned__c: false, CallDurationInSeconds: 360 }],
    ['abandoned', { Subject: 'Abandoned call: billing', Callwise_Abandoned__c: true, CallDisposition: 'Abandoned' }],
    ['outbound', { CallType: 'Outbound', CallDisposition: 'Sale', Callwise_Converted__c: true }],
    ['transferred', { Callwise_Transferred__c: true, Callwise_Intent__c: 'technical' }],
  ])('prints the Task of the %s call, and a second run changes nothing', async (name, expected) => {
    const env = environment();
    const first = io();
    expect(await runOutcome(['--events', events(name)], first.io, async () => env)).toBe(0);
    const printed = JSON.parse(first.out.join(''));
    expect(printed.tasks[0]).toMatchObject({ TaskSubtype: 'Call', ...expected });
    expect(printed.changed).toBeGreaterThan(0);
    const second = io();
    expect(await runOutcome(['--events', events(name)], second.io, async () => env)).toBe(0);
    expect(JSON.parse(second.out.join(''))).toMatchObject({ tasks: printed.tasks, changed: 0, salesforceRequests: printed.salesforceRequests });
  });

  it('adds the documented redacted Contact Lens file to the same Task, naming the contact by its S3 key path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callwise-outcome-'));
    const key = join(dir, 'Analysis/Voice/Redacted/2026/11/24/11111111-aaaa-4000-8000-000000000001_analysis_redacted_2026-11-24T09:07:00Z.json');
    mkdirSync(dirname(key), { recursive: true });
    copyFileSync(join(FIXTURES, 'contact-lens', '1.1.0-redacted.json'), key);
    const out = io();
    try {
      expect(await runOutcome(['--events', events('answered'), '--analysis', key], out.io, async () => environment())).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { tasks, parked, skipped } = JSON.parse(out.out.join(''));
    expect({ parked, skipped }).toEqual({ parked: 0, skipped: 0 });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ Callwise_Talk_Listen_Ratio__c: 1.11, Callwise_Customer_Sentiment__c: 3.1, Callwise_Categories__c: 'Cancellation' });
  });

  it.each([
    ['one event, as an SQS message body holds it', (f: ContactEventFixture) => f.events.at(-1)],
    ['an array of events', (f: ContactEventFixture) => f.events],
    ['{ events, describeContact, decisions }', (f: ContactEventFixture) => f],
  ])('takes a file with %s', async (_label, shape) => {
    const dir = mkdtempSync(join(tmpdir(), 'callwise-outcome-'));
    const file = join(dir, 'events.json');
    writeFileSync(file, JSON.stringify(shape(loadFixture('abandoned'))));
    const out = io();
    try {
      expect(await runOutcome(['--events', file], out.io, async () => environment())).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(JSON.parse(out.out.join('')).tasks).toEqual([expect.objectContaining({ Callwise_Abandoned__c: true, Callwise_Talk_Seconds__c: 0 })]);
  });

  it.each([
    ['an empty array', []],
    ['an object that is no event', { hello: 'world' }],
    ['{ events: [] }', { events: [] }],
  ])('rejects a file holding %s, naming the file', async (_label, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'callwise-outcome-'));
    const file = join(dir, 'not-events.json');
    writeFileSync(file, JSON.stringify(content));
    try {
      await expect(runOutcome(['--events', file], io().io, async () => environment())).rejects.toThrow(`${file}: no Amazon Connect contact event found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [[], /needs --events/],
    [['file.json'], /--events or --analysis/],
    [['--events', 'a.json', '--verbose'], /unknown option --verbose/],
  ])('rejects %j with a usage error', (args, message) => {
    expect(() => parseOutcomeArgs(args)).toThrow(message);
  });
});

describe('callwise dlq', () => {
  it('lists parked messages with their reasons, and redrive logs them once the cause is gone', async () => {
    const env = environment();
    env.callLog.failNext.push((w) => ({
      contactId: w.contactId,
      ok: false,
      retryable: false,
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'validation rule',
    }));
    const run = io();
    expect(await runOutcome(['--events', events('outbound')], run.io, async () => env)).toBe(1);
    expect(run.err.join('')).toMatch(/parked/);
    const list = io();
    expect(await runDlq(['list'], list.io, async () => env)).toBe(0);
    expect(list.out.join('\n')).toMatch(/contact-event .*FIELD_CUSTOM_VALIDATION_EXCEPTION: validation rule/);
    const redrive = io();
    expect(await runDlq(['redrive'], redrive.io, async () => env)).toBe(0);
    expect(JSON.parse(redrive.out.join(''))).toMatchObject({ remaining: 0, parkedAgain: 0 });
    expect(env.callLog.tasks.get('11111111-aaaa-4000-8000-000000000004')).toMatchObject({ TaskSubtype: 'Call', CallType: 'Outbound' });
  });

  it('rejects an unknown subcommand', async () => {
    await expect(runDlq(['purge'], io().io, async () => environment())).rejects.toThrow(/list" or "redrive/);
  });
});
