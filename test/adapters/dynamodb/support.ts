import { unknownCaller, type CallerProfile } from '../../../functions/src/domain/routing/caller-profile';
import type { RoutingDecision } from '../../../functions/src/domain/routing/routing-decision';

export { ManualClock } from '../../../local/fakes/clock';

export function knownCaller(phoneE164: string, fetchedAt = '2026-03-02T10:00:00.000Z'): CallerProfile {
  return {
    ...unknownCaller(phoneE164, fetchedAt),
    known: true,
    matchCount: 1,
    record: { id: '003Dm000000001AAA', type: 'Contact', name: 'Ada Example', ownerId: '005Dm000000001AAA' },
    account: {
      id: '001Dm000000001AAA',
      name: 'Example Ltd',
      tier: 'Gold',
      annualRevenue: 2_500_000.5,
      type: 'Customer',
      ownerId: '005Dm000000002AAA',
      overdueInvoice: false,
    },
    openOpportunities: [{ id: '006Dm000000001AAA', name: 'Renewal', stageName: 'Negotiation', amount: 42_000, closeDate: '2026-04-01', type: 'Renewal' }],
  };
}

/** A complete routing decision, as route-call stores it. */
export function routingDecision(contactId: string, overrides: Partial<RoutingDecision> = {}): RoutingDecision {
  return {
    contactId,
    decidedAt: '2026-03-02T10:00:00.000Z',
    channel: 'VOICE',
    initiationMethod: 'INBOUND',
    phoneE164: '+12025550143',
    caller: {
      known: true,
      matchCount: 1,
      recordId: '003Dm000000001AAA',
      recordType: 'Contact',
      name: 'Ada Example',
      accountId: '001Dm000000001AAA',
      accountName: 'Example Ltd',
      ownerId: '005Dm000000001AAA',
    },
    intent: { name: 'billing', confidence: 0.9, reasons: ['ivr choice 2'] },
    value: { score: 72, tier: 'high', reasons: ['tier Gold'] },
    route: {
      queueName: 'billing',
      queueArn: 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/billing',
      priority: 2,
      preferredAgentId: 'agent-01',
      preferredAgentArn: 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/agent/agent-01',
      preferredAgentTimeoutSeconds: 20,
      rule: 'billing-high-value',
      reason: 'billing question from a high-value caller',
    },
    screenPopRecordId: '003Dm000000001AAA',
    whisper: 'Billing question, high value',
    degraded: false,
    decisionMs: 42,
    ...overrides,
  };
}

/** Starting the JVM takes seconds, and much longer when the machine is busy. */
export const JVM_START = { startTimeoutMs: 90_000 };
export const JVM_START_TEST_TIMEOUT = 120_000;

/**
 * The real time the adapters see in these tests. A `ttl` attribute counts from the real time, not the
 * injected clock (DynamoDB deletes by its own clock), so the suites pin Date itself; timers, the SDK's
 * and DynamoDB Local's, run as usual.
 */
export const PINNED_REAL_TIME = new Date('2026-12-02T09:00:00.000Z');

/** Pins Date at PINNED_REAL_TIME for the suite; call it after DynamoDB Local has started. */
export function pinRealTime(): void {
  jest.useFakeTimers({
    now: PINNED_REAL_TIME,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** A `ttl` attribute `seconds` after the pinned real time (epoch seconds). */
export function expectTtlIn(ttl: unknown, seconds: number): void {
  expect(ttl).toBe(PINNED_REAL_TIME.getTime() / 1000 + seconds);
}
