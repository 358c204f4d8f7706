import { ConnectClient, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { ConnectQueueMetrics } from '../functions/src/adapters/connect/queue-status';
import { DynamoDbQueueStatusStore, StoredQueueStatus } from '../functions/src/adapters/dynamodb/queue-status-store';
import type { QueueMetrics, QueueStatus } from '../functions/src/ports';
import { BUNDLED_POLICY } from '../functions/src/platform/live-policy';
import { refreshQueueStatus, RUN_FOR_MS } from '../functions/src/routing/refresh-queue-status';
import { ManualClock as SimulatedClock } from '../local/fakes/clock';
import { type DynamoDbLocal, startDynamoDbLocal } from '../local/dynamodb';
import type { BenchRow } from './report';

/**
 * Connect metric calls (GetCurrentMetricData) per minute with 1 and with 50 warm route-call
 * containers, each routing a call every second for N simulated minutes, on DynamoDB Local:
 * Callwise (one scheduled reader writes the QueueStatus table; containers read it) against the
 * baseline (each container asks Connect itself when its own copy is older than the TTL). The quota
 * is per account: 5 requests/s (300 a minute), burst 8.
 */
const START = new Date('2026-11-24T15:00:00Z');
const TTL_SECONDS = BUNDLED_POLICY.timing.queueStatusTtlSeconds;
const POLICY = BUNDLED_POLICY;
const QUEUES = [...new Set(Object.values(POLICY.queues).map((q) => q.arn))];
const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';
/** One reader can never ask more than once per MIN_REFRESH_SECONDS: 12 a minute. */
const ONE_READER_MAX_PER_MINUTE = 12;

export interface QueueStatusFigures {
  containers: number;
  callsPerMinute: number;
  /** Share of routed calls that had queue status no older than the stale limit. */
  freshShare: number;
}

export async function benchQueueStatus(minutes = 5, containerCounts = [1, 50]): Promise<BenchRow[]> {
  const db = await startDynamoDbLocal({ tablePrefix: 'bench-queue-status-' });
  try {
    const figures: Record<number, { callwise: QueueStatusFigures; baseline: QueueStatusFigures }> = {};
    for (const containers of containerCounts) {
      figures[containers] = { callwise: await simulate(db, containers, minutes, 'callwise'), baseline: await simulate(db, containers, minutes, 'baseline') };
    }
    const perMinute = containerCounts.map((n) => figures[n]!.callwise.callsPerMinute);
    const independent = perMinute.every((v) => v === perMinute[0]);
    return containerCounts.map((n) => ({
      name: `Connect metric calls/min, ${n} warm container${n === 1 ? '' : 's'} (${minutes} min, fresh status on ${(figures[n]!.callwise.freshShare * 100).toFixed(0)}% of calls)`,
      callwise: figures[n]!.callwise.callsPerMinute.toFixed(1),
      baseline: figures[n]!.baseline.callsPerMinute.toFixed(1),
      target: `≤ ${ONE_READER_MAX_PER_MINUTE}, the same at every container count (quota 300/min per account)`,
      met: independent && figures[n]!.callwise.callsPerMinute <= ONE_READER_MAX_PER_MINUTE,
    }));
  } finally {
    await db.stop();
  }
}

async function simulate(db: DynamoDbLocal, containers: number, minutes: number, design: 'callwise' | 'baseline'): Promise<QueueStatusFigures> {
  const connect = mockClient(ConnectClient);
  let calls = 0;
  connect.on(GetCurrentMetricDataCommand).callsFake(async () => {
    calls++;
    return { MetricResults: [] };
  });
  const clock = new SimulatedClock(START);
  const metrics = new ConnectQueueMetrics(new ConnectClient({ region: 'us-east-1' }), INSTANCE);
  const store = new DynamoDbQueueStatusStore(db.doc, db.tableNames.QueueStatus);
  const timer = new SimulatedTimer(clock);
  const readers: QueueStatus[] = Array.from({ length: containers }, () =>
    design === 'callwise' ? new StoredQueueStatus(store, clock) : new PerContainerQueueStatus(metrics, clock),
  );
  let run: Promise<unknown> = Promise.resolve();
  let fresh = 0;
  try {
    for (let second = 0; second < minutes * 60; second++) {
      clock.set(new Date(START.getTime() + second * 1000));
      if (design === 'callwise' && second % 60 === 0) {
        const idle = timer.nextSleep();
        run = refreshQueueStatus({ connect: metrics, store, policy: async () => POLICY, clock, sleep: timer.sleep }, RUN_FOR_MS);
        await Promise.race([idle, run]);
      }
      for (const wake of timer.due()) {
        const idle = timer.nextSleep();
        wake();
        await Promise.race([idle, run]);
      }
      const answers = await Promise.all(readers.map((r) => r.current(QUEUES, TTL_SECONDS)));
      fresh += answers.filter((a) => Object.keys(a).length === QUEUES.length).length;
    }
    await run;
  } finally {
    connect.restore();
  }
  return { containers, callsPerMinute: calls / minutes, freshShare: fresh / (minutes * 60 * containers) };
}

/** Simulated time for the refresher's sleeps: the driver wakes a sleeper once the clock reaches its time. */
class SimulatedTimer {
  private sleepers: { at: number; wake: () => void }[] = [];
  private onSleep: (() => void) | undefined;

  constructor(private readonly clock: SimulatedClock) {}

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.sleepers.push({ at: this.clock.now().getTime() + ms, wake: resolve });
      this.onSleep?.();
    });

  /** Resolves when someone next calls sleep. */
  nextSleep(): Promise<void> {
    return new Promise((resolve) => (this.onSleep = resolve));
  }

  /** Removes and returns the sleepers whose time has come. */
  due(): (() => void)[] {
    const now = this.clock.now().getTime();
    const due = this.sleepers.filter((s) => s.at <= now);
    this.sleepers = this.sleepers.filter((s) => s.at > now);
    return due.map((s) => s.wake);
  }
}

/** The baseline: every container keeps its own copy and asks Connect when it is older than the TTL. */
class PerContainerQueueStatus implements QueueStatus {
  private copy: { metrics: Record<string, QueueMetrics>; at: number } | undefined;

  constructor(
    private readonly connect: ConnectQueueMetrics,
    private readonly clock: SimulatedClock,
  ) {}

  async current(queueArns: string[], ttlSeconds = 10): Promise<Record<string, QueueMetrics>> {
    const now = this.clock.now().getTime();
    if (!this.copy || now - this.copy.at >= ttlSeconds * 1000) this.copy = { metrics: await this.connect.fetch(queueArns), at: now };
    return this.copy.metrics;
  }
}
