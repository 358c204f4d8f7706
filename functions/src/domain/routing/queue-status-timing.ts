/**
 * How often the deployment's one queue-status reader asks Connect, and when its numbers are too old
 * to route by. GetCurrentMetricData is throttled per account (default 5 requests/s, burst 8) and
 * shared with wallboards and other tools: the reader never asks more than once every 5 s.
 */
export const MIN_REFRESH_SECONDS = 5;

/** The refresh interval for the policy's `timing.queueStatusTtlSeconds` (0 means as often as allowed). */
export function queueStatusRefreshSeconds(ttlSeconds: number): number {
  return Math.max(MIN_REFRESH_SECONDS, Number.isFinite(ttlSeconds) ? ttlSeconds : 0);
}

/** A snapshot older than this counts as none (no overflow on stale numbers): one missed refresh is tolerated. */
export function queueStatusStaleAfterSeconds(ttlSeconds: number): number {
  return 2 * queueStatusRefreshSeconds(ttlSeconds);
}
