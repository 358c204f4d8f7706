import { policyFromMetadata } from '../domain/policy/policy-metadata';
import type { PolicyMetadataRecords } from '../domain/policy/policy-metadata-types';
import type { Clock, PolicyStore } from '../ports';

/**
 * sync-config: the routing configuration edited in Salesforce (custom metadata) becomes the policy in
 * force. Read → build → validate; a valid policy is stored (unless it is already the one in force),
 * an invalid one is rejected and never stored, so the last good policy stays in force.
 */

export const SALESFORCE_POLICY_SOURCE = 'salesforce:custom-metadata';

export interface SyncConfigDeps {
  readMetadata: () => Promise<PolicyMetadataRecords>;
  store: PolicyStore;
  clock: Clock;
  /** Told about each rejection (the handler logs the errors and counts a PolicyRejected metric). */
  onRejected?: (errors: string[]) => void;
}

export type SyncConfigResult =
  | { status: 'stored'; version: string; storedAt: string }
  | { status: 'unchanged'; version: string; storedAt: string }
  | { status: 'rejected'; errors: string[] };

export async function syncConfig(deps: SyncConfigDeps): Promise<SyncConfigResult> {
  const built = policyFromMetadata(await deps.readMetadata());
  if (!built.ok) {
    deps.onRejected?.(built.errors);
    return { status: 'rejected', errors: built.errors };
  }
  // When the store cannot say what is in force, save anyway: a redundant save is harmless.
  const current = await deps.store.current().catch(() => undefined);
  if (current && current.source === SALESFORCE_POLICY_SOURCE && canonicalJson(current.policy) === canonicalJson(built.policy)) {
    return { status: 'unchanged', version: built.policy.version, storedAt: current.storedAt };
  }
  const storedAt = deps.clock.now().toISOString();
  await deps.store.save({ policy: built.policy, source: SALESFORCE_POLICY_SOURCE, storedAt });
  return { status: 'stored', version: built.policy.version, storedAt };
}

/** JSON with object keys sorted, so equal policies compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
