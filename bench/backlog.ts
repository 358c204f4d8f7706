import { performance } from 'node:perf_hooks';
import { InMemoryContactDirectory } from '../local/fakes/contact-directory';
import { parseContactEvent } from '../functions/src/adapters/connect/contact-event';
import { createDocumentClient } from '../functions/src/adapters/dynamodb/client';
import { DynamoDbCallHistory } from '../functions/src/adapters/dynamodb/call-history';
import { DynamoDbContactStateStore } from '../functions/src/adapters/dynamodb/contact-state';
import { DynamoDbDecisionStore } from '../functions/src/adapters/dynamodb/decision-store';
import { connectSalesforce } from '../functions/src/adapters/salesforce/connection';
import { SalesforceCallLog } from '../functions/src/adapters/salesforce/call-log';
import { InMemoryDeadLetterQueue } from '../local/fakes/dead-letter-queue';
import type { CallLoggingDeps } from '../functions/src/call-logging/call-log-sync';
import { logContactEvents } from '../functions/src/call-logging/log-outcome';
import { emptyContactState, mergeContactEvent, withNextContact, type ContactEvent } from '../functions/src/domain/outcome/contact-state';
import { buildOutcome, originContactId, transferLegDecision } from '../functions/src/domain/outcome/outcome';
import { callTaskRecord } from '../functions/src/domain/outcome/outcome-task';
import type { RoutingDecision } from '../functions/src/domain/routing/routing-decision';
import { mapLimit } from '../functions/src/platform/rate-limiter';
import { TIMEOUTS } from '../functions/src/platform/settings';
import { startDynamoDbLocal } from '../local/dynamodb';
import { drainQueue } from '../local/fakes/drain-queue';
import { createTestCredentials, startSalesforceEmulator } from '../local/salesforce-emulator';
import { syntheticDay } from '../local/synthetic/call-log-day';
import { seededShuffle } from '../local/synthetic/mulberry32';
import type { BenchRow } from './report';

/**
 * The backlog after an outage: 10,000 contacts' events, unordered, drained through log-outcome in
 * batches of 1,000 (the deployed batch size) against DynamoDB Local, with the call-logging Lambdas'
 * DynamoDB client settings, and the Salesforce emulator. Target: one right Task per contact, no batch
 * crashed or timed out, nothing handed back or parked. Too slow for the unit suite on two cores.
 */
const CONTACTS = 10_000;
const BATCH = 1000;

/** Contacts whose Task is not the one their events, decision and details describe. */
function wrongTasks(
  events: object[],
  decisions: RoutingDecision[],
  day: ReturnType<typeof syntheticDay>,
  ids: Set<string>,
  tasks: Map<string, Record<string, unknown>>,
): string[] {
  const byContact = new Map<string, ContactEvent[]>();
  for (const e of events.map(parseContactEvent)) byContact.set(e.contactId, [...(byContact.get(e.contactId) ?? []), e]);
  const transfers = new Map(
    [...byContact.values()]
      .flat()
      .filter((e) => e.initiationMethod === 'TRANSFER' && e.previousContactId)
      .map((e) => [e.previousContactId!, e.contactId]),
  );
  const decisionById = new Map(decisions.map((d) => [d.contactId, d]));
  return [...ids].filter((id) => {
    let state = byContact.get(id)!.reduce(mergeContactEvent, emptyContactState(id));
    if (transfers.has(id)) state = withNextContact(state, transfers.get(id)!);
    const origin = originContactId(state);
    const decision = decisionById.get(id) ?? (origin && decisionById.has(origin) ? transferLegDecision(decisionById.get(origin)!) : undefined);
    const expected = { ...callTaskRecord(buildOutcome({ state, decision, details: day.details.get(id) })), TaskSubtype: 'Call' };
    const task = tasks.get(id);
    return !task || Object.entries(expected).some(([field, value]) => JSON.stringify(task[field] ?? null) !== JSON.stringify(value ?? null));
  });
}

