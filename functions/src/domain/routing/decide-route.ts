import { chooseRoute, type QueueMetrics } from './route-rules';
import { isBusinessHours } from './business-hours';
import type { CallerProfile, PastCall } from './caller-profile';
import { crmFactsOf, NO_CRM_FACTS } from './crm-signals';
import { callsWithin, inferIntent } from './intent';
import type { RoutingPolicy } from '../policy/policy';
import type { CallFacts, RoutingDecision } from './routing-decision';
import { lowestTier, scoreValue } from './value';
import { composeWhisper, fallbackWhisper } from './whisper';

export interface DecideRouteInput {
  facts: CallFacts;
  profile: CallerProfile | null;
  pastCalls: PastCall[];
  /** Live queue status by queue ARN; a queue without metrics never overflows. */
  queueMetrics: Record<string, QueueMetrics>;
  policy: RoutingPolicy;
  now: Date;
}

/** The routing decision for a call: who is calling, why, how valuable, and where the call goes (pure). */
export function decideRoute({ facts, profile, pastCalls, queueMetrics, policy, now }: DecideRouteInput): RoutingDecision {
  const known = profile?.known === true ? profile : null;
  const crm = crmFactsOf(known, policy, now);
  const intent = inferIntent({ facts, crm, pastCalls, profile: known, policy, now });
  const value = scoreValue(known, crm, policy.value);
  const route = chooseRoute({
    facts,
    profile: known,
    crm,
    intent: intent.name,
    tier: value.tier,
    pastCalls,
    queueMetrics,
    policy,
    businessHours: isBusinessHours(policy, now),
  });
  const recentCallCount = callsWithin(pastCalls, known, policy.crmSignals.repeatCallWindowHours, now).length;
  return {
    ...contactOf(facts, now),
    caller: callerOf(known),
    intent: { name: intent.name, confidence: intent.confidence, reasons: intent.reasons },
    value,
    route,
    screenPopRecordId: screenPopOf(known, intent.name, policy),
    whisper: composeWhisper({ facts, profile: known, crm, intent, recentCallCount, policy }),
    degraded: false,
    decisionMs: 0,
  };
}

/** What every decision says about the contact itself. */
function contactOf(facts: CallFacts, now: Date): Pick<RoutingDecision, 'contactId' | 'decidedAt' | 'channel' | 'initiationMethod' | 'phoneE164'> {
  return {
    contactId: facts.contactId,
    decidedAt: isoOf(now),
    channel: facts.channel,
    initiationMethod: facts.initiationMethod,
    phoneE164: facts.customerNumber,
  };
}

/**
 * Why a call was routed without all its facts, as a stable code and a sentence a rep can read. The
 * routingReason of a degraded decision is `CODE: sentence; how it was routed.` (contact attribute, route-call
 * response, the Task's Callwise_Routing_Reason__c): never an error's class or message, an ARN or a table
 * name (those stay in the logs). README "Routing reason codes" lists the same table.
 */
export const DEGRADED_REASONS = {
  INVALID_EVENT: 'The contact flow event could not be read',
  CALLER_LOOKUP_TIMEOUT: 'The caller lookup did not finish within the routing deadline',
  CALLER_LOOKUP_FAILED: 'The caller could not be looked up',
  SALESFORCE_QUOTA_PROTECTED: "Salesforce lookups are paused to protect the org's API quota",
  SALESFORCE_SIGN_IN_FAILING: 'Callwise cannot sign in to Salesforce',
  NO_POLICY_IN_FORCE: 'No routing policy is in force yet',
  ROUTING_MISCONFIGURED: 'Routing is misconfigured',
  INTERNAL_ERROR: 'Routing failed unexpectedly',
} as const;

export type DegradedReasonCode = keyof typeof DEGRADED_REASONS;

/** How a call paused from Salesforce lookups is routed: by the policy's rules, as an unknown caller. */
export const AS_UNKNOWN_CALLER = 'routed as an unknown caller';

/** The routingReason of a degraded decision: the code, its sentence, and how the call was routed instead. */
export function degradedReason(code: DegradedReasonCode, routedAs: string): string {
  return `${code}: ${DEGRADED_REASONS[code]}; ${routedAs}.`;
}

export interface FallbackInput {
  facts: CallFacts;
  policy: RoutingPolicy;
  now: Date;
  /** Why the fallback was used: it becomes routingReason with the policy's fallback reason. */
  code: DegradedReasonCode;
}

/** The policy's fallback route when the caller could not be looked up; the intent comes from the event alone. */
export function fallbackDecision({ facts, policy, now, code }: FallbackInput): RoutingDecision {
  const intent = inferIntent({ facts, crm: NO_CRM_FACTS, pastCalls: [], profile: null, policy, now });
  const queue = policy.queues[policy.fallback.queue];
  return {
    ...contactOf(facts, now),
    caller: callerOf(null),
    intent: { name: intent.name, confidence: intent.confidence, reasons: intent.reasons },
    value: { score: 0, tier: lowestTier(policy.value), reasons: ['caller not looked up'] },
    route: {
      queueName: queue?.name ?? policy.fallback.queue,
      queueArn: queue?.arn ?? '',
      priority: policy.fallback.priority,
      preferredAgentId: '',
      preferredAgentArn: '',
      preferredAgentTimeoutSeconds: 0,
      rule: 'fallback',
      reason: degradedReason(code, policy.fallback.reason),
    },
    screenPopRecordId: '',
    whisper: fallbackWhisper(facts, intent, policy),
    degraded: true,
    decisionMs: 0,
  };
}

function callerOf(profile: CallerProfile | null): RoutingDecision['caller'] {
  return {
    known: profile?.known === true,
    matchCount: profile?.matchCount ?? 0,
    recordId: profile?.record?.id ?? '',
    recordType: profile?.record?.type ?? '',
    name: profile?.record?.name ?? '',
    accountId: profile?.account?.id ?? '',
    accountName: profile?.account?.name ?? '',
    ownerId: profile?.record?.ownerId || profile?.account?.ownerId || '',
  };
}

/** The record the rep's screen opens: the open case for a support call, else the caller's record. */
function screenPopOf(profile: CallerProfile | null, intentName: string, policy: RoutingPolicy): string {
  if (!profile) return '';
  const caseIntent = policy.intents.find((i) => i.name === intentName)?.signals.crm.includes('openCase') ?? false;
  if (caseIntent && profile.openCases.count > 0 && profile.openCases.latestId) return profile.openCases.latestId;
  return profile.record?.id ?? profile.account?.id ?? '';
}

function isoOf(now: Date): string {
  return Number.isNaN(now.getTime()) ? '' : now.toISOString();
}

/** The facts of an event that could not be parsed: its contact id (when it had one), nothing else known. */
export function factsOfUnparsable(contactId: string): CallFacts {
  return {
    contactId,
    channel: 'VOICE',
    initiationMethod: '',
    customerNumber: null,
    customerNumberStatus: 'missing',
    dialledNumber: null,
    ivrChoice: '',
    lexIntent: '',
  };
}
