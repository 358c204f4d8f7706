import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCallHistory } from '../../../functions/src/adapters/dynamodb/call-history';
import type { PastCall } from '../../../functions/src/domain/routing/caller-profile';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb';
import { expectTtlIn, JVM_START, pinRealTime, PINNED_REAL_TIME, JVM_START_TEST_TIMEOUT, ManualClock } from './support';

/** Contact events name the agent by ARN; the history keeps its id (what AgentsCriteria.AgentIds takes). */
const AGENT_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/agent/agent-07';
const AGENT_ID = 'agent-07';

function call(contactId: string, at: string, overrides: Partial<PastCall> = {}): PastCall {
  return { contactId, at, intent: 'billing', queueName: 'billing', agentId: '', ...overrides };
}

describe('DynamoDbCallHistory (DynamoDB Local)', () => {
  let db: DynamoDbLocal;
  let history: DynamoDbCallHistory;
  const clock = new ManualClock(PINNED_REAL_TIME);

  beforeAll(async () => {
    db = await startDynamoDbLocal({ tablePrefix: 'call-history-', ...JVM_START });
    pinRealTime();
    history = new DynamoDbCallHistory(db.doc, db.tableNames.CallerHistory, clock);
  }, JVM_START_TEST_TIMEOUT);
  afterAll(async () => {
    jest.useRealTimers();
    await db?.stop();
  });

  it('returns the calls since the window start, newest first', async () => {
    const phone = '+12025550101';
    const calls = [
      call('c-1', '2026-02-20T09:00:00.000Z'),
      call('c-2', '2026-02-27T09:00:00.000Z'),
      call('c-3', '2026-03-01T09:00:00.000Z', { intent: 'sales' }),
      call('c-4', '2026-03-02T09:59:00.000Z'),
    ];
    for (const c of [calls[2]!, calls[0]!, calls[3]!, calls[1]!]) await history.record(phone, c);

    expect(await history.recent(phone, '2026-02-23T10:00:00.000Z')).toEqual([calls[3], calls[2], calls[1]]);
    expect(await history.recent(phone, '2026-03-02T09:59:00.000Z')).toEqual([calls[3]]);
    expect(await history.recent(phone, '2026-03-03T00:00:00.000Z')).toEqual([]);
  });

  it('keeps numbers apart', async () => {
    await history.record('+12025550102', call('c-a', '2026-03-01T09:00:00.000Z'));
    await history.record('+12025550103', call('c-b', '2026-03-01T09:00:00.000Z'));
    expect((await history.recent('+12025550102', '2026-01-01T00:00:00.000Z')).map((c) => c.contactId)).toEqual(['c-a']);
    expect(await history.recent('+12025550104', '2026-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('reads at most the 20 newest calls', async () => {
    const phone = '+12025550105';
    await Promise.all(Array.from({ length: 25 }, (_, i) => history.record(phone, call(`c-${i}`, `2026-03-01T09:${String(i).padStart(2, '0')}:00.000Z`))));
    const recent = await history.recent(phone, '2026-01-01T00:00:00.000Z');
    expect(recent).toHaveLength(20);
    expect(recent[0]!.contactId).toBe('c-24');
    expect(recent[19]!.contactId).toBe('c-5');
  });

  it('remembers the agent call logging sets, and stores a 30-day ttl', async () => {
    const phone = '+12025550106';
    const at = '2026-03-02T09:30:00.000Z';
    await history.record(phone, call('c-agent', at));
    await history.setAgent(phone, at, 'c-agent', AGENT_ARN);

    expect(await history.recent(phone, '2026-03-01T00:00:00.000Z')).toEqual([call('c-agent', at, { agentId: AGENT_ID })]);
    const item = await db.doc.send(new GetCommand({ TableName: db.tableNames.CallerHistory, Key: { phone, callKey: `${at}#c-agent` } }));
    expectTtlIn(item.Item?.ttl, 30 * 86_400);
  });

  it('reads an agent stored by ARN before agent ids as its id', async () => {
    const phone = '+12025550109';
    const at = '2026-03-02T09:50:00.000Z';
    await db.doc.send(
      new PutCommand({
        TableName: db.tableNames.CallerHistory,
        Item: { phone, callKey: `${at}#c-old`, at, contactId: 'c-old', intent: 'billing', queueName: 'billing', agentArn: AGENT_ARN },
      }),
    );
    expect(await history.recent(phone, at)).toEqual([call('c-old', at, { agentId: AGENT_ID })]);
  });

  it('keeps the agent when the call is recorded after call logging set it (writes in either order)', async () => {
    const phone = '+12025550107';
    const at = '2026-03-02T09:40:00.000Z';
    await history.setAgent(phone, at, 'c-late', AGENT_ARN);
    expect(await history.recent(phone, at)).toEqual([call('c-late', at, { intent: '', queueName: '', agentId: AGENT_ID })]);

    await history.record(phone, call('c-late', at, { intent: 'support', queueName: 'support' }));
    expect(await history.recent(phone, at)).toEqual([call('c-late', at, { intent: 'support', queueName: 'support', agentId: AGENT_ID })]);
  });

  it('keeps the calls of a simulation set months in the past (TTLs count from the real time)', async () => {
    const past = new DynamoDbCallHistory(db.doc, db.tableNames.CallerHistory, new ManualClock(new Date(PINNED_REAL_TIME.getTime() - 120 * 86_400_000)));
    const phone = '+12025550108';
    for (const n of [1, 2, 3]) await past.record(phone, call(`c-past-${n}`, `2026-01-0${n}T09:00:00.000Z`));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await past.recent(phone, '2026-01-01T00:00:00.000Z')).map((c) => c.contactId)).toEqual(['c-past-3', 'c-past-2', 'c-past-1']);
  });
});
