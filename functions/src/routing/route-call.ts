import { performance } from 'node:perf_hooks';
import { parseContactFlowEvent } from '../adapters/connect/contact-flow-event';
import type { CallerProfile, PastCall } from '../domain/routing/caller-profile';
import { AS_UNKNOWN_CALLER, decideRoute, type DegradedReasonCode, degradedReason, factsOfUnparsable, fallbackDecision } from '../domain/routing/decide-route';
import type { RoutingPolicy } from '../domain/policy/policy';
import type { RouteResponse } from '../domain/routing/route-response';
import { toRouteResponse } from '../domain/routing/route-response-builder';
import type { CallFacts, RoutingDecision } from '../domain/routing/routing-decision';
import type { CallHistory, Clock, DecisionStore, QueueMetrics, QueueStatus } from '../ports';
import { DeadlineExceededError, withDeadline } from '../platform/time';
import { isQuotaExceeded, isSignInFailure, type PauseCode, type ProfileLoader, type ProfileSource, profileSourceName } from './profile-loader';

export interface RouteCallDeps {
  profiles: ProfileLoader;
  decisions: DecisionStore;
  history: CallHistory;
  queues: QueueStatus;
  /** The policy in force; must not reject (the composition root falls back to `fallbackPolicy` or the bundled default). */
  policy: () => Promise<RoutingPolicy>;
  /**
   * What `policy` answers when no policy is in force (in AWS: every call to the deployment's fallback
   * queue). Decisions under it are degraded; the emergency route uses it too.
   */
  fallbackPolicy?: RoutingPolicy;
  clock: Clock;
  /** Overrides the policy's deadline (ROUTING_DEADLINE_MS). */
  deadlineMs?: number;
}

export interface RouteCallResult {
  response: RouteResponse;
  decision: RoutingDecision;
  /** Where the caller profile came from; 'none' when there was no number to look up or no time. */
  profileSource: ProfileSource | 'none';
  /** Set when the event could not be parsed: what was wrong (no personal data). */
  invalidEvent?: string;
  /** Set when gathering the call's facts failed: the error's class and message, for the logs only (never routingReason). */
  lookupError?: string;
  /** Set when the decision was stored late or not at all. */
  storeError?: string;
}

/** Time kept back from the deadline for storing the decision. */
const STORE_RESERVE_MS = 150;

/**
 * The route-call use case: parse → caller profile, history and queue status in parallel → decide →
 * remember → respond. Always answers within the deadline; on any failure the policy's fallback
 * route is returned with degraded=true and the reason. Never throws.
 */
export async function routeCall(event: unknown, deps: RouteCallDeps): Promise<RouteCallResult> {
  const started = performance.now();
  const policy = await deps.policy();
  const deadlineMs = deps.deadlineMs ?? policy.timing.deadlineMs;
  const now = deps.clock.now();

  const parsed = parseContactFlowEvent(event, policy.defaultCountry);
  if (!parsed.ok) {
    const decision = fallbackDecision({ facts: factsOfUnparsable(parsed.contactId), policy, now, code: 'INVALID_EVENT' });
    return finish({ decision: { ...decision, profileSource: 'none' }, profileSource: 'none', invalidEvent: parsed.error }, started);
  }
  const facts = parsed.facts;

  let profileSource: RouteCallResult['profileSource'] = 'none';
  let decision: RoutingDecision;
  let lookupError: string | undefined;
  try {
    const gathered = await withDeadline(gather(facts, policy, now, deps), deadlineMs - STORE_RESERVE_MS);
    profileSource = gathered.profileSource;
    decision = decideRoute({ facts, profile: gathered.profile, pastCalls: gathered.pastCalls, queueMetrics: gathered.queueMetrics, policy, now });
    if (gathered.pausedBy) decision = degraded(decision, degradedReason(gathered.pausedBy, AS_UNKNOWN_CALLER));
    if (policy === deps.fallbackPolicy) decision = degraded(decision, degradedReason('NO_POLICY_IN_FORCE', policy.fallback.reason));
  } catch (error) {
    decision = fallbackDecision({ facts, policy, now, code: codeOf(error) });
    lookupError = describeError(error);
  }

  decision = { ...decision, profileSource: profileSourceName(profileSource) };
  const remaining = deadlineMs - (performance.now() - started);
  const storeError = await remember(decision, deps, remaining);
  return finish({ decision, profileSource, ...(lookupError ? { lookupError } : {}), ...(storeError ? { storeError } : {}) }, started);
}

