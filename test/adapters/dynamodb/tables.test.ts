import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { DescribeTableCommand, DescribeTimeToLiveCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { TABLES } from '../../../functions/src/platform/settings';
import { createLocalTables, DynamoDbLocalStartError, startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb';
import { JVM_START, JVM_START_TEST_TIMEOUT } from './support';

describe('DynamoDB Local with the stack tables (local/dynamodb.ts)', () => {
  let db: DynamoDbLocal;

  beforeAll(async () => {
    db = await startDynamoDbLocal({ tablePrefix: 'callwise-test-', ...JVM_START });
  }, JVM_START_TEST_TIMEOUT);
  afterAll(async () => db?.stop());

  it.each(TABLES.map((t) => [t.id, t] as const))('creates %s with its keys, on demand, and its TTL attribute', async (id, table) => {
    const name = db.tableNames[id];
    expect(name).toBe(`callwise-test-${id}`);

    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: name }));
    const ttl = await db.client.send(new DescribeTimeToLiveCommand({ TableName: name }));

    const keys = [{ AttributeName: table.partitionKey, KeyType: 'HASH' }, ...('sortKey' in table ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' }] : [])];
    expect(Table?.KeySchema).toEqual(keys);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    if ('ttlAttribute' in table) expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: table.ttlAttribute });
    else expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('creates exactly the TABLES and hands over the environment the Lambdas read', async () => {
    const { TableNames } = await db.client.send(new ListTablesCommand({}));
    expect([...(TableNames ?? [])].sort()).toEqual(TABLES.map((t) => `callwise-test-${t.id}`).sort());
    expect(db.env).toEqual({ DYNAMODB_ENDPOINT: db.endpoint, ...Object.fromEntries(TABLES.map((t) => [t.envVar, `callwise-test-${t.id}`])) });
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('creates another set of tables under another prefix, and refuses to create one twice', async () => {
    const names = await createLocalTables(db.client, 'other-');
    expect(names.Contacts).toBe('other-Contacts');
    await expect(createLocalTables(db.client, 'other-')).rejects.toThrow(/exist|in use/i);
  });

  it('stop() ends the JVM: the port is closed afterwards, and a second stop is harmless', async () => {
    await db.stop();
    await db.stop();
    await expect(db.client.send(new ListTablesCommand({}))).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('startDynamoDbLocal when DynamoDB Local cannot start', () => {
  let occupied: Server;
  beforeAll(() => new Promise<void>((resolve) => (occupied = createServer((socket) => socket.destroy()).listen(0, '127.0.0.1', () => resolve()))));
  afterAll(() => new Promise<void>((resolve) => occupied.close(() => resolve())));

  it(
    'reports the JVM exit and its output when the port is taken',
    async () => {
      const port = (occupied.address() as { port: number }).port;
      const started = startDynamoDbLocal({ port, createTables: false, ...JVM_START });
      await expect(started).rejects.toThrow(DynamoDbLocalStartError);
      await expect(started).rejects.toThrow(/JVM exited[\s\S]*(in use|BindException)/);
    },
    JVM_START_TEST_TIMEOUT,
  );

  it('says Java is missing when java is not on the PATH', async () => {
    const script =
      "require('tsx/cjs/api').register(); require('./local/dynamodb').startDynamoDbLocal().then(() => console.log('started'), (e) => console.log(e.name + ': ' + e.message));";
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script], { cwd: `${__dirname}/../../..`, env: { PATH: '/nonexistent' }, timeout: 20_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(out).toMatch(/^DynamoDbLocalStartError: DynamoDB Local did not start: java was not found on the PATH: install Java 17/);
  }, 30_000);
});
