import type { CallerProfile, PastCall } from './domain/caller-profile';
import type { RoutingPolicy } from './domain/policy';
import type { RoutingDecision } from './domain/routing-decision';

/** The roles the domain needs from the outside world; adapters/ implements them. */

export interface Clock {
  now(): Date;
}

/** Salesforce as a directory of callers: one SOSL search, then one composite request for context. */
export interface CallerDirectory {
  findCaller(phoneE164: string): Promise<CallerProfile>;
}

export interface CachedProfile {
  profile: CallerProfile;
  /** Epoch seconds after which the entry is stale. */
  expiresAt: number;
}

/** Profiles by E.164 number, with TTL; unknown numbers are cached too (negative cache). */
export interface ProfileCache {
  get(phoneE164: string): Promise<CachedProfile | undefined>;
  put(profile: CallerProfile, ttlSeconds: number): Promise<void>;
  /** Takes a short lease to load this number from Salesforce; false when another caller holds it. */
  tryLease(phoneE164: string, leaseMs: number): Promise<boolean>;
}

/** Routing decisions by ContactId, read back by call logging. */
export interface DecisionStore {
  save(decision: RoutingDecision): Promise<void>;
  get(contactId: string): Promise<RoutingDecision | undefined>;
}

/** Callwise's own memory of calls by number: repeat calls, last agent, first-call resolution. */
export interface CallHistory {
  recent(phoneE164: string, sinceIso: string): Promise<PastCall[]>;
  record(phoneE164: string, call: PastCall): Promise<void>;
}

export interface QueueMetrics {
  contactsInQueue: number;
  oldestContactAgeSeconds: number;
  agentsAvailable: number;
}

/** Live queue status (Connect GetCurrentMetricData), by queue ARN. */
export interface QueueStatus {
  current(queueArns: string[]): Promise<Record<string, QueueMetrics>>;
}

export interface StoredPolicy {
  policy: RoutingPolicy;
  /** Where it came from: "file:…", "salesforce:…". */
  source: string;
  storedAt: string;
}

/** The policy in force. */
export interface PolicyStore {
  current(): Promise<StoredPolicy | undefined>;
  save(stored: StoredPolicy): Promise<void>;
}
