import { ConnectClient, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectQueueMetrics } from '../../functions/src/adapters/connect/queue-status';
import { DynamoDbQueueStatusStore, StoredQueueStatus } from '../../functions/src/adapters/dynamodb/queue-status-store';
import { refreshQueueStatus, RUN_FOR_MS } from '../../functions/src/routing/refresh-queue-status';
import type { RoutingPolicy } from '../../functions/src/domain/policy/policy';
import { createLocalTables, type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb';
import { JVM_START, JVM_START_TEST_TIMEOUT, ManualClock } from '../adapters/dynamodb/support';
import { policy as DEFAULT_POLICY } from '../domain/routing/fixtures';

/**
 * The deployment's one queue-status reader (scheduled), and route-call's side of it, on DynamoDB
 * Local with Connect mocked: how often Connect is asked, what route-call sees, and when it is stale.
 */
const START = new Date('2026-11-24T15:00:00Z');
const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';
const SALES = `${INSTANCE}/queue/sales`;
const connect = mockClient(ConnectClient);
let db: DynamoDbLocal;
let store: DynamoDbQueueStatusStore;

beforeAll(async () => {
  db = await startDynamoDbLocal({ tablePrefix: 'queue-status-', ...JVM_START });
  store = new DynamoDbQueueStatusStore(db.doc, db.tableNames.QueueStatus);
}, JVM_START_TEST_TIMEOUT);
afterAll(async () => {
  connect.restore();
  await db?.stop();
});
beforeEach(() => connect.reset());

const withTtl = (queueStatusTtlSeconds: number): RoutingPolicy => ({ ...DEFAULT_POLICY, timing: { ...DEFAULT_POLICY.timing, queueStatusTtlSeconds } });
const salesRow = (inQueue: number) => ({
  Dimensions: { Queue: { Id: 'sales', Arn: SALES } },
  Collections: [{ Metric: { Name: 'CONTACTS_IN_QUEUE' as const, Unit: 'COUNT' as const }, Value: inQueue }],
});

/** A run on a manual clock: each sleep moves the clock on by what was asked. */
function run(policy: RoutingPolicy, clock: ManualClock) {
  const sleeps: number[] = [];
  const deps = {
    connect: new ConnectQueueMetrics(new ConnectClient({ region: 'us-east-1' }), INSTANCE),
    store,
    policy: async () => policy,
    clock,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  };
  return { sleeps, done: refreshQueueStatus(deps, RUN_FOR_MS) };
}

describe('refreshQueueStatus: one reader for the whole deployment', () => {
  it.each([
    // The default policy's 10 s: at 0, 10, …, 50 s of the minute's run.
    [10, 6, 10_000],
    [30, 2, 30_000],
    // 0 means "as often as allowed": never more than once every 5 s (GetCurrentMetricData is throttled per account).
    [0, 11, 5_000],
  ])('with queueStatusTtlSeconds %i asks Connect %i times in one scheduled run, %i ms apart', async (ttl, times, interval) => {
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [] });
    const { sleeps, done } = run(withTtl(ttl), new ManualClock(START));

    expect(await done).toEqual({ refreshes: times, failures: [] });
    expect(connect.commandCalls(GetCurrentMetricDataCommand)).toHaveLength(times);
    expect(sleeps).toEqual(Array.from({ length: times - 1 }, () => interval));
  });

  it('asks for the policy’s queues of the instance and stores what Connect said, with the time', async () => {
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [salesRow(4)] });
    const clock = new ManualClock(START);
    await run(withTtl(30), clock).done;

    expect(connect.commandCalls(GetCurrentMetricDataCommand)[0]!.args[0].input.Filters?.Queues?.sort()).toEqual(
      Object.values(DEFAULT_POLICY.queues)
        .map((q) => q.arn.split('/').pop())
        .sort(),
    );
    const snapshot = await store.read();
    expect(snapshot?.fetchedAt).toBe('2026-11-24T15:00:30.000Z');
    expect(snapshot?.metrics[SALES]).toEqual({ contactsInQueue: 4, oldestContactAgeSeconds: 0, agentsAvailable: 0 });
  });

  it('reports a throttled refresh and keeps to its times (no retry storm); the last snapshot stays', async () => {
    connect
      .on(GetCurrentMetricDataCommand)
      .resolvesOnce({ MetricResults: [salesRow(2)] })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const result = await run(withTtl(30), new ManualClock(START)).done;

    expect(result).toEqual({ refreshes: 1, failures: ['ThrottlingException: Rate exceeded'] });
    expect(connect.commandCalls(GetCurrentMetricDataCommand)).toHaveLength(2);
    expect((await store.read())?.fetchedAt).toBe('2026-11-24T15:00:00.000Z');
  });
});

describe('StoredQueueStatus: what route-call reads', () => {
  const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);

  it('answers the snapshot’s metrics for the queues asked, until it is older than twice the refresh interval', async () => {
    await store.save({ fetchedAt: START.toISOString(), metrics: { [SALES]: { contactsInQueue: 3, oldestContactAgeSeconds: 40, agentsAvailable: 1 } } });
    const clock = new ManualClock(at(20));
    const status = new StoredQueueStatus(store, clock);

    expect(await status.current([SALES, `${INSTANCE}/queue/support`], 10)).toEqual({
      [SALES]: { contactsInQueue: 3, oldestContactAgeSeconds: 40, agentsAvailable: 1 },
    });
    clock.advance(1);
    // 21 s old with a 10 s TTL: stale, so no overflow on old numbers.
    expect(await status.current([SALES], 10)).toEqual({});
    // A 30 s TTL tolerates up to 60 s.
    expect(await status.current([SALES], 30)).toEqual({ [SALES]: expect.objectContaining({ contactsInQueue: 3 }) });
  });

  it('reads DynamoDB at most once a second per container, concurrent calls sharing the read', async () => {
    await store.save({ fetchedAt: START.toISOString(), metrics: { [SALES]: { contactsInQueue: 1, oldestContactAgeSeconds: 0, agentsAvailable: 0 } } });
    let reads = 0;
    const counting = { read: () => (reads++, store.read()) };
    const clock = new ManualClock(at(1));
    const status = new StoredQueueStatus(counting, clock);

    await Promise.all(Array.from({ length: 20 }, () => status.current([SALES], 10)));
    clock.advance(999);
    await status.current([SALES], 10);
    expect(reads).toBe(1);
    clock.advance(1);
    await status.current([SALES], 10);
    expect(reads).toBe(2);
  });

  it('answers nothing (no overflow) before the first refresh', async () => {
    const empty = new DynamoDbQueueStatusStore(db.doc, (await createLocalTables(db.client, 'queue-status-empty-')).QueueStatus);
    expect(await new StoredQueueStatus(empty, new ManualClock(START)).current([SALES], 10)).toEqual({});
  });
});