/** The callers and accounts the decisions name, so Salesforce accepts the Tasks' WhoId and WhatId. */
function seedCallers(emulator: { insert(sobject: string, rows: Array<Record<string, unknown>>): string[] }, decisions: RoutingDecision[]): void {
  const rows = new Map<string, [string, Record<string, unknown>]>();
  for (const { caller } of decisions) {
    if (caller.accountId) rows.set(caller.accountId, ['Account', { Id: caller.accountId, Name: `Account ${caller.accountId}` }]);
    if (caller.recordId)
      rows.set(
        caller.recordId,
        caller.recordType === 'Lead'
          ? ['Lead', { Id: caller.recordId, LastName: 'Caller', Company: 'Callwise' }]
          : ['Contact', { Id: caller.recordId, LastName: 'Caller' }],
      );
  }
  for (const [sobject, row] of rows.values()) emulator.insert(sobject, [row]);
}

export async function benchBacklog(log: (line: string) => void): Promise<BenchRow[]> {
  const [dynamo, emulator] = await Promise.all([
    startDynamoDbLocal({ tablePrefix: 'backlog-' }),
    startSalesforceEmulator({ org: 'empty', apiLimit: 1_000_000 }),
  ]);
  const doc = createDocumentClient({ DYNAMODB_ENDPOINT: dynamo.endpoint }, TIMEOUTS.callLoggingDynamoDb);
  try {
    const day = syntheticDay(9600, { seed: 13 });
    const ids = new Set(day.contactIds.slice(0, CONTACTS));
    const events = day.events.filter((e) => ids.has((e as { detail: { contactId: string } }).detail.contactId));
    const clock = { now: () => new Date('2026-11-24T18:00:00Z') };
    const decisionStore = new DynamoDbDecisionStore(doc, dynamo.tableNames.Contacts, clock);
    const decisions = day.decisions.filter((d) => ids.has(d.contactId));
    log(`backlog: storing ${decisions.length} routing decisions…`);
    await mapLimit(decisions, 16, (d) => decisionStore.save(d));
    seedCallers(emulator, decisions);
    const dlq = new InMemoryDeadLetterQueue();
    const deps: CallLoggingDeps = {
      states: new DynamoDbContactStateStore(doc, dynamo.tableNames.Contacts),
      decisions: decisionStore,
      history: new DynamoDbCallHistory(doc, dynamo.tableNames.CallerHistory, clock),
      contacts: new InMemoryContactDirectory(day.details),
      callLog: new SalesforceCallLog(await connectSalesforce(createTestCredentials(emulator.url), { timeoutMs: 20_000 })),
      deadLetters: dlq,
      fcrWindowDays: 7,
    };
    const crashes: unknown[] = [];
    log(`backlog: draining ${events.length} events of ${ids.size} contacts in batches of ${BATCH}…`);
    const started = performance.now();
    const drained = await drainQueue(
      seededShuffle(
        events.map((e) => JSON.stringify(e)),
        5,
      ),
      (batch) => logContactEvents(batch, deps),
      { batchSize: BATCH, onBatchError: (e) => crashes.push(e) },
    );
    const seconds = (performance.now() - started) / 1000;
    const tasks = new Map(emulator.records('Task').map((t) => [t.Callwise_Contact_Id__c as string, t]));
    const wrong = wrongTasks(events, decisions, day, ids, tasks);
    const clean = crashes.length === 0 && drained.redelivered === 0 && drained.undelivered === 0 && dlq.letters.length === 0;
    const firstCrash = crashes[0] ? ` (first: ${(crashes[0] as Error).message.slice(0, 120)})` : '';
    return [
      {
        name: `Backlog: right Tasks for ${CONTACTS.toLocaleString('en-US')} contacts (batches of ${BATCH})`,
        callwise: `${CONTACTS - wrong.length}`,
        baseline: 'n/a',
        target: `= ${CONTACTS}`,
        met: wrong.length === 0 && tasks.size === CONTACTS,
      },
      {
        name: 'Backlog: batches crashed / messages handed back / parked',
        callwise: `${crashes.length} / ${drained.redelivered} / ${dlq.letters.length}${firstCrash}`,
        baseline: 'n/a',
        target: '0 / 0 / 0',
        met: clean,
      },
      {
        name: 'Backlog: drain time (contacts/s)',
        callwise: `${seconds.toFixed(0)} s (${(CONTACTS / seconds).toFixed(0)}/s)`,
        baseline: 'n/a',
        target: '',
        met: true,
      },
    ];
  } finally {
    doc.destroy();
    await Promise.all([dynamo.stop(), emulator.stop()]);
  }
}
