/**
 * A token bucket: at most `burst` calls at once, then `ratePerSecond` on average. Callers wait for
 * their turn; a turn further away than `maxWaitMs` is refused (RateLimitedError, retryable) so a
 * Lambda never waits out its timeout. Time and sleep are injected (tests pin them).
 */
export interface RateLimiterOptions {
  ratePerSecond: number;
  burst: number;
  maxWaitMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimitedError extends Error {
  constructor(readonly waitMs: number) {
    super(`Connect API budget used up for now: the next call would wait ${Math.round(waitMs)} ms; the message will be retried`);
    this.name = 'RateLimitedError';
  }
}

export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tokens = options.burst;
    this.last = this.now();
  }

  /** Waits for a turn (reserving it at once, so concurrent callers queue in order). */
  async take(): Promise<void> {
    const now = this.now();
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.last) / 1000) * this.options.ratePerSecond);
    this.last = now;
    const waitMs = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.options.ratePerSecond) * 1000;
    if (waitMs > this.options.maxWaitMs) throw new RateLimitedError(waitMs);
    this.tokens -= 1;
    if (waitMs > 0) await this.sleep(waitMs);
  }
}

/** Runs `call` after a turn from `limiter`, retrying throttling answers (HTTP 429) with exponential backoff and jitter. */
export async function withThrottleBackoff<T>(
  limiter: RateLimiter,
  call: () => Promise<T>,
  options: { attempts?: number; baseMs?: number; sleep?: (ms: number) => Promise<void>; random?: () => number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    await limiter.take();
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= attempts) throw error;
      await sleep((options.baseMs ?? 200) * 2 ** (attempt - 1) * (0.5 + (options.random ?? Math.random)() / 2));
    }
  }
}

function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  return e?.name === 'ThrottlingException' || e?.name === 'TooManyRequestsException' || e?.$metadata?.httpStatusCode === 429;
}

/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the order of the results:
 * thousands of parallel requests would only queue in the HTTP agent and time out there.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
