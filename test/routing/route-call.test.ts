import { createDocumentClient } from '../../functions/src/adapters/dynamodb/client';
import { DynamoDbCallHistory } from '../../functions/src/adapters/dynamodb/call-history';
import { DynamoDbDecisionStore } from '../../functions/src/adapters/dynamodb/decision-store';
import { DynamoDbProfileCache } from '../../functions/src/adapters/dynamodb/profile-cache';
import { SimulatedQueueStatus } from '../../local/fakes/queue-status-simulated';
import { emergencyRoute, routeCall } from '../../functions/src/routing/route-call';
import { fallbackOnlyPolicy } from '../../functions/src/domain/policy/policy';
import { policyProvider } from '../../functions/src/platform/live-policy';
import { assembleRouteCallDeps } from '../../functions/src/routing/wiring';
import { ROUTE_RESPONSE_KEYS } from '../../functions/src/domain/routing/route-response';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers } from '../../local/demo-org';
import { contactFlowEvent } from '../../local/demo/contact-flow-event';
import { ManualClock } from '../../local/fakes/clock';
import { type LocalEnvironment, startLocalEnvironment } from '../../local/environment';

/** route-call end to end against DynamoDB Local and the Salesforce emulator (real jsforce over HTTP). */
const NOW = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 in New York: business hours
const clock = new ManualClock(NOW);
const book = demoPhoneBook(buildDemoOrg());
const numbersOf = (type: string) => [...new Set(book.filter((e) => e.type === type).map((e) => e.phoneE164))];
const unknown = demoUnknownNumbers(40);
let env: LocalEnvironment;
let contact = 0;

const call = (customerNumber: string | undefined, extra: Parameters<typeof contactFlowEvent>[0] extends infer T ? Partial<T> : never = {}) =>
  routeCall(
    contactFlowEvent({ contactId: `test-${++contact}`, ...(customerNumber === undefined ? {} : { customerNumber }), ivrChoice: '2', ...extra }),
    env.deps,
  );

// The longest deadline the policy allows: these tests check what route-call decides, and a busy
// machine must not turn a lookup into the fallback. The deadline itself is exercised below with a
// short one, and its precise bound (deadline + 50 ms) is measured in bench/.
const PATIENT_DEADLINE_MS = 7000;

beforeAll(async () => {
  env = await startLocalEnvironment({ clock, deadlineMs: PATIENT_DEADLINE_MS });
}, 120_000);
afterAll(() => env?.stop());
beforeEach(() => {
  clock.set(NOW);
  env.emulator.setLatency(0);
});

describe('route-call against the local environment', () => {
  it('identifies a known contact in two Salesforce requests, then from the cache in none', async () => {
    const [number] = numbersOf('Contact');
    env.emulator.resetCounters();
    const first = await call(number!);
    expect(first.decision.caller.known).toBe(true);
    expect(first.profileSource).toBe('salesforce');
    expect(env.emulator.requestCount()).toBeLessThanOrEqual(2);
    expect(first.response.degraded).toBe('false');

    env.emulator.resetCounters();
    const second = await call(number!);
    expect(second.profileSource).toBe('cache');
    expect(env.emulator.requestCount()).toBe(0);
    expect(second.response.callerRecordId).toBe(first.response.callerRecordId);
  });

  it('stores the decision by ContactId and remembers the call for repeat detection', async () => {
    const [, number] = numbersOf('Contact');
    const result = await call(number!);
    const stored = await env.deps.decisions.get(result.decision.contactId);
    expect(stored?.route.queueArn).toBe(result.response.targetQueueArn);
    const history = await env.deps.history.recent(number!, new Date(NOW.getTime() - 3600_000).toISOString());
    expect(history.map((h) => h.contactId)).toContain(result.decision.contactId);
  });

  it('caches unknown numbers too (negative cache): one search, then none', async () => {
    env.emulator.resetCounters();
    const first = await call(unknown[0]!);
    expect(first.decision.caller.known).toBe(false);
    expect(env.emulator.requestCount()).toBe(1);
    env.emulator.resetCounters();
    const second = await call(unknown[0]!);
    expect(second.profileSource).toBe('negative-cache');
    expect(env.emulator.requestCount()).toBe(0);
  });

  it.each([
    ['anonymous', 'anonymous'],
    ['withheld (Connect anonymous)', '+266696687'],
    ['missing', undefined],
  ])('routes an %s caller without asking Salesforce', async (_label, number) => {
    env.emulator.resetCounters();
    const result = await call(number);
    expect(env.emulator.requestCount()).toBe(0);
    expect(result.response.callerKnown).toBe('false');
    expect(result.response.targetQueueArn).not.toBe('');
  });

  it('lets many simultaneous calls from one new number share one Salesforce lookup (no stampede)', async () => {
    const number = numbersOf('Contact')[5]!;
    env.emulator.resetCounters();
    env.emulator.setLatency(100);
    const results = await Promise.all(Array.from({ length: 20 }, () => call(number)));
    expect(results.every((r) => r.decision.caller.known)).toBe(true);
    expect(env.emulator.requestCount()).toBe(2);
  });

  it('answers with the fallback route, degraded, when Salesforce fails', async () => {
    env.emulator.failNext(1, 'server-error');
    const result = await call(unknown[1]!);
    expect(result.response.degraded).toBe('true');
    expect(result.response.routingReason).toBe('CALLER_LOOKUP_FAILED: The caller could not be looked up; fallback route.');
    expect(result.lookupError).toMatch(/^SalesforceApiError: Salesforce GET \/services\/data\/v62\.0\/search failed: SERVER_UNAVAILABLE \(HTTP 503\)/);
    expect(result.response.targetQueueArn).toBe(env.policy.queues[env.policy.fallback.queue]!.arn);
  });

  it('answers with the fallback when Salesforce is slower than the deadline', async () => {
    env.emulator.setLatency(1500);
    const result = await routeCall(contactFlowEvent({ contactId: `test-${++contact}`, customerNumber: unknown[2]!, ivrChoice: '2' }), {
      ...env.deps,
      deadlineMs: 500,
    });
    expect(result.response.degraded).toBe('true');
    expect(result.response.routingReason).toBe('CALLER_LOOKUP_TIMEOUT: The caller lookup did not finish within the routing deadline; fallback route.');
  });

  it('signs in again once when the session expired, and routes normally', async () => {
    const tokensBefore = env.emulator.tokenRequests();
    env.emulator.expireSessions();
    const contacts = new Set(numbersOf('Contact'));
    const result = await call(numbersOf('Lead').filter((n) => !contacts.has(n))[3]!);
    expect(`${result.response.degraded} ${result.response.routingReason}`).toMatch(/^false /);
    expect(result.decision.caller.known).toBe(true);
    expect(env.emulator.tokenRequests()).toBe(tokensBefore + 1);
  });

  it('answers every key of the response contract as a string', async () => {
    const result = await call(numbersOf('PersonAccount')[0]!);
    expect(Object.keys(result.response).sort()).toEqual([...ROUTE_RESPONSE_KEYS].sort());
    expect(Object.values(result.response).every((v) => typeof v === 'string')).toBe(true);
  });
});

