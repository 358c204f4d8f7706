import type { CallerDirectory, ProfileCache } from '../ports';
import { ProfileLoader, type ProfileLoaderOptions } from './profile-loader';
import type { RouteCallDeps } from './route-call';

/** The adapters route-call needs, however they were built (AWS, local environment, tests). */
export interface RouteCallParts extends Omit<RouteCallDeps, 'profiles'> {
  directory: CallerDirectory;
  cache: ProfileCache;
  loader?: ProfileLoaderOptions;
}

/** Wires the parts into the use case's dependencies: the one place the profile loader is built. */
export function assembleRouteCallDeps(parts: RouteCallParts): RouteCallDeps {
  const { directory, cache, loader, ...rest } = parts;
  return { ...rest, profiles: new ProfileLoader(cache, directory, parts.clock, loader) };
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
    this.directory ??= this.connect().catch((error: unknown) => {
      this.directory = undefined;
      throw error;
    });
    return (await this.directory).findCaller(phoneE164);
  }
}
