import type { CallerProfile } from '../domain/routing/caller-profile';
import type { RoutingPolicy } from '../domain/policy/policy';
import type { CallerDirectoryLookup, Clock, LiveCallerLookup, ProfileCache } from '../ports';
import type { ProfileSourceName } from '../domain/routing/routing-decision';

export type ProfileSource = 'directory' | 'cache' | 'negative-cache' | 'salesforce' | 'stale-cache';

/** The source as the route-call response and the Task name it (DESIGN.md: `directory`, `live lookup`, `cache`, `none`). */
export function profileSourceName(source: ProfileSource | 'none'): ProfileSourceName {
  if (source === 'directory' || source === 'none') return source;
  return source === 'salesforce' ? 'live lookup' : 'cache';
}

export interface LoadedProfile {
  profile: CallerProfile;
  source: ProfileSource;
}

export interface ProfileLoaderOptions {
  /** How long one loader may hold the Salesforce lease for a number. */
  leaseMs?: number;
  /** How often, and how many times, a caller that lost the lease looks for the winner's result. */
  waitStepMs?: number;
  waitSteps?: number;
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

    const leased = await this.cache.tryLease(phoneE164, this.leaseMs);
    if (!leased) {
      const winner = await this.waitForFreshEntry(phoneE164);
      if (winner) return winner;
    }
    try {
      const profile = await this.directory.findCaller(phoneE164);
      const ttl = profile.known ? policy.timing.profileTtlSeconds : policy.timing.negativeTtlSeconds;
      await this.cache.put(profile, ttl);
      return { profile, source: 'salesforce' };
    } catch (error) {
      if (cached) return { profile: cached.profile, source: 'stale-cache' };
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
