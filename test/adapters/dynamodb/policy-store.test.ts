import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbUnavailableError } from '../../../functions/src/adapters/dynamodb/client';
import { DynamoDbPolicyStore, InvalidStoredPolicyError } from '../../../functions/src/adapters/dynamodb/policy-store';
import { BUNDLED_POLICY } from '../../../functions/src/platform/live-policy';
import type { StoredPolicy } from '../../../functions/src/ports';
import { createLocalTables, startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb';
import { expectTtlIn, JVM_START, pinRealTime, JVM_START_TEST_TIMEOUT, ManualClock, PINNED_REAL_TIME } from './support';

function stored(version: string, storedAt = '2026-03-02T10:00:00.000Z'): StoredPolicy {
  return { policy: { ...BUNDLED_POLICY, version }, source: 'salesforce:Callwise_Policy__mdt', storedAt };
}

/** A document client that counts reads and can be switched off (DynamoDB down). */
function instrumented(doc: DynamoDBDocumentClient) {
  const state = { reads: 0, down: false };
  const client = {
    send: (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'GetCommand') state.reads++;
      return state.down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) : doc.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, state };
}

describe('DynamoDbPolicyStore (DynamoDB Local)', () => {
  let db: DynamoDbLocal;
  let table: string;
  let clock: ManualClock;
  let n = 0;

  beforeAll(async () => {
    db = await startDynamoDbLocal({ createTables: false, ...JVM_START });
    pinRealTime();
  }, JVM_START_TEST_TIMEOUT);
  afterAll(async () => {
    jest.useRealTimers();
    await db?.stop();
  });
  /** Each test gets its own Policy table: they all use the `current` item. */
  beforeEach(async () => {
    table = (await createLocalTables(db.client, `policy-${++n}-`)).Policy;
    clock = new ManualClock(PINNED_REAL_TIME);
  });

  it('has no policy until one is saved', async () => {
    expect(await new DynamoDbPolicyStore(db.doc, table, clock).current()).toBeUndefined();
  });

  it('returns the saved policy, to itself and to a fresh instance (another Lambda), and keeps a 90-day history item', async () => {
    const policy = stored('v1');
    await new DynamoDbPolicyStore(db.doc, table, clock).save(policy);

    expect(await new DynamoDbPolicyStore(db.doc, table, clock).current()).toEqual(policy);
    const history = await db.doc.send(new GetCommand({ TableName: table, Key: { id: `history#${policy.storedAt}` } }));
    expect(history.Item).toMatchObject({ source: policy.source, storedAt: policy.storedAt });
    expectTtlIn(history.Item?.ttl, 90 * 86_400);
    expect(JSON.parse(history.Item!.policy as string)).toEqual(policy.policy);
  });

  it('holds the policy in memory for refreshSeconds, sharing one read among concurrent callers', async () => {
    const writer = new DynamoDbPolicyStore(db.doc, table, clock);
    const { client, state } = instrumented(db.doc);
    const reader = new DynamoDbPolicyStore(client, table, clock, 60);
    await writer.save(stored('v1'));

    const first = await Promise.all(Array.from({ length: 10 }, () => reader.current()));
    await writer.save(stored('v2', '2026-03-02T10:00:30.000Z'));
    clock.advance(59_999);
    const stillCached = await reader.current();
    clock.advance(1);
    const refreshed = await reader.current();

    expect(first.map((p) => p?.policy.version)).toEqual(Array(10).fill('v1'));
    expect(stillCached?.policy.version).toBe('v1');
    expect(refreshed?.policy.version).toBe('v2');
    expect(state.reads).toBe(2);
  });

  it('keeps serving the policy it read last while DynamoDB is down, and says so when it never read one', async () => {
    const { client, state } = instrumented(db.doc);
    await new DynamoDbPolicyStore(db.doc, table, clock).save(stored('v1'));
    const reader = new DynamoDbPolicyStore(client, table, clock, 60);
    const cold = new DynamoDbPolicyStore(client, table, clock, 60);
    await reader.current();

    state.down = true;
    clock.advance(120_000);

    expect((await reader.current())?.policy.version).toBe('v1');
    await expect(cold.current()).rejects.toThrow(DynamoDbUnavailableError);
  });

  it.each([
    ['no longer validates', JSON.stringify({ ...BUNDLED_POLICY, rules: [{ when: {}, then: { queue: 'nowhere' } }] }), /rules/],
    ['is not JSON', '{"version": ', /not JSON/],
  ])('treats a stored policy that %s as absent and reports why', async (_, policy, why) => {
    await db.doc.send(new PutCommand({ TableName: table, Item: { id: 'current', policy, source: 'salesforce:broken', storedAt: '2026-03-02T10:00:00.000Z' } }));
    const invalid: InvalidStoredPolicyError[] = [];

    const current = await new DynamoDbPolicyStore(db.doc, table, clock, 60, (error) => invalid.push(error)).current();

    expect(current).toBeUndefined();
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toBeInstanceOf(InvalidStoredPolicyError);
    expect(invalid[0]!.message).toMatch(why);
    expect(invalid[0]!.message).toContain('salesforce:broken');
  });

  it('refuses to save an invalid policy, and the last good one stays', async () => {
    const store = new DynamoDbPolicyStore(db.doc, table, clock);
    await store.save(stored('v1'));
    const invalid = { ...stored('v2'), policy: { ...BUNDLED_POLICY, timing: { ...BUNDLED_POLICY.timing, deadlineMs: -5 } } };

    await expect(store.save(invalid)).rejects.toThrow(InvalidStoredPolicyError);
    expect((await new DynamoDbPolicyStore(db.doc, table, clock).current())?.policy.version).toBe('v1');
  });
});
