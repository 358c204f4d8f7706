import { queueStatusRefreshSeconds } from '../domain/routing/route-rules';
import type { RoutingPolicy } from '../domain/policy/policy';
import type { Clock, QueueMetricsSource, QueueSnapshotStore } from '../ports';

export interface RefreshQueueStatusDeps {
  /** Connect's live metrics (GetCurrentMetricData). */
  connect: QueueMetricsSource;
  store: Pick<QueueSnapshotStore, 'save'>;
  /** The policy in force: which queues, and how often (timing.queueStatusTtlSeconds). */
  policy: () => Promise<RoutingPolicy>;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
}

/** One scheduled run (every minute) refreshes for this long, then ends before the next run starts. */
export const RUN_FOR_MS = 55_000;

export interface RefreshRun {
  refreshes: number;
  /** What went wrong, one entry per failed refresh (no personal data: error names and messages). */
  failures: string[];
}

/**
 * The deployment's one queue-status reader: asks Connect for the policy's queues once per refresh
 * interval and stores the snapshot route-call reads, until `runForMs` is up (one scheduled run a
 * minute covers the minute). A failed refresh is reported and the next one comes at its time, so
 * throttling never turns into more calls.
 */
export async function refreshQueueStatus(deps: RefreshQueueStatusDeps, runForMs: number): Promise<RefreshRun> {
  const started = deps.clock.now().getTime();
  const run: RefreshRun = { refreshes: 0, failures: [] };
  for (let due = started; ;) {
    const policy = await deps.policy();
    try {
      const metrics = await deps.connect.fetch([...new Set(Object.values(policy.queues).map((q) => q.arn))]);
      await deps.store.save({ fetchedAt: deps.clock.now().toISOString(), metrics });
      run.refreshes++;
    } catch (error) {
      run.failures.push(error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error).slice(0, 200));
    }
    due += queueStatusRefreshSeconds(policy.timing.queueStatusTtlSeconds) * 1000;
    if (due - started >= runForMs) return run;
    const wait = due - deps.clock.now().getTime();
    if (wait > 0) await deps.sleep(wait);
  }
}
