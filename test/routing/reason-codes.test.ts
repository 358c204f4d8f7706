import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbPolicyStore } from '../../functions/src/adapters/dynamodb/policy-store';
import { BUNDLED_POLICY } from '../../functions/src/platform/live-policy';
import type { QuotaBreakerEvent } from '../../functions/src/routing/profile-loader';
import { routeCall } from '../../functions/src/routing/route-call';
import { createRouteCallDeps } from '../../functions/src/routing/wiring';
import { demoUnknownNumbers } from '../../local/demo-org';
import { contactFlowEvent } from '../../local/demo/contact-flow-event';
import { ManualClock } from '../../local/fakes/clock';
import { type LocalEnvironment, startLocalEnvironment } from '../../local/environment';

/**
 * routingReason carries a stable code and a sentence, produced by the condition it names; the error behind it
 * (class, message, ARNs, account ids) stays in `lookupError`, which only the logs see. Real jsforce over HTTP
 * against the emulator, DynamoDB Local; Secrets Manager mocked (it cannot run here).
 */
const NOW = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 in New York: business hours
const clock = new ManualClock(NOW);
const unknown = demoUnknownNumbers(12);
const events: QuotaBreakerEvent[] = [];
let env: LocalEnvironment;
let contact = 0;

const call = (customerNumber: string, deps = env.deps) => routeCall(contactFlowEvent({ contactId: `rc-${++contact}`, customerNumber, ivrChoice: '2' }), deps);

beforeAll(async () => {
  env = await startLocalEnvironment({ clock, deadlineMs: 7000, quotaBreaker: { report: (e) => events.push(e) } });
}, 120_000);
afterAll(() => env?.stop());

describe('routingReason codes', () => {
  it('INVALID_EVENT for an event that is not a contact flow event', async () => {
    const result = await routeCall('hello', env.deps);
    expect(result.response).toMatchObject({
      degraded: 'true',
      routingRule: 'fallback',
      routingReason: 'INVALID_EVENT: The contact flow event could not be read; fallback route.',
    });
  });

  it('SALESFORCE_QUOTA_PROTECTED: REQUEST_LIMIT_EXCEEDED pauses lookups; callers are then routed as unknown, not cached, until a probe succeeds', async () => {
    env.emulator.failNext(1, 'request-limit');
    const refused = await call(unknown[0]!);
    expect(refused.response).toMatchObject({
      degraded: 'true',
      routingRule: 'fallback',
      routingReason: "SALESFORCE_QUOTA_PROTECTED: Salesforce lookups are paused to protect the org's API quota; fallback route.",
    });

    env.emulator.resetCounters();
    const paused = await call(unknown[1]!);
    expect(env.emulator.requestCount()).toBe(0);
    expect(paused.profileSource).toBe('paused');
    expect(paused.response).toMatchObject({
      degraded: 'true',
      callerKnown: 'false',
      routingRule: 'unknown-caller',
      targetQueueName: 'General',
      routingReason: "SALESFORCE_QUOTA_PROTECTED: Salesforce lookups are paused to protect the org's API quota; routed as an unknown caller.",
    });

    clock.advance(60_000);
    const probe = await call(unknown[1]!);
    expect(probe.profileSource).toBe('salesforce');
    expect(env.emulator.requestCount()).toBe(1);
    expect(probe.response.degraded).toBe('false');
    expect(events.filter((e) => e.type !== 'usage')).toEqual([{ type: 'paused', code: 'SALESFORCE_QUOTA_PROTECTED' }, { type: 'resumed' }]);
  });
});

describe('a Secrets Manager failure (AWS wiring)', () => {
  const ACCOUNT = '444455556666';
  const SECRET_ARN = `arn:aws:secretsmanager:eu-west-2:${ACCOUNT}:secret:callwise/salesforce-jwt-AbCdEf`;
  const INSTANCE = `arn:aws:connect:eu-west-2:${ACCOUNT}:instance/acme`;
  const secrets = mockClient(SecretsManagerClient);
  afterAll(() => secrets.restore());

  it('reaches neither the response nor the stored decision: SALESFORCE_SIGN_IN_FAILING, then lookups pause after 3 in a row', async () => {
    await new DynamoDbPolicyStore(env.tables.doc, env.tables.tableNames.Policy, clock).save({
      policy: BUNDLED_POLICY,
      source: 'file:test',
      storedAt: NOW.toISOString(),
    });
    secrets.on(GetSecretValueCommand).rejects(
      Object.assign(new Error(`User is not authorized to perform secretsmanager:GetSecretValue on resource: ${SECRET_ARN}`), {
        name: 'AccessDeniedException',
      }),
    );
    const deps = createRouteCallDeps({
      ...env.tables.env,
      AWS_REGION: 'eu-west-2',
      SALESFORCE_SECRET_ARN: SECRET_ARN,
      CONNECT_INSTANCE_ARN: INSTANCE,
      FALLBACK_QUEUE_ARN: `${INSTANCE}/queue/fallback`,
    });

    const failed = [];
    for (const number of unknown.slice(2, 5)) failed.push(await call(number, deps));
    const paused = await call(unknown[5]!, deps);

    for (const result of failed) {
      expect(result.response).toMatchObject({
        degraded: 'true',
        routingRule: 'fallback',
        routingReason: 'SALESFORCE_SIGN_IN_FAILING: Callwise cannot sign in to Salesforce; fallback route.',
      });
      // The detail is for the logs.
      expect(result.lookupError?.startsWith(`SalesforceSecretError: Cannot read the Salesforce secret ${SECRET_ARN} (AccessDeniedException)`)).toBe(true);
    }
    // The AWS wiring reads the system clock: the rule (business hours or not) is not asserted, only that no lookup was made.
    expect(paused.profileSource).toBe('paused');
    expect(paused.response).toMatchObject({
      degraded: 'true',
      callerKnown: 'false',
      routingReason: 'SALESFORCE_SIGN_IN_FAILING: Callwise cannot sign in to Salesforce; routed as an unknown caller.',
    });
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(3);

    const stored = await Promise.all([...failed, paused].map((r) => deps.decisions.get(r.decision.contactId)));
    const exposed = JSON.stringify([failed.map((r) => r.response), paused.response, stored]);
    expect(stored.every((d) => d?.degraded === true)).toBe(true);
    for (const internal of ['arn:aws:secretsmanager', 'SalesforceSecretError', 'AccessDeniedException', 'callwise/salesforce-jwt'])
      expect(exposed).not.toContain(internal);
    // The account id may be in a queue ARN the flow needs (the deployment's fallback queue), never in a reason.
    const reasons = [...failed, paused].map((r) => r.response.routingReason).concat(stored.map((d) => d?.route.reason ?? ''));
    for (const reason of reasons) expect(reason).not.toContain(ACCOUNT);
  });
});
