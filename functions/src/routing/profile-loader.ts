import { unknownCaller, type CallerProfile } from '../domain/routing/caller-profile';
import type { RoutingPolicy } from '../domain/policy/policy';
import type { CallerDirectoryLookup, Clock, LiveCallerLookup, ProfileCache } from '../ports';
import type { ProfileSourceName } from '../domain/routing/routing-decision';
import { SalesforceApiError, SalesforceAuthError } from '../adapters/salesforce/api';
import type { ApiUsage } from '../adapters/salesforce/connection';

/** 'paused': the quota breaker held the live lookup back; the caller is routed as unknown and nothing is cached. */
export type ProfileSource = 'directory' | 'cache' | 'negative-cache' | 'salesforce' | 'stale-cache' | 'paused';

/** The source as the route-call response and the Task name it (DESIGN.md: `directory`, `live lookup`, `cache`, `none`). */
export function profileSourceName(source: ProfileSource | 'none'): ProfileSourceName {
  if (source === 'directory' || source === 'none') return source;
  if (source === 'paused') return 'none';
  return source === 'salesforce' ? 'live lookup' : 'cache';
}

export interface LoadedProfile {
  profile: CallerProfile;
  source: ProfileSource;
  /** Why live lookups are paused (source 'paused'). */
  pausedBy?: PauseCode;
}

export interface ProfileLoaderOptions {
  /** How long one loader may hold the Salesforce lease for a number. */
  leaseMs?: number;
  /** How often, and how many times, a caller that lost the lease looks for the winner's result. */
  waitStepMs?: number;
  waitSteps?: number;
  /** Pauses live lookups that would exhaust the org's API quota or keep failing to sign in. */
  breaker?: QuotaBreaker;
}

/**
 * Loads a caller's profile. With the caller directory ready (and the policy's callerLookup `directory`), the
 * directory alone decides: a number it does not hold is an unknown caller, and neither the profile cache nor
 * Salesforce is asked (so a directory caller is never served from a day-old cache entry). Otherwise:
 * the DynamoDB cache first, Salesforce on a miss.
 * No stampede: concurrent calls for one number share one in-process load, and across Lambda
 * instances a short DynamoDB lease lets one instance load while the others wait for its result.
 * When Salesforce fails and a stale cache entry exists, the stale profile is used.
 */
export class ProfileLoader {
  private readonly inFlight = new Map<string, Promise<LoadedProfile>>();
  private readonly leaseMs: number;
  private readonly waitStepMs: number;
  private readonly waitSteps: number;
  private readonly breaker: QuotaBreaker | undefined;

  constructor(
    private readonly cache: ProfileCache,
    private readonly directory: LiveCallerLookup,
    private readonly clock: Clock,
    options: ProfileLoaderOptions = {},
    /** The caller directory (DynamoDB); without it every lookup is live. */
    private readonly callerDirectory?: CallerDirectoryLookup,
  ) {
    this.leaseMs = options.leaseMs ?? 3000;
    this.waitStepMs = options.waitStepMs ?? 40;
    this.waitSteps = options.waitSteps ?? 10;
    this.breaker = options.breaker;
  }

  load(phoneE164: string, policy: RoutingPolicy): Promise<LoadedProfile> {
    const running = this.inFlight.get(phoneE164);
    if (running) return running;
    const loading = this.loadOnce(phoneE164, policy).finally(() => this.inFlight.delete(phoneE164));
    this.inFlight.set(phoneE164, loading);
    return loading;
  }

  private async loadOnce(phoneE164: string, policy: RoutingPolicy): Promise<LoadedProfile> {
    if (this.callerDirectory && policy.callerLookup === 'directory') {
      // A directory that cannot be read is as good as not ready: the live lookup below still answers.
      const found = await this.callerDirectory.lookup(phoneE164).catch(() => ({ ready: false }) as const);
      if (found.ready) return { profile: found.profile, source: 'directory' };
    }
    const cached = await this.cache.get(phoneE164);
    if (cached && this.isFresh(cached.expiresAt)) return fromCache(cached.profile);

    const pausedBy = this.breaker?.pause();
    if (pausedBy) {
      // Not cached: the number is looked up properly once lookups resume.
      return cached
        ? { profile: cached.profile, source: 'stale-cache' }
        : { profile: unknownCaller(phoneE164, this.clock.now().toISOString()), source: 'paused', pausedBy };
    }
    const leased = await this.cache.tryLease(phoneE164, this.leaseMs);
    if (!leased) {
      const winner = await this.waitForFreshEntry(phoneE164);
      if (winner) return winner;
    }
    try {
      const profile = await this.lookUp(phoneE164);
      const ttl = profile.known ? policy.timing.profileTtlSeconds : policy.timing.negativeTtlSeconds;
      await this.cache.put(profile, ttl);
      return { profile, source: 'salesforce' };
    } catch (error) {
      if (cached) return { profile: cached.profile, source: 'stale-cache' };
      throw error;
    }
  }

