import type { RouteResponse } from './route-response';
import type { RoutingDecision } from './routing-decision';
import { singleLine, truncate } from '../text';

/**
 * Caps per value, in characters. Even if every value were at its cap and every character took three
 * bytes in UTF-8, the response would stay under 16 KB, half of Connect's 32 KB (MAX_RESPONSE_BYTES).
 */
const ID = 128;
const NAME = 120;
const ARN = 256;
const REASONS = 500;

/** Maps a routing decision to the flat map of strings the contact flow reads: every key, no control characters. */
export function toRouteResponse(decision: RoutingDecision): RouteResponse {
  const { caller, intent, value, route } = decision;
  return {
    callerKnown: String(caller.known === true),
    callerRecordId: text(caller.recordId, ID),
    callerRecordType: text(caller.recordType, 20),
    callerName: text(caller.name, NAME),
    accountId: text(caller.accountId, ID),
    accountName: text(caller.accountName, NAME),
    ownerId: text(caller.ownerId, ID),
    intent: text(intent.name, 80),
    intentConfidence: clamp(intent.confidence, 0, 1, 0).toFixed(2),
    intentReasons: reasons(intent.reasons),
    valueScore: String(Math.round(clamp(value.score, 0, 100, 0))),
    valueTier: text(value.tier, 80),
    targetQueueArn: text(route.queueArn, ARN),
    targetQueueName: text(route.queueName, NAME),
    routingPriority: String(Math.round(clamp(route.priority, 1, 10, 5))),
    preferredAgentId: text(route.preferredAgentId, ID),
    preferredAgentArn: text(route.preferredAgentArn, ARN),
    preferredAgentTimeoutSeconds: String(Math.round(clamp(route.preferredAgentTimeoutSeconds, 0, 600, 0))),
    screenPopRecordId: text(decision.screenPopRecordId, ID),
    whisper: text(decision.whisper, 120),
    routingRule: text(route.rule, 80),
    routingReason: text(route.reason, REASONS),
    degraded: String(decision.degraded === true),
    decisionMs: String(Math.round(clamp(decision.decisionMs, 0, 3_600_000, 0))),
    profileSource: decision.profileSource ?? 'none',
  };
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? truncate(singleLine(value), max) : '';
}

function reasons(list: unknown): string {
  if (!Array.isArray(list)) return '';
  const parts = list
    .filter((r): r is string => typeof r === 'string')
    .map(singleLine)
    .filter((r) => r !== '');
  return truncate(parts.join('; '), REASONS);
}

function clamp(value: unknown, min: number, max: number, otherwise: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return otherwise;
  return Math.min(max, Math.max(min, value));
}
