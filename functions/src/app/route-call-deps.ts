import type { RoutingPolicy } from '../domain/policy';
import type { CallerDirectory, CallHistory, Clock, DecisionStore, ProfileCache, QueueStatus } from '../ports';
import { ProfileLoader, type ProfileLoaderOptions } from './profile-loader';
import type { RouteCallDeps } from './route-call';

/** The adapters route-call needs, however they were built (AWS, local environment, tests). */
export interface RouteCallParts {
  directory: CallerDirectory;
  cache: ProfileCache;
  decisions: DecisionStore;
  history: CallHistory;
  queues: QueueStatus;
  policy: () => Promise<RoutingPolicy>;
  clock: Clock;
  deadlineMs?: number;
  loader?: ProfileLoaderOptions;
}

/** Wires the parts into the use case's dependencies: the one place the profile loader is built. */
export function assembleRouteCallDeps(parts: RouteCallParts): RouteCallDeps {
  return {
    profiles: new ProfileLoader(parts.cache, parts.directory, parts.clock, parts.loader),
    decisions: parts.decisions,
    history: parts.history,
    queues: parts.queues,
    policy: parts.policy,
    clock: parts.clock,
    ...(parts.deadlineMs ? { deadlineMs: parts.deadlineMs } : {}),
  };
}

/**
 * A directory that connects to Salesforce on first use (not at module load, so a cold start never
 * waits for Secrets Manager or a sign-in before the first call needs it); a failed connect is retried
 * on the next call.
 */
export class LazyCallerDirectory implements CallerDirectory {
  private directory: Promise<CallerDirectory> | undefined;

  constructor(private readonly connect: () => Promise<CallerDirectory>) {}

  async findCaller(phoneE164: string) {
    this.directory ??= this.connect();
    const pending = this.directory;
    try {
      return await (await pending).findCaller(phoneE164);
    } catch (error) {
      if (this.directory === pending && !(await isSettledOk(pending))) this.directory = undefined;
      throw error;
    }
  }
}

async function isSettledOk(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => true,
    () => false,
  );
}