  private async lookUp(phoneE164: string): Promise<CallerProfile> {
    try {
      const profile = await this.directory.findCaller(phoneE164);
      this.breaker?.succeeded();
      return profile;
    } catch (error) {
      this.breaker?.failed(error);
      throw error;
    }
  }

  private async waitForFreshEntry(phoneE164: string): Promise<LoadedProfile | undefined> {
    for (let step = 0; step < this.waitSteps; step++) {
      await sleep(this.waitStepMs);
      const entry = await this.cache.get(phoneE164);
      if (entry && this.isFresh(entry.expiresAt)) return fromCache(entry.profile);
    }
    return undefined;
  }

  private isFresh(expiresAt: number): boolean {
    return expiresAt > this.clock.now().getTime() / 1000;
  }
}

function fromCache(profile: CallerProfile): LoadedProfile {
  return { profile, source: profile.known ? 'cache' : 'negative-cache' };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type PauseCode = 'SALESFORCE_QUOTA_PROTECTED' | 'SALESFORCE_SIGN_IN_FAILING';

export interface QuotaBreakerOptions {
  /** Live lookups pause once the org's API usage reaches this percent of its daily limit. */
  quotaPercent: number;
  /** ... or once this many sign-ins in a row failed. */
  signInFailures: number;
  /** While paused, one lookup is let through this often (a probe); its success resumes lookups. */
  probeIntervalMs: number;
}

/** What the breaker reports: each API usage it reads (a metric), and each pause and resume (a log line and a metric). */
export type QuotaBreakerEvent = { type: 'usage'; percent: number } | { type: 'paused'; code: PauseCode } | { type: 'resumed' };

/**
 * A circuit breaker on route-call's live Salesforce lookups, one per container. It opens when the org's
 * daily API usage (the `Sforce-Limit-Info: api-usage=N/M` header the connection reads, REST API Developer
 * Guide "Limit Info Header") reaches `quotaPercent` of the limit, when Salesforce answers
 * REQUEST_LIMIT_EXCEEDED, or when `signInFailures` sign-ins in a row fail. While open, callers are routed
 * as unknown callers (degraded, with the code), so a flood of spoofed numbers cannot use up the quota call
 * logging and config sync need. After `probeIntervalMs` one lookup goes through; its success closes it.
 */
export class QuotaBreaker {
  private pausedBy: PauseCode | undefined;
  private nextProbeAt = 0;
  private signInFailuresInARow = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: QuotaBreakerOptions,
    /** The API usage Salesforce last reported (undefined before the first response). */
    private readonly usage: () => ApiUsage | undefined,
    private readonly report: (event: QuotaBreakerEvent) => void = () => undefined,
  ) {}

  /** Why live lookups are paused, or undefined when this one may go ahead (closed, or the one probe of an interval). */
  pause(): PauseCode | undefined {
    if (!this.pausedBy) return undefined;
    const now = this.clock.now().getTime();
    if (now < this.nextProbeAt) return this.pausedBy;
    this.nextProbeAt = now + this.options.probeIntervalMs;
    return undefined;
  }

  succeeded(): void {
    this.signInFailuresInARow = 0;
    if (this.overQuota()) return this.open('SALESFORCE_QUOTA_PROTECTED');
    if (!this.pausedBy) return;
    this.pausedBy = undefined;
    this.report({ type: 'resumed' });
  }

  failed(error: unknown): void {
    if (isSignInFailure(error)) {
      if (++this.signInFailuresInARow >= this.options.signInFailures) this.open('SALESFORCE_SIGN_IN_FAILING');
      return;
    }
    this.signInFailuresInARow = 0;
    if (isQuotaExceeded(error) || this.overQuota()) this.open('SALESFORCE_QUOTA_PROTECTED');
  }

  private overQuota(): boolean {
    const usage = this.usage();
    if (!usage || !(usage.limit > 0)) return false;
    const percent = (usage.used * 100) / usage.limit;
    this.report({ type: 'usage', percent });
    return percent >= this.options.quotaPercent;
  }

  private open(code: PauseCode): void {
    const was = this.pausedBy;
    this.pausedBy = code;
    this.nextProbeAt = this.clock.now().getTime() + this.options.probeIntervalMs;
    if (was !== code) this.report({ type: 'paused', code });
  }
}

/** Salesforce refused or could not make the sign-in, or its credentials could not be read (secrets.ts, loaded lazily). */
export function isSignInFailure(error: unknown): boolean {
  return error instanceof SalesforceAuthError || (error instanceof Error && error.name === 'SalesforceSecretError');
}

/** The org's daily API limit is used up (REST API Developer Guide, "Status Codes and Error Responses": 403 REQUEST_LIMIT_EXCEEDED). */
export function isQuotaExceeded(error: unknown): boolean {
  return error instanceof SalesforceApiError && error.errorCode === 'REQUEST_LIMIT_EXCEEDED';
}
