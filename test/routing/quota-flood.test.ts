import { type QuotaFlood, runQuotaFlood } from '../../bench/quota-flood';

/**
 * Issue #13: a flood of 10,000 calls from distinct unknown numbers against an org whose daily API limit is
 * 1,500 requests. route-call pauses live lookups at 80% (1,200 requests), every call is still routed, and call
 * logging still has the quota to write 1,000 Call Tasks afterwards. Real jsforce over HTTP against the
 * emulator, DynamoDB Local; simulated time (one call every 10 ms). `npm run bench:quota-flood` prints the figures.
 */
const GENERAL = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/general';
const PAUSED = "SALESFORCE_QUOTA_PROTECTED: Salesforce lookups are paused to protect the org's API quota; routed as an unknown caller.";
let flood: QuotaFlood;

// About a minute on a quiet machine; much longer beside the rest of the suite on two busy cores.
beforeAll(async () => {
  flood = await runQuotaFlood({ calls: 10_000, apiLimit: 1_500, tasks: 1_000, concurrency: 8 });
}, 1_200_000);

describe('a flood of calls from distinct unknown numbers', () => {
  it('routes every call, by the unknown-caller rule, to the General queue', () => {
    expect(flood.results).toHaveLength(10_000);
    expect(flood.results.filter((r) => r.targetQueueArn === GENERAL)).toHaveLength(10_000);
  });

  it('either looks the caller up (not degraded) or pauses the lookup (degraded, with the code): nothing else', () => {
    const looked = (r: QuotaFlood['results'][number]) => r.profileSource === 'salesforce' && r.degraded === 'false';
    const paused = (r: QuotaFlood['results'][number]) => r.profileSource === 'paused' && r.degraded === 'true' && r.routingReason === PAUSED;
    expect(flood.results.filter((r) => !looked(r) && !paused(r))).toEqual([]);
    expect(flood.results.filter(paused)).toHaveLength(10_000 - flood.lookups);
    // Before the breaker opened, every call was looked up.
    expect(flood.results.slice(0, 1_200).every((r) => r.profileSource === 'salesforce')).toBe(true);
  });

  it('makes far fewer lookups than calls: it pauses at 1,200 requests (80% of 1,500), plus the lookups already in flight and a probe', () => {
    expect(flood.lookups).toBeGreaterThanOrEqual(1_200);
    expect(flood.lookups).toBeLessThanOrEqual(1_200 + 8 + 1);
    // An unknown number costs one SOSL search and nothing else.
    expect(flood.searches).toBe(flood.lookups);
    expect(flood.apiUsedAfterFlood).toBe(flood.lookups);
    expect(flood.breakerEvents.filter((e) => e.type !== 'usage')).toEqual([{ type: 'paused', code: 'SALESFORCE_QUOTA_PROTECTED' }]);
  });

  it('leaves call logging the quota to write 1,000 Call Tasks afterwards, within the daily limit', () => {
    expect(flood.tasksLogged).toBe(1_000);
    expect(flood.loggingFailures).toBe(0);
    // sObject Collections upserts, 200 records each.
    expect(flood.apiUsedAtEnd - flood.apiUsedAfterFlood).toBe(5);
    expect(flood.apiUsedAtEnd).toBeLessThan(1_500);
  });
});
