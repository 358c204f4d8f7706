import type { DayReport } from './day';
import type { PhaseRecord } from './phase';
import { pct, percentile, tallyLines } from './stats';

/**
 * The demo's closing summary: routing, then call handling, then Salesforce API usage; after a
 * failure, what each phase did and did not do.
 */
export function formatDayReport(r: DayReport, elapsedMs: number): string {
  const l = r.logging;
  const lines = [
    '',
    `Callwise — a simulated day: ${r.routed} contacts routed${r.routed < r.calls ? ` of ${r.calls}` : ''} in ${(elapsedMs / 1000).toFixed(1)} s`,
    '',
    ...tallyLines('Calls per queue', r.byQueue, r.routed),
    ...tallyLines('Calls per intent', r.byIntent, r.routed),
    ...tallyLines('Calls per value tier', r.byTier, r.routed),
    ...tallyLines('Callers', r.byKind, r.routed),
    '',
    'Routing',
    `  known-caller rate          ${pct(r.knownCallers, r.voiceCallsWithNumber)} of calls with a number`,
    `  caller directory           ${r.directoryLoad.records} records loaded in ${r.directoryLoad.salesforceRequests} Salesforce requests; decided ${pct(r.directoryHits, r.lookups)} of lookups`,
    `  profile cache hit rate     ${pct(r.cacheHits, r.lookups)} of lookups`,
    `  degraded decisions         ${r.degraded}`,
    `  Salesforce API requests    ${r.routingRequests} (${(r.routingRequests / Math.max(1, r.routed)).toFixed(2)} per call)`,
    `  decision latency           p50 ${percentile(r.latenciesMs, 50)} ms, p95 ${percentile(r.latenciesMs, 95)} ms, p99 ${percentile(r.latenciesMs, 99)} ms`,
    '',
    'Call logging (into Salesforce)',
    ...metricLines(r),
    `  Call Tasks written         ${l.tasksWritten} (${r.tasksInSalesforce} in Salesforce), parked ${l.parked}`,
    `  Salesforce API requests    ${r.loggingRequests} (${((1000 * r.loggingRequests) / Math.max(1, l.contacts)).toFixed(1)} per 1,000 calls)`,
    '',
    ...r.handling,
    '',
    ...(r.failed ? phaseLines(r.phases) : []),
  ];
  return lines.join('\n');
}

function metricLines(r: DayReport): string[] {
  const m = r.metrics;
  if (!m) return [`  contacts logged            ${r.logging.contacts} (metrics not read back: the summary phase did not finish)`];
  return [
    `  contacts logged            ${m.calls} (answered ${m.answered}, abandoned ${m.abandoned})`,
    `  average handle time        ${m.averageHandleSeconds.toFixed(1)} s`,
    `  first-call resolution      ${(m.firstCallResolutionRate * 100).toFixed(1)}%`,
    `  abandonment                ${(m.abandonmentRate * 100).toFixed(1)}%`,
    `  CSAT                       ${m.csatAverage.toFixed(2)} / 5`,
    `  conversion                 ${(m.conversionRate * 100).toFixed(1)}% of answered`,
    `  talk-to-listen             ${m.talkListenAverage.toFixed(2)}`,
  ];
}

/** What each phase did: done, stopped (with the reason) or not run. */
function phaseLines(phases: readonly PhaseRecord[]): string[] {
  const lines = ['The day did not complete:'];
  for (const p of phases) {
    const counts = `${p.done}/${p.total} ${p.unit}`;
    if (p.status === 'done') lines.push(`  ${p.name.padEnd(40)} done     ${counts} in ${p.seconds.toFixed(1)} s`);
    else if (p.status === 'failed') lines.push(`  ${p.name.padEnd(40)} FAILED   ${counts}, ${p.total - p.done} not done: ${p.error}`);
    else lines.push(`  ${p.name.padEnd(40)} not run  (an earlier phase failed)`);
  }
  return [...lines, ''];
}
