import { agentArnOf } from '../connect-arn';
import type { CallerProfile, PastCall } from './caller-profile';
import type { CrmFacts } from './crm-signals';
import { CRM_SIGNAL_LABELS } from './intent';
import { agentOfUser, type QueueDefinition, type RoutingPolicy, type RoutingRule } from '../policy/policy';

/**
 * How often the deployment's one queue-status reader asks Connect, and when its numbers are too old
 * to route by. GetCurrentMetricData is throttled per account (default 5 requests/s, burst 8) and
 * shared with wallboards and other tools: the reader never asks more than once every 5 s.
 */
export const MIN_REFRESH_SECONDS = 5;

/** The refresh interval for the policy's `timing.queueStatusTtlSeconds` (0 means as often as allowed). */
export function queueStatusRefreshSeconds(ttlSeconds: number): number {
  return Math.max(MIN_REFRESH_SECONDS, Number.isFinite(ttlSeconds) ? ttlSeconds : 0);
}

/** A snapshot older than this counts as none (no overflow on stale numbers): one missed refresh is tolerated. */
export function queueStatusStaleAfterSeconds(ttlSeconds: number): number {
  return 2 * queueStatusRefreshSeconds(ttlSeconds);
}

/** A queue's live status, as Amazon Connect reports it (GetCurrentMetricData). */
export interface QueueMetrics {
  contactsInQueue: number;
  oldestContactAgeSeconds: number;
  agentsAvailable: number;
}
import type { CallFacts, RoutingDecision } from './routing-decision';

export type RouteChoice = RoutingDecision['route'];

export interface RouteContext {
  facts: CallFacts;
  /** The caller's profile when Salesforce knows them, else null. */
  profile: CallerProfile | null;
  crm: CrmFacts;
  intent: string;
  tier: string;
  pastCalls: PastCall[];
  queueMetrics: Record<string, QueueMetrics>;
  policy: RoutingPolicy;
  businessHours: boolean;
}

/** Evaluates the policy's rules in order; the first match sets queue, priority and preferred agent, then overflow applies. */
export function chooseRoute(context: RouteContext): RouteChoice {
  const { policy } = context;
  const rule = policy.rules.find((r) => matches(r, context));
  const target = rule
    ? rule.then
    : { queue: policy.fallback.queue, priority: policy.fallback.priority, preferredAgent: 'none' as const, preferredAgentTimeoutSeconds: 0 };
  const reasons = [rule ? `rule ${rule.name}: ${conditionsOf(rule, context)}` : 'no rule matched: fallback queue'];

  const agent = preferredAgent(target.preferredAgent, context);
  if (agent.note) reasons.push(agent.note);

  const overflow = overflowOf(target.queue, context);
  if (overflow) reasons.push(overflow.note);
  const queueKey = overflow?.toQueue ?? target.queue;
  const queue = policy.queues[queueKey];
  return {
    queueName: queue?.name ?? queueKey,
    queueArn: queue?.arn ?? '',
    priority: target.priority,
    preferredAgentId: agent.id,
    // Agents belong to the instance of the queue the call goes to.
    preferredAgentArn: agentArnOf(queue?.arn ?? '', agent.id),
    preferredAgentTimeoutSeconds: agent.id ? target.preferredAgentTimeoutSeconds : 0,
    rule: rule?.name ?? 'fallback',
    reason: reasons.join('; '),
  };
}

function matches(rule: RoutingRule, { facts, profile, crm, intent, tier, businessHours }: RouteContext): boolean {
  const when = rule.when;
  if (when.intents && !when.intents.includes(intent)) return false;
  if (when.tiers && !when.tiers.includes(tier)) return false;
  if (when.callerKnown !== undefined && when.callerKnown !== (profile !== null)) return false;
  if (when.businessHours !== undefined && when.businessHours !== businessHours) return false;
  if (when.channels && !when.channels.includes(facts.channel)) return false;
  if (when.crmSignals && !when.crmSignals.some((s) => crm.signals.includes(s))) return false;
  return true;
}

/** Why the rule matched, in words: "intent support, tier high". No personal data. */
function conditionsOf(rule: RoutingRule, { facts, profile, crm, intent, tier, businessHours }: RouteContext): string {
  const when = rule.when;
  const parts: string[] = [];
  if (when.intents) parts.push(`intent ${intent}`);
  if (when.tiers) parts.push(`tier ${tier}`);
  if (when.callerKnown !== undefined) parts.push(profile ? 'known caller' : 'unknown caller');
  if (when.businessHours !== undefined) parts.push(businessHours ? 'in business hours' : 'outside business hours');
  if (when.channels) parts.push(`channel ${facts.channel}`);
  if (when.crmSignals)
    parts.push(
      crm.signals
        .filter((s) => when.crmSignals?.includes(s))
        .map((s) => CRM_SIGNAL_LABELS[s])
        .join(', '),
    );
  return parts.length > 0 ? parts.join(', ') : 'matches every call';
}

/** The agent (Connect user id) to offer the call to first: the record's owner, or the agent who last took a call from this number. */
function preferredAgent(kind: RoutingRule['then']['preferredAgent'], { profile, pastCalls, policy }: RouteContext): { id: string; note?: string } {
  if (kind === 'none') return { id: '' };
  if (kind === 'owner') {
    const ownerId = profile?.record?.ownerId || profile?.account?.ownerId || '';
    if (!ownerId) return { id: '', note: 'no record owner' };
    const id = agentIdOf(ownerId, policy);
    return id ? { id, note: 'preferred agent: record owner' } : { id: '', note: 'record owner is not a Connect agent' };
  }
  const last = pastCalls.filter((c) => c.agentId && Number.isFinite(Date.parse(c.at))).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (last) return { id: last.agentId, note: 'preferred agent: last agent' };
  // Calls logged in Salesforce name their owner (the rep who took them).
  const loggedOwner = profile?.recentCalls.find((c) => c.ownerId && agentIdOf(c.ownerId, policy))?.ownerId;
  if (loggedOwner) return { id: agentIdOf(loggedOwner, policy), note: 'preferred agent: last agent (from Salesforce)' };
  return { id: '', note: 'no earlier agent' };
}

function agentIdOf(userId: string, policy: RoutingPolicy): string {
  return agentOfUser(policy.agents, userId)?.agentId ?? '';
}

function overflowOf(queueKey: string, { policy, queueMetrics }: RouteContext): { toQueue: string; note: string } | undefined {
  const queue: QueueDefinition | undefined = policy.queues[queueKey];
  const rule = queue?.overflow;
  const metrics = queue ? queueMetrics[queue.arn] : undefined;
  if (!rule || !metrics || !policy.queues[rule.toQueue]) return undefined;
  const { whenContactsInQueueAtLeast: most, whenOldestContactAgeSecondsAtLeast: oldest } = rule;
  if (most !== undefined && metrics.contactsInQueue >= most) {
    return { toQueue: rule.toQueue, note: `overflow ${queueKey} → ${rule.toQueue}: ${metrics.contactsInQueue} in queue (≥ ${most})` };
  }
  if (oldest !== undefined && metrics.oldestContactAgeSeconds >= oldest) {
    return { toQueue: rule.toQueue, note: `overflow ${queueKey} → ${rule.toQueue}: oldest waiting ${metrics.oldestContactAgeSeconds} s (≥ ${oldest} s)` };
  }
  return undefined;
}
