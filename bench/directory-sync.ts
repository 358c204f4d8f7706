import { measureDirectoryDay } from './directory-day';
import { benchDirectoryFreshness } from './directory-freshness';
import type { BenchRow } from './report';

/**
 * The caller directory kept current (issue #11, directory-sync's part): freshness of a change at 1,000 changes a
 * minute, and Salesforce requests all-in for a simulated day per 1,000 routed calls. directory-core's directory bench
 * (load, call path) reports beside it.
 */
export async function benchDirectorySync(log: (line: string) => void): Promise<BenchRow[]> {
  log('directory freshness (60 s at 1,000 changes/min)…');
  const freshness = await benchDirectoryFreshness(log);
  log('directory day (load, 96 reconciles, a day of changes and calls)…');
  const day = await measureDirectoryDay();
  const r = day.requests;
  return [
    ...freshness,
    {
      name: `Salesforce requests all-in for a day, per 1,000 routed calls (${day.calls.toLocaleString('en')} calls, ${day.changes} changes; load ${r.load}, sync ${r.sync}, reconcile ${r.reconcile}, call path ${r.routing})`,
      callwise: day.per1000Calls.toFixed(1),
      baseline: '700 (live lookup)',
      target: '≤ 60',
      met: day.per1000Calls <= 60,
    },
  ];
}