describe('route-call with DynamoDB down', () => {
  it('still answers, with the fallback route and the reason, within the deadline', async () => {
    const doc = createDocumentClient({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1' });
    const deps = assembleRouteCallDeps({
      liveLookup: { findCaller: async () => Promise.reject(new Error('not reached')) },
      cache: new DynamoDbProfileCache(doc, 'Profiles', clock),
      decisions: new DynamoDbDecisionStore(doc, 'Contacts', clock),
      history: new DynamoDbCallHistory(doc, 'CallerHistory', clock),
      queues: new SimulatedQueueStatus(),
      policy: async () => env.policy,
      clock,
    });
    const result = await routeCall(contactFlowEvent({ contactId: 'ddb-down', customerNumber: '+12025550143' }), deps);
    expect(result.response.degraded).toBe('true');
    expect(result.storeError).toMatch(/decision not stored/);
  });
});

describe('route-call with no policy in force (AWS before the first sync, or the Policy table not answering)', () => {
  const FALLBACK_QUEUE = 'arn:aws:connect:eu-west-2:444455556666:instance/acme/queue/fallback-q';
  const noPolicyDeps = (current: () => Promise<undefined>) => {
    const fallbackPolicy = fallbackOnlyPolicy(env.policy, FALLBACK_QUEUE);
    return { ...env.deps, policy: policyProvider({ current, save: async () => undefined }, fallbackPolicy), fallbackPolicy };
  };

  it.each([
    ['the store holds no policy yet', async () => undefined],
    ['the store fails', async () => Promise.reject(new Error('ResourceNotFoundException'))],
  ])('routes every call to the deployment’s fallback queue, degraded, with the reason, when %s', async (_case, current) => {
    const result = await routeCall(
      contactFlowEvent({ contactId: `no-policy-${++contact}`, customerNumber: numbersOf('Contact')[0]!, ivrChoice: '4' }),
      noPolicyDeps(current),
    );

    expect(result.response).toMatchObject({
      targetQueueArn: FALLBACK_QUEUE,
      targetQueueName: 'General',
      routingRule: 'fallback',
      routingReason: 'NO_POLICY_IN_FORCE: No routing policy is in force yet; fallback route.',
      degraded: 'true',
      preferredAgentId: '',
      // What the rep sees is still known: the caller and the intent.
      callerKnown: 'true',
      intent: 'renewal',
    });
  });

  it('answers the emergency route with the deployment’s fallback queue', () => {
    const response = emergencyRoute(noPolicyDeps(async () => undefined).fallbackPolicy, NOW, 'INTERNAL_ERROR');
    expect(response).toMatchObject({
      targetQueueArn: FALLBACK_QUEUE,
      degraded: 'true',
      routingReason: 'INTERNAL_ERROR: Routing failed unexpectedly; fallback route.',
    });
  });
});
