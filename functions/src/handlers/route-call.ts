import type { Context } from 'aws-lambda';
import { BUNDLED_POLICY } from '../platform/live-policy';
import { emergencyRoute, type RouteCallResult, routeCall } from '../routing/route-call';
import { createRouteCallDeps } from '../routing/wiring';
import type { RouteResponse } from '../domain/routing/route-response';
import { logger, metrics, MetricUnit, publishMetrics } from '../platform/observability';

/**
 * Amazon Connect invokes this from a contact flow; it always answers with a route, never an error.
 * It does not load the X-Ray SDK (see platform/tracing.ts): Lambda's active tracing still records each invocation.
 */
const deps = createRouteCallDeps(process.env);

export const handler = async (event: unknown, context?: Context): Promise<RouteResponse> => {
  if (context) logger.addContext(context);
  try {
    const result = await routeCall(event, deps);
    report(result);
    return result.response;
  } catch (error) {
    logger.error('routing failed unexpectedly; answering with the fallback route', { error: (error as Error).name });
    metrics.addMetric('RoutingError', MetricUnit.Count, 1);
    // In AWS the fallback policy routes to the deployment's fallback queue, never the bundled demo queues.
    return emergencyRoute(deps.fallbackPolicy ?? BUNDLED_POLICY, new Date(), 'INTERNAL_ERROR');
  } finally {
    publishMetrics();
  }
};

/** Logs and measures a decision: ids, intent, tier, queue and reasons only (no number, no name). */
function report({ decision, profileSource, invalidEvent, lookupError, storeError }: RouteCallResult): void {
  metrics.addMetric('DecisionLatency', MetricUnit.Milliseconds, decision.decisionMs);
  metrics.addMetric('DegradedDecision', MetricUnit.Count, decision.degraded ? 1 : 0);
  metrics.addMetric('ProfileCacheHit', MetricUnit.Count, profileSource === 'cache' || profileSource === 'negative-cache' ? 1 : 0);
  metrics.addMetric('SalesforceLookup', MetricUnit.Count, profileSource === 'salesforce' ? 1 : 0);
  metrics.addMetric('DirectoryLookup', MetricUnit.Count, profileSource === 'directory' ? 1 : 0);
  if (invalidEvent) metrics.addMetric('InvalidEvent', MetricUnit.Count, 1);
  if (lookupError) logger.warn('caller lookup failed: fallback route', { contactId: decision.contactId, reason: decision.route.reason, error: lookupError });
  if (storeError) logger.warn('routing decision not stored', { contactId: decision.contactId, storeError });
  logger.info('call routed', {
    contactId: decision.contactId,
    channel: decision.channel,
    initiationMethod: decision.initiationMethod,
    callerKnown: decision.caller.known,
    matchCount: decision.caller.matchCount,
    intent: decision.intent.name,
    intentConfidence: decision.intent.confidence,
    valueTier: decision.value.tier,
    queue: decision.route.queueName,
    rule: decision.route.rule,
    degraded: decision.degraded,
    reason: decision.route.reason,
    profileSource,
    decisionMs: decision.decisionMs,
  });
}
