import type { StoredHandlingStandard } from '../adapters/dynamodb/handling-standard-store';
import { type HandlingMetadataRecords, standardFromMetadata } from '../domain/handling/standard-metadata';
import { policyFromMetadata } from '../domain/policy/policy-metadata';
import type { PolicyMetadataRecords } from '../domain/policy/policy-metadata-types';
import type { Clock, PolicyStore } from '../ports';

/**
 * sync-config: the routing configuration edited in Salesforce (custom metadata) becomes the policy in
 * force. Read → build → validate; a valid policy is stored (unless it is already the one in force),
 * an invalid one is rejected and never stored, so the last good policy stays in force. The call-handling
 * standard, read in the same requests, is synced the same way, independently of the policy.
 */

export const SALESFORCE_POLICY_SOURCE = 'salesforce:custom-metadata';

/** Where the handling standard in force is kept (DynamoDbHandlingStandardStore in AWS). */
export interface HandlingStandardStore {
  current(): Promise<StoredHandlingStandard | undefined>;
  save(stored: StoredHandlingStandard): Promise<void>;
}

export interface SyncConfigDeps {
  readMetadata: () => Promise<PolicyMetadataRecords & HandlingMetadataRecords>;
  store: PolicyStore;
  /** With it, the handling standard is synced too. */
  handling?: { store: HandlingStandardStore; onRejected?: (errors: string[]) => void };
  clock: Clock;
  /** Told about each rejection (the handler logs the errors and counts a PolicyRejected metric). */
  onRejected?: (errors: string[]) => void;
}

export type SyncOutcome =
  | { status: 'stored'; version: string; storedAt: string }
  | { status: 'unchanged'; version: string; storedAt: string }
  | { status: 'rejected'; errors: string[] };

/** The policy's outcome, and the handling standard's when it is synced. */
export type SyncConfigResult = SyncOutcome & { handling?: SyncOutcome };

export async function syncConfig(deps: SyncConfigDeps): Promise<SyncConfigResult> {
  const records = await deps.readMetadata();
  const policy = await syncPolicy(records, deps);
  return deps.handling ? { ...policy, handling: await syncHandlingStandard(records, deps.handling, deps.clock) } : policy;
}

async function syncPolicy(records: PolicyMetadataRecords, deps: SyncConfigDeps): Promise<SyncOutcome> {
  const built = policyFromMetadata(records);
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

async function syncHandlingStandard(records: HandlingMetadataRecords, handling: NonNullable<SyncConfigDeps['handling']>, clock: Clock): Promise<SyncOutcome> {
  const built = standardFromMetadata(records);
  if (!built.ok) {
    handling.onRejected?.(built.errors);
    return { status: 'rejected', errors: built.errors };
  }
  const version = built.standard.version;
  const current = await handling.store.current().catch(() => undefined);
  if (current && current.source === SALESFORCE_POLICY_SOURCE && canonicalJson(current.standard) === canonicalJson(built.standard)) {
    return { status: 'unchanged', version, storedAt: current.storedAt };
  }
  const storedAt = clock.now().toISOString();
  await handling.store.save({ standard: built.standard, source: SALESFORCE_POLICY_SOURCE, storedAt });
  return { status: 'stored', version, storedAt };
}

/** JSON with object keys sorted, so equal policies compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
