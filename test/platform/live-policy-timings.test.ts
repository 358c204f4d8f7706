import { ConnectClient, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectQueueMetrics } from '../../functions/src/adapters/connect/queue-status';
import { DynamoDbPolicyStore } from '../../functions/src/adapters/dynamodb/policy-store';
import { closeFirstCallWindows } from '../../functions/src/call-logging/close-fcr';
import type { CallLoggingDeps } from '../../functions/src/call-logging/call-log-sync';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import type { RoutingPolicy } from '../../functions/src/domain/policy/policy';
import { BUNDLED_POLICY, livePolicyRefreshSeconds, policyProvider } from '../../functions/src/platform/live-policy';
import { refreshQueueStatus, RUN_FOR_MS } from '../../functions/src/routing/refresh-queue-status';
import { createLocalTables, startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb';
import { InMemoryContactDirectory } from '../../local/fakes/contact-directory';
import { InMemoryContactStateStore } from '../../local/fakes/contact-state-memory';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { ManualClock } from '../../local/fakes/clock';
import { MemoryCallLog } from '../call-logging/memory-call-log';
import { loadFixture } from '../call-logging/support';

/**
 * An admin's change of the policy timings (synced into the Policy table) takes effect in a running
 * container: the policy refresh, the queue status TTL and the FCR window are read from the stored
 * policy, not from the bundled one (whose values are 60 s, 10 s and 7 days).
 */
const START = '2026-12-01T15:00:00.000Z';
let dynamo: DynamoDbLocal;
let n = 0;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ createTables: false, startTimeoutMs: 90_000 });
}, 120_000);
afterAll(async () => dynamo?.stop());

function withTiming(version: string, timing: Partial<RoutingPolicy['timing']>): RoutingPolicy {
  return { ...BUNDLED_POLICY, version, timing: { ...BUNDLED_POLICY.timing, ...timing } };
}

/** A Policy table of its own, an admin who stores policies in it, and a reader that counts its GetItems. */
async function policyTable(clock: ManualClock) {
  const table = (await createLocalTables(dynamo.client, `timings-${++n}-`)).Policy;
  const admin = new DynamoDbPolicyStore(dynamo.doc, table, clock, 0);
  const counted = { reads: 0 };
  const client = { send: (command: never) => (counted.reads++, dynamo.doc.send(command)) } as unknown as DynamoDBDocumentClient;
  const store = new DynamoDbPolicyStore(client, table, clock, livePolicyRefreshSeconds);
  const save = (policy: RoutingPolicy) => admin.save({ policy, source: 'salesforce:custom-metadata', storedAt: clock.now().toISOString() });
  return { store, save, counted };
}

describe('policyRefreshSeconds from the stored policy', () => {
  it('holds the policy in force for as long as the stored policy says, not the bundled 60 s', async () => {
    const clock = new ManualClock(START);
    const { store, save } = await policyTable(clock);
    await save(withTiming('v1', { policyRefreshSeconds: 5 }));
    expect((await store.current())?.policy.version).toBe('v1');

    await save(withTiming('v2', { policyRefreshSeconds: 300 }));
    clock.advance(4_000);
    expect((await store.current())?.policy.version).toBe('v1');
    clock.advance(2_000);
    expect((await store.current())?.policy.version).toBe('v2');

    await save(withTiming('v3', { policyRefreshSeconds: 300 }));
    clock.advance(120_000);
    expect((await store.current())?.policy.version).toBe('v2');
    clock.advance(181_000);
    expect((await store.current())?.policy.version).toBe('v3');
  });
});

describe('queueStatusTtlSeconds from the stored policy', () => {
  const connect = mockClient(ConnectClient);
  afterAll(() => connect.restore());

  it('the one queue-status reader asks Connect as often as the stored policy says, read at each run', async () => {
    connect.reset();
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [] });
    const clock = new ManualClock(START);
    const { store, save } = await policyTable(clock);
    const run = () =>
      refreshQueueStatus(
        {
          connect: new ConnectQueueMetrics(new ConnectClient({ region: 'us-east-1' }), 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance'),
          store: { save: async () => undefined },
          policy: policyProvider(store),
          clock,
          sleep: async (ms) => clock.advance(ms),
        },
        RUN_FOR_MS,
      );
    const requests = () => connect.commandCalls(GetCurrentMetricDataCommand).length;

    // A 30 s TTL: two refreshes in a 55 s run (at 0 and 30 s).
    await save(withTiming('long-ttl', { queueStatusTtlSeconds: 30, policyRefreshSeconds: 5 }));
    await run();
    expect(requests()).toBe(2);

    // The admin lowers it to 10 s: the next run refreshes six times (at 0, 10, … 50 s).
    await save(withTiming('short-ttl', { queueStatusTtlSeconds: 10, policyRefreshSeconds: 5 }));
    clock.advance(6_000);
    await run();
    expect(requests()).toBe(2 + 6);
  });
});

describe('fcrWindowDays from the stored policy', () => {
  it('closes the first-call window after the days the stored policy says, read at each run', async () => {
    const clock = new ManualClock(START);
    const { store, save } = await policyTable(clock);
    const answered = loadFixture('answered');
    const callLog = new MemoryCallLog();
    const policy = policyProvider(store);
    const deps: CallLoggingDeps = {
      states: new InMemoryContactStateStore(),
      decisions: { get: async (id) => answered.decisions.find((d) => d.contactId === id), save: async () => undefined },
      contacts: new InMemoryContactDirectory(new Map(Object.entries(answered.describeContact))),
      callLog,
      deadLetters: new InMemoryDeadLetterQueue(),
      fcrWindowDays: async () => (await policy()).timing.fcrWindowDays,
    };
    await logContactEvents(
      answered.events.map((e, i) => ({ messageId: `m-${i}`, body: JSON.stringify(e), receiveCount: 1 })),
      deps,
    );
    const contactId = answered.decisions[0]!.contactId;
    // The call started 2026-11-24T09:00Z: four days later a 7-day window is open and a 3-day one closed.
    const fourDaysLater = new Date('2026-11-28T09:00:01.000Z');

    await save(withTiming('week', { fcrWindowDays: 7, policyRefreshSeconds: 5 }));
    expect(await closeFirstCallWindows([contactId], fourDaysLater, deps)).toEqual({ resolved: 0, written: 0, failed: 0 });

    await save(withTiming('three-days', { fcrWindowDays: 3, policyRefreshSeconds: 5 }));
    clock.advance(6_000);
    expect(await closeFirstCallWindows([contactId], fourDaysLater, deps)).toEqual({ resolved: 1, written: 1, failed: 0 });
    expect(callLog.tasks.get(contactId)).toMatchObject({ Callwise_First_Call_Resolution__c: true });
  });
});
