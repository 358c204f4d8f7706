import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDbCallHistory } from '../../../functions/src/adapters/dynamodb/call-history';
import { createDocumentClient, DynamoDbUnavailableError } from '../../../functions/src/adapters/dynamodb/client';
import { DynamoDbDecisionStore } from '../../../functions/src/adapters/dynamodb/decision-store';
import { DynamoDbPolicyStore } from '../../../functions/src/adapters/dynamodb/policy-store';
import { DynamoDbProfileCache } from '../../../functions/src/adapters/dynamodb/profile-cache';
import { BUNDLED_POLICY } from '../../../functions/src/platform/live-policy';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { knownCaller, ManualClock, routingDecision, PINNED_REAL_TIME } from './support';

const PHONE = '+12025550188';
const clock = new ManualClock(PINNED_REAL_TIME);

/** Every adapter operation on the routing path, against a given document client. */
const operations: Array<[string, (doc: DynamoDBDocumentClient) => Promise<unknown>]> = [
  ['ProfileCache.get', (doc) => new DynamoDbProfileCache(doc, 'Profiles', clock).get(PHONE)],
  ['ProfileCache.put', (doc) => new DynamoDbProfileCache(doc, 'Profiles', clock).put(knownCaller(PHONE), 300)],
  ['ProfileCache.tryLease', (doc) => new DynamoDbProfileCache(doc, 'Profiles', clock).tryLease(PHONE, 3_000)],
  ['DecisionStore.save', (doc) => new DynamoDbDecisionStore(doc, 'Contacts', clock).save(routingDecision('c-down'))],
  ['DecisionStore.get', (doc) => new DynamoDbDecisionStore(doc, 'Contacts', clock).get('c-down')],
  ['CallHistory.recent', (doc) => new DynamoDbCallHistory(doc, 'CallerHistory', clock).recent(PHONE, '2026-01-01T00:00:00.000Z')],
  [
    'CallHistory.record',
    (doc) =>
      new DynamoDbCallHistory(doc, 'CallerHistory', clock).record(PHONE, {
        contactId: 'c-down',
        at: '2026-03-02T10:00:00.000Z',
        intent: '',
        queueName: '',
        agentId: '',
      }),
  ],
  ['CallHistory.setAgent', (doc) => new DynamoDbCallHistory(doc, 'CallerHistory', clock).setAgent(PHONE, '2026-03-02T10:00:00.000Z', 'c-down', 'agent')],
  ['PolicyStore.current', (doc) => new DynamoDbPolicyStore(doc, 'Policy', clock).current()],
  [
    'PolicyStore.save',
    (doc) => new DynamoDbPolicyStore(doc, 'Policy', clock).save({ policy: BUNDLED_POLICY, source: 'file:test', storedAt: '2026-03-02T10:00:00.000Z' }),
  ],
];

async function timed(run: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('DynamoDB down: the routing adapters fail fast with a clear error', () => {
  let closed: DynamoDBDocumentClient;
  let silent: DynamoDBDocumentClient;
  let silentServer: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const probe = createServer();
    const closedPort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    closed = createDocumentClient({ DYNAMODB_ENDPOINT: `http://127.0.0.1:${closedPort}` });
    // Accepts connections and never answers: a DynamoDB that hangs.
    silentServer = createServer((socket) => void sockets.push(socket));
    silent = createDocumentClient({ DYNAMODB_ENDPOINT: `http://127.0.0.1:${await listen(silentServer)}` });
  });
  afterAll(async () => {
    closed.destroy();
    silent.destroy();
    sockets.forEach((s) => s.destroy());
    await new Promise((resolve) => silentServer.close(resolve));
  });

  it.each(operations)('%s rejects at once when nothing listens', async (_, operation) => {
    const { error, ms } = await timed(() => operation(closed));
    expect(error).toBeInstanceOf(DynamoDbUnavailableError);
    expect((error as Error).message).toMatch(/^DynamoDB table \w+ did not answer \w+.*ECONNREFUSED.*check DYNAMODB_ENDPOINT/);
    expect((error as Error).message).not.toContain(PHONE);
    // A refused connection is not waited out: well under one request timeout (500 ms), even on a busy machine.
    expect(ms).toBeLessThan(5_000);
  });

  it.each(operations.filter(([name]) => ['ProfileCache.get', 'DecisionStore.save'].includes(name)))(
    '%s gives up on a DynamoDB that never answers after two short attempts',
    async (_, operation) => {
      const connectionsBefore = sockets.length;
      const { error, ms } = await timed(() => operation(silent));
      expect(error).toBeInstanceOf(DynamoDbUnavailableError);
      expect((error as Error).message).toMatch(/TimeoutError|timed out|timeout/i);
      // Two attempts, each on its own connection, each given up at its request timeout (timers never
      // fire early, so the lower bound holds on any machine; how soon it gives up is measured in bench/).
      expect(sockets.length - connectionsBefore).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(900);
    },
  );
});
