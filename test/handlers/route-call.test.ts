import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbPolicyStore } from '../../functions/src/adapters/dynamodb/policy-store';
import { ROUTE_RESPONSE_KEYS, type RouteResponse } from '../../functions/src/domain/routing/route-response';
import { BUNDLED_POLICY } from '../../functions/src/platform/live-policy';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers } from '../../local/demo-org';
import { contactFlowEvent } from '../../local/demo/contact-flow-event';
import { startDynamoDbLocal } from '../../local/dynamodb';
import { createTestCredentials, type SalesforceEmulator, startSalesforceEmulator } from '../../local/salesforce-emulator';

/**
 * The route-call Lambda handler as AWS runs it: environment from the stack, DynamoDB Local for the
 * tables, the Salesforce emulator reached with the credentials Secrets Manager holds (mocked: it
 * cannot run here). route-call calls no Connect API: queue status is read from DynamoDB.
 */
type Handler = (event: unknown) => Promise<RouteResponse>;
const secrets = mockClient(SecretsManagerClient);
let emulator: SalesforceEmulator;
let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>>;
let handler: Handler;
const known = demoPhoneBook(buildDemoOrg()).find((e) => e.type === 'Contact')!.phoneE164;
const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';
/** The deployment's fallback queue (FALLBACK_QUEUE_ARN), not one of the policy's. */
const FALLBACK_QUEUE = `${INSTANCE}/queue/deployment-fallback`;

/** Loads the handler module under this environment, as a fresh Lambda container would. */
function loadHandler(env: Record<string, string>, isolated = false): Handler {
  let loaded: Handler | undefined;
  const saved = { ...process.env };
  // Tests print nothing when passing: no log lines, no metrics output.
  Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' }, env);
  // The isolated copy also gets its own AWS SDK classes, which the mocks above do not reach.
  const load = () => (loaded = (require('../../functions/src/handlers/route-call') as { handler: Handler }).handler);
  if (isolated) jest.isolateModules(load);
  else load();
  process.env = saved;
  return loaded!;
}

beforeAll(async () => {
  [dynamo, emulator] = await Promise.all([startDynamoDbLocal({ tablePrefix: 'handler-' }), startSalesforceEmulator({ org: 'demo' })]);
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(createTestCredentials(emulator.url)) });
  // As after the first sync-config run: the policy in force is in the Policy table, with the longest
  // deadline the policy allows, so a busy machine does not turn a lookup into the fallback (the
  // deadline itself is tested in test/routing/route-call.test.ts, its bound measured in bench/).
  const clock = { now: () => new Date('2026-12-01T15:00:00Z') };
  const policy = { ...BUNDLED_POLICY, timing: { ...BUNDLED_POLICY.timing, deadlineMs: 7000 } };
  await new DynamoDbPolicyStore(dynamo.doc, dynamo.tableNames.Policy, clock).save({ policy, source: 'file:test', storedAt: '2026-12-01T15:00:00.000Z' });
  // A warm container: the first call also signs in to Salesforce, which under jest's on-the-fly
  // transpiling of the modules it loads can outlast the deadline (cold start is measured in bench/).
  handler = loadHandler({
    ...dynamo.env,
    AWS_REGION: 'us-east-1',
    SALESFORCE_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise-sf',
    CONNECT_INSTANCE_ARN: INSTANCE,
    FALLBACK_QUEUE_ARN: FALLBACK_QUEUE,
    SALESFORCE_PERSON_ACCOUNTS: 'true',
  });
  await handler(contactFlowEvent({ contactId: 'h-warm-up', customerNumber: demoUnknownNumbers(1)[0]! }));
}, 120_000);
afterAll(async () => {
  await Promise.all([dynamo?.stop(), emulator?.stop()]);
  secrets.restore();
});

const isValid = (response: RouteResponse) =>
  Object.keys(response).sort().join() === [...ROUTE_RESPONSE_KEYS].sort().join() &&
  Object.values(response).every((v) => typeof v === 'string') &&
  response.targetQueueArn !== '';

describe('route-call handler', () => {
  it.each([
    ['VOICE', 'INBOUND', known],
    ['VOICE', 'OUTBOUND', known],
    ['VOICE', 'TRANSFER', known],
    ['VOICE', 'QUEUE_TRANSFER', known],
    ['VOICE', 'CALLBACK', known],
    ['VOICE', 'API', known],
    ['VOICE', 'EXTERNAL_OUTBOUND', known],
    ['VOICE', 'MONITOR', known],
    ['VOICE', 'INBOUND', 'anonymous'],
    ['CHAT', 'INBOUND', undefined],
    ['CHAT', 'API', undefined],
    ['TASK', 'API', undefined],
    ['EMAIL', 'INBOUND', 'customer@example.com'],
  ] as const)('answers a %s %s contact (%s) with a complete route', async (channel, initiationMethod, customerNumber) => {
    const response = await handler(
      contactFlowEvent({
        contactId: `h-${channel}-${initiationMethod}-${String(customerNumber).length}`,
        channel,
        initiationMethod,
        ...(customerNumber ? { customerNumber } : {}),
      }),
    );
    expect(isValid(response)).toBe(true);
    expect(`${response.degraded} ${response.routingReason}`).toMatch(/^false /);
  });

  it('knows the caller of an inbound voice call and signs in to Salesforce through the secret', async () => {
    const response = await handler(contactFlowEvent({ contactId: 'h-known', customerNumber: known, ivrChoice: '1' }));
    expect(response.callerKnown).toBe('true');
    expect(response.callerRecordId).toMatch(/^003/);
    expect(secrets.commandCalls(GetSecretValueCommand).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['not an object', 'hello'],
    ['no contact data', { Name: 'ContactFlowEvent', Details: {} }],
    ['null', null],
  ])('answers a malformed event (%s) with the fallback route', async (_label, event) => {
    const response = await handler(event);
    expect(isValid(response)).toBe(true);
    expect(response.degraded).toBe('true');
    expect(response.routingReason).toBe('INVALID_EVENT: The contact flow event could not be read; fallback route.');
  });

  it('still loads and answers with the deployment’s fallback queue when its configuration is missing', async () => {
    const misconfigured = loadHandler({ PROFILES_TABLE: '', CONTACTS_TABLE: '', SALESFORCE_SECRET_ARN: '', FALLBACK_QUEUE_ARN: FALLBACK_QUEUE }, true);
    const response = await misconfigured(contactFlowEvent({ contactId: 'h-misconfigured', customerNumber: known }));
    expect(isValid(response)).toBe(true);
    expect(response).toMatchObject({ degraded: 'true', targetQueueArn: FALLBACK_QUEUE });
    expect(response.routingReason).toBe('ROUTING_MISCONFIGURED: Routing is misconfigured; fallback route.');
  });

  it('answers an empty queue ARN (the flow’s own error branch), never a demo queue, when even the fallback queue is missing', async () => {
    const misconfigured = loadHandler({ PROFILES_TABLE: '', FALLBACK_QUEUE_ARN: '' }, true);
    const response = await misconfigured(contactFlowEvent({ contactId: 'h-no-fallback', customerNumber: known }));
    expect(response).toMatchObject({ degraded: 'true', targetQueueArn: '' });
  });
});
