import defaultPolicyJson from '../../../config/default-policy.json';
import { type RoutingPolicy, RoutingPolicySchema } from '../domain/policy/policy';
import type { PolicyStore } from '../ports';
import { withDeadline } from './deadline';

/** The policy shipped with Callwise: used until sync-config stores one, and whenever the store cannot answer. */
export const BUNDLED_POLICY: RoutingPolicy = RoutingPolicySchema.parse(defaultPolicyJson);

/**
 * The policy in force, as a function that never rejects: the store's current policy (the store
 * caches it in memory), or the bundled default when the store is empty, slow or down.
 */
export function policyProvider(store: PolicyStore | undefined, budgetMs = 300): () => Promise<RoutingPolicy> {
  if (!store) return async () => BUNDLED_POLICY;
  return async () => {
    try {
      const stored = await withDeadline(store.current(), budgetMs);
      return stored?.policy ?? BUNDLED_POLICY;
    } catch {
      return BUNDLED_POLICY;
    }
  };
}
