import type { ContactState } from './contact-state';
import type { RoutingDecision } from '../routing/routing-decision';

/**
 * A transferred leg is a new Connect contact that route-call never saw. Its Task belongs to the same
 * caller, account and need as the contact the caller came in on, but it was not routed by a rule.
 */
export function originContactId(state: ContactState): string | undefined {
  const origin = (state.latest.initialContactId ?? state.latest.previousContactId)?.v;
  return origin && origin !== state.contactId ? origin : undefined;
}

/**
 * The origin's decision as it applies to the transferred leg: caller, intent and value kept; no rule.
 * It keeps the origin's contactId and time, so "last agent" memory lands on the caller's call.
 */
export function transferLegDecision(origin: RoutingDecision): RoutingDecision {
  return {
    ...origin,
    route: { ...origin.route, rule: '', reason: `transferred from contact ${origin.contactId}`, preferredAgentId: '', preferredAgentArn: '', preferredAgentTimeoutSeconds: 0 },
    degraded: false,
  };
}
