import { seededRandom, type Random } from '../synthetic/mulberry32';
import { SalesforceApiError, recordError, type RecordError } from './errors';

export interface FaultPlan {
  serverErrorRate?: number;
  requestLimitRate?: number;
  recordErrorRate?: number;
  seed?: number;
}

export type FailureKind = 'server-error' | 'request-limit' | 'invalid-session';

export const requestLimitExceeded = () => new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
export const invalidSession = () => new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
const serverUnavailable = () => new SalesforceApiError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable, please retry.');
const unknownException = () =>
  new SalesforceApiError(
    500,
    'UNKNOWN_EXCEPTION',
    'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)',
  );

/** Seeded fault injection: whole-request failures and per-record lock errors, reproducible for a seed. */
export class Faults {
  private plan: Required<Omit<FaultPlan, 'seed'>> = { serverErrorRate: 0, requestLimitRate: 0, recordErrorRate: 0 };
  private random: Random = seededRandom(1);
  private queued: FailureKind[] = [];

  constructor(private readonly defaultSeed: number) {}

  inject(plan: FaultPlan): void {
    this.plan = { serverErrorRate: plan.serverErrorRate ?? 0, requestLimitRate: plan.requestLimitRate ?? 0, recordErrorRate: plan.recordErrorRate ?? 0 };
    this.random = seededRandom(plan.seed ?? this.defaultSeed);
  }

  failNext(count: number, kind: FailureKind): void {
    for (let i = 0; i < count; i++) this.queued.push(kind);
  }

  /** The failure for this request, if any: queued failures first, then the plan. */
  forRequest(): SalesforceApiError | undefined {
    const queued = this.queued.shift();
    if (queued === 'server-error') return serverUnavailable();
    if (queued === 'request-limit') return requestLimitExceeded();
    if (queued === 'invalid-session') return invalidSession();
    const { serverErrorRate, requestLimitRate } = this.plan;
    if (serverErrorRate + requestLimitRate <= 0) return undefined;
    const roll = this.random.next();
    if (roll < serverErrorRate) return roll < serverErrorRate / 2 ? unknownException() : serverUnavailable();
    if (roll < serverErrorRate + requestLimitRate) return requestLimitExceeded();
    return undefined;
  }

  forRecord(): RecordError | undefined {
    if (this.plan.recordErrorRate <= 0 || this.random.next() >= this.plan.recordErrorRate) return undefined;
    return recordError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record or 1 records', []);
  }
}
