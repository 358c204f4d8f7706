import { SalesforceApiError, SalesforceAuthError } from '../../functions/src/adapters/salesforce/api';
import { SalesforceSecretError } from '../../functions/src/adapters/salesforce/secrets';
import type { ApiUsage } from '../../functions/src/adapters/salesforce/connection';
import { QuotaBreaker, type QuotaBreakerEvent } from '../../functions/src/routing/profile-loader';
import { quotaBreakerSettings } from '../../functions/src/platform/settings';
import { ManualClock } from '../../local/fakes/clock';

/** The breaker on its own: an injected clock and API usage, the settings route-call runs with by default. */
const OPTIONS = { quotaPercent: 80, signInFailures: 3, probeIntervalMs: 60_000 };
const signInRefused = () => new SalesforceAuthError('invalid_grant', 'Salesforce JWT sign-in failed (invalid_grant)');
const serverUnavailable = () => new SalesforceApiError('SERVER_UNAVAILABLE', 503, 'GET /services/data/v62.0/search');

function breakerAt(usage: ApiUsage | undefined) {
  const clock = new ManualClock('2026-11-24T15:00:00Z');
  const events: QuotaBreakerEvent[] = [];
  const state = { usage };
  const breaker = new QuotaBreaker(
    clock,
    OPTIONS,
    () => state.usage,
    (e) => events.push(e),
  );
  return { clock, events, state, breaker };
}

describe('QuotaBreaker', () => {
  it('lets lookups through below the threshold and pauses them once usage reaches 80% of the daily limit', () => {
    const { breaker, events, state } = breakerAt({ used: 799, limit: 1000 });
    breaker.succeeded();
    expect(breaker.pause()).toBeUndefined();
    state.usage = { used: 800, limit: 1000 };
    breaker.succeeded();
    expect(breaker.pause()).toBe('SALESFORCE_QUOTA_PROTECTED');
    expect(events).toEqual([
      { type: 'usage', percent: 79.9 },
      { type: 'usage', percent: 80 },
      { type: 'paused', code: 'SALESFORCE_QUOTA_PROTECTED' },
    ]);
  });

  it('stays closed while Salesforce has reported no usage yet', () => {
    const { breaker, events } = breakerAt(undefined);
    breaker.succeeded();
    breaker.failed(serverUnavailable());
    expect(breaker.pause()).toBeUndefined();
    expect(events).toEqual([]);
  });

  it('pauses at once when Salesforce answers REQUEST_LIMIT_EXCEEDED', () => {
    const { breaker } = breakerAt({ used: 10, limit: 1000 });
    breaker.failed(new SalesforceApiError('REQUEST_LIMIT_EXCEEDED', 403, 'GET /services/data/v62.0/search'));
    expect(breaker.pause()).toBe('SALESFORCE_QUOTA_PROTECTED');
  });

  it('pauses after 3 failed sign-ins in a row (Salesforce refusing, or the secret unreadable), not after 2', () => {
    const { breaker, events } = breakerAt({ used: 10, limit: 1000 });
    breaker.failed(signInRefused());
    breaker.failed(new SalesforceSecretError('Cannot read the Salesforce secret'));
    expect(breaker.pause()).toBeUndefined();
    breaker.failed(signInRefused());
    expect(breaker.pause()).toBe('SALESFORCE_SIGN_IN_FAILING');
    expect(events).toEqual([{ type: 'paused', code: 'SALESFORCE_SIGN_IN_FAILING' }]);
  });

  it('counts only failed sign-ins in a row: a lookup that got through in between starts the count again', () => {
    const { breaker } = breakerAt({ used: 10, limit: 1000 });
    breaker.failed(signInRefused());
    breaker.failed(signInRefused());
    breaker.failed(serverUnavailable());
    breaker.failed(signInRefused());
    breaker.failed(signInRefused());
    expect(breaker.pause()).toBeUndefined();
  });

  it('lets one probe through 60 s after pausing, and resumes when it succeeds', () => {
    const { breaker, clock, events, state } = breakerAt({ used: 900, limit: 1000 });
    breaker.succeeded();
    clock.advance(59_999);
    expect(breaker.pause()).toBe('SALESFORCE_QUOTA_PROTECTED');
    clock.advance(1);
    expect(breaker.pause()).toBeUndefined();
    expect(breaker.pause()).toBe('SALESFORCE_QUOTA_PROTECTED');
    state.usage = { used: 100, limit: 1000 }; // a new day: the limit is counted over 24 hours
    breaker.succeeded();
    expect(breaker.pause()).toBeUndefined();
    expect(events.filter((e) => e.type !== 'usage')).toEqual([{ type: 'paused', code: 'SALESFORCE_QUOTA_PROTECTED' }, { type: 'resumed' }]);
  });

  it('stays paused for another interval when the probe fails or usage is still too high', () => {
    const { breaker, clock, events } = breakerAt({ used: 900, limit: 1000 });
    breaker.succeeded();
    clock.advance(60_000);
    expect(breaker.pause()).toBeUndefined();
    breaker.succeeded();
    clock.advance(59_999);
    expect(breaker.pause()).toBe('SALESFORCE_QUOTA_PROTECTED');
    clock.advance(1);
    expect(breaker.pause()).toBeUndefined();
    breaker.failed(serverUnavailable());
    clock.advance(30_000);
    expect(breaker.pause()).toBe('SALESFORCE_QUOTA_PROTECTED');
    expect(events.filter((e) => e.type === 'paused')).toHaveLength(1);
  });

  it('resumes after sign-in works again', () => {
    const { breaker, clock } = breakerAt({ used: 10, limit: 1000 });
    for (let i = 0; i < 3; i++) breaker.failed(signInRefused());
    clock.advance(60_000);
    expect(breaker.pause()).toBeUndefined();
    breaker.failed(signInRefused());
    clock.advance(60_000);
    expect(breaker.pause()).toBeUndefined();
    breaker.succeeded();
    expect(breaker.pause()).toBeUndefined();
  });
});

describe('quotaBreakerSettings (SALESFORCE_LOOKUP_QUOTA_PERCENT)', () => {
  it.each([
    [undefined, 80],
    ['65', 65],
    ['100', 100],
    ['0', 80],
    ['101', 80],
    ['7.5', 80],
    ['lots', 80],
  ])('reads %j as %i percent', (value, percent) => {
    expect(quotaBreakerSettings(value === undefined ? {} : { SALESFORCE_LOOKUP_QUOTA_PERCENT: value })).toEqual({
      quotaPercent: percent,
      signInFailures: 3,
      probeIntervalMs: 60_000,
    });
  });
});
