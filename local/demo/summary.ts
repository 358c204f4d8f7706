import type { DayReport } from './day';
import { pct, percentile, tallyLines } from './stats';

/** The demo's closing summary: routing, then call handling, then Salesforce API usage. */
export function formatDayReport(r: DayReport, elapsedMs: number): string {
  const m = r.logging;
  const lines = [
    '',
    `Callwise — a simulated day: ${r.calls} contacts routed in ${(elapsedMs / 1000).toFixed(1)} s`,
    '',
    ...tallyLines('Calls per queue', r.byQueue, r.calls),
    ...tallyLines('Calls per intent', r.byIntent, r.calls),
    ...tallyLines('Calls per value tier', r.byTier, r.calls),
    ...tallyLines('Callers', r.byKind, r.calls),
    '',
    'Routing',
    `  known-caller rate          ${pct(r.knownCallers, r.voiceCallsWithNumber)} of calls with a number`,
    `  profile cache hit rate     ${pct(r.cacheHits, r.lookups)} of lookups`,
    `  degraded decisions         ${r.degraded}`,
    `  Salesforce API requests    ${r.routingRequests} (${(r.routingRequests / Math.max(1, r.calls)).toFixed(2)} per call)`,
    `  decision latency           p50 ${percentile(r.latenciesMs, 50)} ms, p95 ${percentile(r.latenciesMs, 95)} ms, p99 ${percentile(r.latenciesMs, 99)} ms`,
    '',
    'Call logging (into Salesforce)',
    `  contacts logged            ${m.calls} (answered ${m.answered}, abandoned ${m.abandoned})`,
    `  average handle time        ${m.averageHandleSeconds.toFixed(1)} s`,
    `  first-call resolution      ${(m.firstCallResolutionRate * 100).toFixed(1)}%`,
    `  abandonment                ${(m.abandonmentRate * 100).toFixed(1)}%`,
    `  CSAT                       ${m.csatAverage.toFixed(2)} / 5`,
    `  conversion                 ${(m.conversionRate * 100).toFixed(1)}% of answered`,
    `  talk-to-listen             ${m.talkListenAverage.toFixed(2)}`,
    `  Call Tasks written         ${m.tasksWritten} (${r.tasksInSalesforce} in Salesforce), parked ${m.parked}`,
    `  Salesforce API requests    ${r.loggingRequests} (${((1000 * r.loggingRequests) / Math.max(1, m.calls)).toFixed(1)} per 1,000 calls)`,
    '',
    ...r.handling,
    '',
  ];
  return lines.join('\n');
}
