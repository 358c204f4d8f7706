import fc from 'fast-check';
import { parseContactFlowEvent } from '../../../functions/src/adapters/connect/contact-flow-event';
import { type CallerProfile, CALLER_RECORD_TYPES, type PastCall } from '../../../functions/src/domain/routing/caller-profile';
import {
  decideRoute,
  DEGRADED_REASONS,
  type DegradedReasonCode,
  factsOfUnparsable,
  fallbackDecision,
} from '../../../functions/src/domain/routing/decide-route';
import { MAX_RESPONSE_BYTES, ROUTE_RESPONSE_KEYS, type RouteResponse } from '../../../functions/src/domain/routing/route-response';
import { toRouteResponse } from '../../../functions/src/domain/routing/route-response-builder';
import type { CallFacts } from '../../../functions/src/domain/routing/routing-decision';
import { CONTACT_ID, contactFlowEvent, policy, userId } from './fixtures';

/** Property tests: whatever Connect, Salesforce or a caller sends, routing answers with a valid response. */

const RUNS = 1000;
const text = fc.string({ unit: 'binary', maxLength: 80 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const oddValue = fc.oneof(
  text,
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const phoneish = fc.oneof(
  fc.constantFrom('+14155550123', '(415) 555-0123 x9', '+442079460958', '+266696687', 'Anonymous', 'Restricted', 'withheld', '', '   ', 'pat@example.com'),
  fc.stringMatching(/^\+?[0-9 ()\-.]{0,20}$/),
  text,
);
const endpoint = fc.oneof(
  fc.record(
    { Address: fc.oneof(phoneish, fc.constant(null)), Type: fc.oneof(fc.constantFrom('TELEPHONE_NUMBER', 'EMAIL_ADDRESS', 'CONNECT_PARTICIPANT'), text) },
    { requiredKeys: [] },
  ),
  oddValue,
);
const connectEvent = fc
  .record(
    {
      ContactId: fc.oneof(fc.uuid(), text, oddValue),
      Channel: fc.oneof(fc.constantFrom('VOICE', 'CHAT', 'TASK', 'EMAIL', 'voice', 'SMS'), oddValue),
      InitiationMethod: fc.oneof(
        fc.constantFrom('INBOUND', 'OUTBOUND', 'TRANSFER', 'CALLBACK', 'API', 'QUEUE_TRANSFER', 'DISCONNECT', 'MONITOR', 'EXTERNAL_OUTBOUND'),
        oddValue,
      ),
      CustomerEndpoint: endpoint,
      SystemEndpoint: endpoint,
      Attributes: fc.oneof(fc.dictionary(fc.constantFrom('ivrChoice', 'lexIntent', 'other'), oddValue), oddValue),
      Queue: oddValue,
    },
    { requiredKeys: [] },
  )
  .chain((contactData) =>
    fc
      .record({
        parameters: fc.dictionary(
          fc.constantFrom('ivrChoice', 'lexIntent', 'x'),
          fc.oneof(fc.constantFrom('1', '2', '3', '4', 'BuyProduct', 'PayBill'), oddValue),
        ),
      })
      .map(({ parameters }) => contactFlowEvent(contactData, parameters)),
  );
const anyEvent = fc.oneof(
  connectEvent,
  fc.anything(),
  fc.record({ Details: fc.anything() }),
  fc.record({ Details: fc.record({ ContactData: fc.anything(), Parameters: fc.anything() }) }),
);

const amount = fc.oneof(fc.double(), fc.integer({ min: 0, max: 2e9 }));
const isoish = fc.oneof(
  fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  text,
);
const owner = fc.oneof(fc.integer({ min: 1, max: 25 }).map(userId), fc.constant(''), text);
const profile: fc.Arbitrary<CallerProfile> = fc.record({
  phoneE164: fc.constant('+14155550123'),
  known: fc.boolean(),
  matchCount: fc.nat(5),
  record: maybe(fc.record({ id: text, type: fc.constantFrom(...CALLER_RECORD_TYPES), name: text, ownerId: owner })),
  account: maybe(
    fc.record({
      id: text,
      name: text,
      tier: fc.oneof(fc.constantFrom('Platinum', 'Gold', 'Silver', 'Bronze', 'gold', ''), text),
      annualRevenue: amount,
      type: text,
      ownerId: owner,
      overdueInvoice: fc.boolean(),
    }),
  ),
  openCases: fc.record({ count: fc.nat(20), latestId: text, latestSubject: text, latestPriority: text }),
  openOpportunities: fc.array(
    fc.record({
      id: text,
      name: text,
      stageName: fc.oneof(fc.constantFrom('Negotiation/Review', 'Proposal/Price Quote', 'Prospecting'), text),
      amount,
      closeDate: isoish,
      type: fc.oneof(fc.constantFrom('Renewal', 'New Business'), text),
    }),
    { maxLength: 4 },
  ),
  recentCalls: fc.array(
    fc.record({ at: isoish, intent: fc.oneof(fc.constantFrom('sales', 'support', 'billing', 'renewal', 'general'), text), ownerId: owner }),
    { maxLength: 3 },
  ),
  fetchedAt: isoish,
});
const pastCalls: fc.Arbitrary<PastCall[]> = fc.array(
  fc.record({
    contactId: text,
    at: isoish,
    intent: fc.oneof(fc.constantFrom('sales', 'support', 'billing', 'renewal'), text),
    queueName: text,
    agentId: fc.oneof(fc.constant(''), text),
  }),
  { maxLength: 4 },
);
const queueMetrics = fc.dictionary(
  fc.oneof(fc.constantFrom(...Object.values(policy.queues).map((q) => q.arn)), text),
  fc.record({ contactsInQueue: fc.oneof(fc.nat(50), fc.double()), oldestContactAgeSeconds: fc.oneof(fc.nat(900), fc.double()), agentsAvailable: fc.nat(10) }),
  { maxKeys: 4 },
);
const facts: fc.Arbitrary<CallFacts> = fc.record({
  contactId: fc.oneof(fc.uuid(), fc.constant('')),
  channel: fc.constantFrom('VOICE', 'CHAT', 'TASK', 'EMAIL'),
  initiationMethod: fc.constantFrom('INBOUND', 'TRANSFER', ''),
  customerNumber: fc.constantFrom('+14155550123', null),
  customerNumberStatus: fc.constantFrom('valid', 'anonymous', 'missing', 'invalid'),
  dialledNumber: fc.constantFrom('+18005550100', '+18005550101', '+18005550102', null),
  ivrChoice: fc.oneof(fc.constantFrom('', '1', '2', '3', '4', '9'), fc.string({ unit: 'binary', maxLength: 20 })),
  lexIntent: fc.oneof(fc.constantFrom('', 'BuyProduct', 'ReportProblem', 'PayBill', 'RenewContract'), text),
});
const now = fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true });

const QUEUE_ARNS = new Set(Object.values(policy.queues).map((q) => q.arn));
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** What is wrong with a response, as a list (plain checks: jest's expect is too slow for thousands of runs). */
function responseProblems(response: RouteResponse): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(Object.keys(response).sort().join() === [...ROUTE_RESPONSE_KEYS].sort().join(), 'keys differ from ROUTE_RESPONSE_KEYS');
  for (const [key, value] of Object.entries(response)) {
    check(typeof value === 'string', `${key} is not a string`);
    check(!CONTROL.test(value), `${key} has a control character`);
  }
  check(/^(true|false)$/.test(response.callerKnown), 'callerKnown');
  check(/^(true|false)$/.test(response.degraded), 'degraded');
  check(/^(0\.\d\d|1\.00)$/.test(response.intentConfidence), `intentConfidence ${response.intentConfidence}`);
  check(/^(\d|[1-9]\d|100)$/.test(response.valueScore), `valueScore ${response.valueScore}`);
  check(/^([1-9]|10)$/.test(response.routingPriority), `routingPriority ${response.routingPriority}`);
  check(/^\d+$/.test(response.decisionMs), 'decisionMs');
  check(/^\d+$/.test(response.preferredAgentTimeoutSeconds), 'preferredAgentTimeoutSeconds');
  check(response.whisper.length > 0 && response.whisper.length <= 120, `whisper length ${response.whisper.length}`);
  check(QUEUE_ARNS.has(response.targetQueueArn), 'targetQueueArn is not a policy queue');
  check(['vip', 'high', 'medium', 'low'].includes(response.valueTier), `valueTier ${response.valueTier}`);
  check(Buffer.byteLength(JSON.stringify(response), 'utf8') < MAX_RESPONSE_BYTES / 2, 'response too large');
  return problems;
}

function expectValidResponse(response: RouteResponse): void {
  const problems = responseProblems(response);
  if (problems.length > 0) expect({ problems, response }).toEqual({ problems: [], response });
}

describe('routing properties', () => {
  it(`parseContactFlowEvent never throws and never leaks the caller number (${RUNS} events)`, () => {
    fc.assert(
      fc.property(anyEvent, (raw) => {
        const result = parseContactFlowEvent(raw, 'US');
        if (result.ok) {
          const { customerNumber, customerNumberStatus, channel } = result.facts;
          return (
            (customerNumber === null || /^\+[1-9]\d{6,14}$/.test(customerNumber)) &&
            (customerNumberStatus === 'valid') === (customerNumber !== null) &&
            ['VOICE', 'CHAT', 'TASK', 'EMAIL'].includes(channel)
          );
        }
        return result.error.length > 0 && !/\d{5,}/.test(result.error) && typeof result.contactId === 'string';
      }),
      { numRuns: RUNS },
    );
  });

  it('a valid event keeps its ContactId whatever else is in it', () => {
    fc.assert(
      fc.property(connectEvent, (raw) => {
        const result = parseContactFlowEvent(raw, 'US');
        const id = (raw as { Details: { ContactData: { ContactId?: unknown } } }).Details.ContactData.ContactId;
        return result.ok ? result.facts.contactId === id : result.contactId === '' || result.contactId === id;
      }),
      { numRuns: 300 },
    );
    expect(parseContactFlowEvent(contactFlowEvent(), 'US')).toMatchObject({ ok: true, facts: { contactId: CONTACT_ID } });
  });

  it(`decideRoute → toRouteResponse is always a valid flow response (${RUNS} calls)`, () => {
    fc.assert(
      fc.property(facts, fc.option(profile, { nil: null }), pastCalls, queueMetrics, now, (callFacts, callerProfile, calls, metrics, at) => {
        const decision = decideRoute({ facts: callFacts, profile: callerProfile, pastCalls: calls, queueMetrics: metrics, policy, now: at });
        expectValidResponse(toRouteResponse(decision));
        return decision.degraded === false;
      }),
      { numRuns: RUNS },
    );
  });

  it(`fallbackDecision → toRouteResponse is always a valid, degraded flow response (${RUNS} calls)`, () => {
    fc.assert(
      fc.property(facts, now, fc.constantFrom(...(Object.keys(DEGRADED_REASONS) as DegradedReasonCode[])), (callFacts, at, code) => {
        const response = toRouteResponse(fallbackDecision({ facts: callFacts, policy, now: at, code }));
        expectValidResponse(response);
        return response.degraded === 'true' && response.targetQueueArn === policy.queues.general?.arn;
      }),
      { numRuns: RUNS },
    );
  });

  it('any parsed or unparsable event ends in a valid response', () => {
    fc.assert(
      fc.property(anyEvent, now, (raw, at) => {
        const parsed = parseContactFlowEvent(raw, 'US');
        const decision = parsed.ok
          ? decideRoute({ facts: parsed.facts, profile: null, pastCalls: [], queueMetrics: {}, policy, now: at })
          : fallbackDecision({
              facts: factsOfUnparsable(parsed.contactId),
              policy,
              now: at,
              code: 'INVALID_EVENT',
            });
        expectValidResponse(toRouteResponse(decision));
      }),
      { numRuns: 500 },
    );
  });
});