interface Gathered {
  profile: CallerProfile | null;
  profileSource: ProfileSource | 'none';
  pausedBy?: PauseCode;
  pastCalls: PastCall[];
  queueMetrics: Record<string, QueueMetrics>;
}

async function gather(facts: CallFacts, policy: RoutingPolicy, now: Date, deps: RouteCallDeps): Promise<Gathered> {
  const phone = facts.customerNumber;
  const since = new Date(now.getTime() - policy.timing.fcrWindowDays * 86_400_000).toISOString();
  const queueArns = Object.values(policy.queues).map((q) => q.arn);
  const [loaded, pastCalls, queueMetrics] = await Promise.all([
    phone ? deps.profiles.load(phone, policy) : Promise.resolve(undefined),
    // Caller history improves the decision but is not essential to it.
    phone ? deps.history.recent(phone, since).catch(() => [] as PastCall[]) : Promise.resolve([] as PastCall[]),
    deps.queues.current(queueArns, policy.timing.queueStatusTtlSeconds).catch(() => ({}) as Record<string, QueueMetrics>),
  ]);
  return {
    profile: loaded?.profile ?? null,
    profileSource: loaded?.source ?? 'none',
    ...(loaded?.pausedBy ? { pausedBy: loaded.pausedBy } : {}),
    pastCalls,
    queueMetrics,
  };
}

/** Stores the decision (for call logging) and the call (for repeat-call detection) within the time left. */
async function remember(decision: RoutingDecision, deps: RouteCallDeps, budgetMs: number): Promise<string | undefined> {
  if (!decision.contactId) return 'no ContactId: decision not stored';
  const writes: Promise<unknown>[] = [deps.decisions.save(decision)];
  if (decision.phoneE164) {
    writes.push(
      deps.history.record(decision.phoneE164, {
        contactId: decision.contactId,
        at: decision.decidedAt,
        intent: decision.intent.name,
        queueName: decision.route.queueName,
        agentId: '',
      }),
    );
  }
  try {
    await withDeadline(Promise.all(writes), Math.max(budgetMs, 20));
    return undefined;
  } catch (error) {
    return `decision not stored: ${describeError(error)}`;
  }
}

/** The answer when routing itself failed unexpectedly: the policy's fallback route, degraded. */
export function emergencyRoute(policy: RoutingPolicy, now: Date, code: DegradedReasonCode): RouteResponse {
  return toRouteResponse(fallbackDecision({ facts: factsOfUnparsable(''), policy, now, code }));
}

function finish(result: Omit<RouteCallResult, 'response'>, started: number): RouteCallResult {
  const decisionMs = Math.round(performance.now() - started);
  const decision = { ...result.decision, decisionMs };
  return { ...result, decision, response: toRouteResponse(decision) };
}

function degraded(decision: RoutingDecision, reason: string): RoutingDecision {
  return { ...decision, degraded: true, route: { ...decision.route, reason } };
}

/** The reason code of a failed lookup; the error itself goes to the logs. */
function codeOf(error: unknown): DegradedReasonCode {
  if (error instanceof DeadlineExceededError) return 'CALLER_LOOKUP_TIMEOUT';
  if (error instanceof RouteCallConfigurationError) return 'ROUTING_MISCONFIGURED';
  if (isSignInFailure(error)) return 'SALESFORCE_SIGN_IN_FAILING';
  if (isQuotaExceeded(error)) return 'SALESFORCE_QUOTA_PROTECTED';
  return 'CALLER_LOOKUP_FAILED';
}

/** The Lambda's environment does not let it reach its tables or Salesforce: every call gets the fallback route. */
export class RouteCallConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouteCallConfigurationError';
  }
}

/** An error's class and message, cut short; adapters keep personal data out of their messages. */
function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
