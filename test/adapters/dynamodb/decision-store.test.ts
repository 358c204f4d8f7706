import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbContactStateStore } from '../../../functions/src/adapters/dynamodb/contact-state';
import { DynamoDbDecisionStore, MissingContactIdError } from '../../../functions/src/adapters/dynamodb/decision-store';
import { emptyContactState } from '../../../functions/src/domain/outcome/contact-state';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb';
import { expectTtlIn, JVM_START, pinRealTime, JVM_START_TEST_TIMEOUT, ManualClock, routingDecision, PINNED_REAL_TIME } from './support';

describe('DynamoDbDecisionStore (DynamoDB Local)', () => {
  let db: DynamoDbLocal;
  let table: string;
  let decisions: DynamoDbDecisionStore;
  let states: DynamoDbContactStateStore;
  const clock = new ManualClock(PINNED_REAL_TIME);
  const KEEP_UNTIL_2100 = 4_102_444_800;
  const item = async (contactId: string) => (await db.doc.send(new GetCommand({ TableName: table, Key: { contactId } }))).Item;

  beforeAll(async () => {
    db = await startDynamoDbLocal({ tablePrefix: 'decision-store-', ...JVM_START });
    pinRealTime();
    table = db.tableNames.Contacts;
    decisions = new DynamoDbDecisionStore(db.doc, table, clock);
    states = new DynamoDbContactStateStore(db.doc, table);
  }, JVM_START_TEST_TIMEOUT);
  afterAll(async () => {
    jest.useRealTimers();
    await db?.stop();
  });

  it('reads back the decision it saved, with a 30-day ttl', async () => {
    const decision = routingDecision('c-saved', { phoneE164: null, degraded: true });
    await decisions.save(decision);
    expect(await decisions.get('c-saved')).toEqual(decision);
    expectTtlIn((await item('c-saved'))?.ttl, 30 * 86_400);
  });

  it.each(['c-unknown', ''])('answers undefined for a contact without a decision (%j)', async (contactId) => {
    expect(await decisions.get(contactId)).toBeUndefined();
  });

  it('refuses a decision without a ContactId', async () => {
    await expect(decisions.save(routingDecision(''))).rejects.toThrow(MissingContactIdError);
  });

  it('leaves the contact state call logging wrote untouched (decision saved after it)', async () => {
    const contactId = 'c-state-first';
    await states.update(contactId, () => ({ state: emptyContactState(contactId), firstCallResolution: false }));
    await states.markSynced(contactId, 'fp-1');
    await db.doc.send(new PutCommand({ TableName: table, Item: { ...(await item(contactId)), ttl: KEEP_UNTIL_2100 } }));
    const before = await states.getMany([contactId]);

    await decisions.save(routingDecision(contactId));

    expect(await states.getMany([contactId])).toEqual(before);
    expect(await decisions.get(contactId)).toEqual(routingDecision(contactId));
    expect((await item(contactId))?.ttl).toBe(KEEP_UNTIL_2100);
  });

  it('is left untouched by call logging (contact state written after the decision)', async () => {
    const contactId = 'c-decision-first';
    await decisions.save(routingDecision(contactId));

    const updated = await states.update(contactId, () => ({ state: emptyContactState(contactId) }));
    await states.markSynced(contactId, 'fp-2');

    expect(updated.version).toBe(1);
    expect(await decisions.get(contactId)).toEqual(routingDecision(contactId));
    expect((await states.getMany([contactId])).get(contactId)).toMatchObject({ taskCreated: true, taskFingerprint: 'fp-2', version: 1 });
  });

  it('replaces an earlier decision for the same contact (a retried route-call)', async () => {
    await decisions.save(routingDecision('c-retried', { decisionMs: 10 }));
    await decisions.save(routingDecision('c-retried', { decisionMs: 20 }));
    expect((await decisions.get('c-retried'))?.decisionMs).toBe(20);
  });
});
