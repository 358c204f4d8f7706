/**
 * The route-call response: a flat map of strings that the contact flow reads.
 * Every key is always present; an absent fact is an empty string, never undefined.
 */
export const ROUTE_RESPONSE_KEYS = [
  'callerKnown',
  'callerRecordId',
  'callerRecordType',
  'callerName',
  'accountId',
  'accountName',
  'ownerId',
  'intent',
  'intentConfidence',
  'intentReasons',
  'valueScore',
  'valueTier',
  'targetQueueArn',
  'targetQueueName',
  'routingPriority',
  'preferredAgentId',
  'preferredAgentArn',
  'preferredAgentTimeoutSeconds',
  'screenPopRecordId',
  'whisper',
  'routingRule',
  'routingReason',
  'degraded',
  'decisionMs',
  'profileSource',
] as const;

export type RouteResponseKey = (typeof ROUTE_RESPONSE_KEYS)[number];
export type RouteResponse = Record<RouteResponseKey, string>;

/** Connect limits the Lambda response to 32 KB; keep well below it. */
export const MAX_RESPONSE_BYTES = 32 * 1024;
