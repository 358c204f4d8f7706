import defaultPolicyJson from '../../../config/default-policy.json';
import { type RoutingPolicy, RoutingPolicySchema } from '../domain/policy/policy';
import type { PolicyStore, StoredPolicy } from '../ports';
import { withDeadline } from './time';
import { TIMEOUTS } from './settings';

/** The policy shipped with Callwise: used until sync-config stores one, and whenever the store cannot answer. */
export const BUNDLED_POLICY: RoutingPolicy = RoutingPolicySchema.parse(defaultPolicyJson);

/**
 * The policy in force, as a function that never rejects: the store's current policy (the store
 * caches it in memory), or `fallback` when the store is empty, slow or down (in AWS, the
 * deployment's fallback-only policy; locally, the bundled default).
 */
export function policyProvider(
  store: PolicyStore | undefined,
  fallback: RoutingPolicy = BUNDLED_POLICY,
  budgetMs: number = TIMEOUTS.policyReadMs,
): () => Promise<RoutingPolicy> {
  if (!store) return async () => fallback;
  return async () => {
    try {
      const stored = await withDeadline(store.current(), budgetMs);
      return stored?.policy ?? fallback;
    } catch {
      return fallback;
    }
  };
}

/** How long a policy store may hold what it read: the stored policy's own refresh time, else the bundled one's. */
export function livePolicyRefreshSeconds(stored: StoredPolicy | undefined): number {
  return (stored?.policy ?? BUNDLED_POLICY).timing.policyRefreshSeconds;
}
