import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbContactStateStore } from '../../../functions/src/adapters/dynamodb/contact-state';
import { emptyContactState, mergeContactEvent } from '../../../functions/src/domain/outcome/contact-state';
import { parseContactEvent } from '../../../functions/src/adapters/connect/contact-event';
import { loadFixture, shuffle } from '../../call-logging/support';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../call-logging/dynamodb-local';

describe('DynamoDbContactStateStore (DynamoDB Local)', () => {
  let db: LocalDynamoDb;
  let doc: DynamoDBDocumentClient;
  const table = 'callwise-test-Contacts';

  beforeAll(async () => {
    db = await startLocalDynamoDb();
    const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'contactId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'contactId', KeyType: 'HASH' }],
      }),
    );
    doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    // Starting the JVM takes much longer than 30 s when the machine is busy.
  }, 120_000);
  afterAll(async () => db?.stop());

  it('merges concurrent writers without losing an event, and leaves the routing decision alone', async () => {
    const store = new DynamoDbContactStateStore(doc, table);
    const events = loadFixture('answered').events.map(parseContactEvent);
    const contactId = events[0]!.contactId;
    await doc.send(new PutCommand({ TableName: table, Item: { contactId, decision: { intent: 'billing' } } }));
    await Promise.all(
      shuffle([...events, ...events], 3).map((event) =>
        store.update(contactId, (cur) => ({ state: mergeContactEvent(cur.state ?? emptyContactState(contactId), event) })),
      ),
    );
    const stored = (await store.getMany([contactId])).get(contactId)!;
    expect(stored.state).toEqual(events.reduce(mergeContactEvent, emptyContactState(contactId)));
    expect((await doc.send(new GetCommand({ TableName: table, Key: { contactId } }))).Item!.decision).toEqual({ intent: 'billing' });
  });

  it('skips the write when nothing changes, and remembers what Salesforce accepted', async () => {
    const store = new DynamoDbContactStateStore(doc, table);
    const first = await store.update('c-2', () => ({ firstCallResolution: false }));
    const second = await store.update('c-2', (cur) => (cur.firstCallResolution === false ? undefined : { firstCallResolution: false }));
    expect(second.version).toBe(first.version);
    await store.markSynced('c-2', 'fp-1', true);
    expect(await store.getMany(['c-2', 'unknown'])).toEqual(
      new Map([
        [
          'c-2',
          {
            contactId: 'c-2',
            firstCallResolution: false,
            taskCreated: true,
            taskFingerprint: 'fp-1',
            analysisSent: true,
            version: 1,
            state: undefined,
            analysis: undefined,
          },
        ],
        [
          'unknown',
          {
            contactId: 'unknown',
            taskCreated: false,
            version: 0,
            state: undefined,
            analysis: undefined,
            firstCallResolution: undefined,
            taskFingerprint: undefined,
            analysisSent: false,
          },
        ],
      ]),
    );
  });
});
