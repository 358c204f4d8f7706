import { connectIdOf, instanceArnOf } from '../connect-arn';
import type { RoutingPolicy } from './policy';

/**
 * The policy route-call follows in AWS when no policy is in force (before the first sync, or when the
 * Policy table cannot answer): `policy`'s intents, value tiers and texts, but one queue, the
 * deployment's fallback queue, which every call goes to. No agents: the bundled policy's are demo ones.
 * An empty `fallbackQueueArn` (a misconfigured Lambda) answers an empty queue ARN, which sends the
 * flow down its own error branch rather than to a queue that does not exist.
 */
export function fallbackOnlyPolicy(policy: RoutingPolicy, fallbackQueueArn: string): RoutingPolicy {
  const key = policy.fallback.queue;
  return {
    ...policy,
    queues: { [key]: { arn: fallbackQueueArn, name: policy.queues[key]?.name ?? key } },
    agents: [],
    rules: [{ name: 'fallback', when: {}, then: { queue: key, priority: policy.fallback.priority, preferredAgent: 'none', preferredAgentTimeoutSeconds: 0 } }],
  };
}

export interface ForeignQueue {
  key: string;
  arn: string;
  /** The instance the ARN names, or undefined when it is not a Connect queue ARN. */
  instanceArn: string | undefined;
}

/** The policy's queues whose ARN is not a queue of `instanceArn` (calls routed there would fail). */
export function queuesOutsideInstance(policy: RoutingPolicy, instanceArn: string): ForeignQueue[] {
  return Object.entries(policy.queues)
    .filter(([, queue]) => instanceArnOf(queue.arn) !== instanceArn || connectIdOf(queue.arn, 'queue') === undefined)
    .map(([key, queue]) => ({ key, arn: queue.arn, instanceArn: instanceArnOf(queue.arn) }));
}
