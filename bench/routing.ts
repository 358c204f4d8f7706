import { performance } from 'node:perf_hooks';
import { salesforceApiPath } from '../functions/src/adapters/salesforce/api';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers } from '../local/demo-org';
import { ManualClock } from '../local/fakes/clock';
import { percentile } from '../local/demo/stats';
import { type LocalEnvironment, type LocalEnvironmentOptions, startLocalEnvironment } from '../local/environment';
import { BaselineDirectory, NO_PROFILE_CACHE } from './baseline-directory';
import type { BenchRow } from './report';
import { routeMany, type TimedCall } from './run-calls';

/**
 * Routing benchmarks, Callwise vs the baseline, with the Salesforce emulator at 150 ms per request:
 * API requests per 1,000 routed calls (60% from callers who called in the last 24 h), decision
 * latency for first-time and repeat callers, and routing while Salesforce hangs.
 */
const LATENCY_MS = 150;
const NOW = new Date('2026-11-24T15:00:00Z');
const YESTERDAY_EVENING = new Date(NOW.getTime() - 12 * 3600_000);

interface Callers {
  warm: string[];
  fresh: string[];
  unknown: string[];
}

function callers(): Callers {
  const numbers = [...new Set(demoPhoneBook(buildDemoOrg()).map((e) => e.phoneE164))];
  return { warm: numbers.slice(0, 400), fresh: numbers.slice(400, 800), unknown: demoUnknownNumbers(200) };
}

/** 1,000 calls: 600 from the warm set, 300 from new known callers, 100 from unknown numbers, shuffled. */
function mix(c: Callers, offset: number): string[] {
  const calls = [
    ...Array.from({ length: 600 }, (_, i) => c.warm[(i * 7) % c.warm.length]!),
    ...c.fresh.slice(offset, offset + 300),
    ...c.unknown.slice(offset / 3, offset / 3 + 100),
  ];
  for (let i = calls.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [calls[i], calls[j]] = [calls[j]!, calls[i]!];
  }
  return calls;
}

interface SystemFigures {
  requestsPer1000: number;
  repeat: number[];
  firstTime: number[];
}

async function measureSystem(options: LocalEnvironmentOptions, clock: ManualClock, c: Callers): Promise<SystemFigures & { env?: LocalEnvironment }> {
  const env = await startLocalEnvironment({ ...options, clock, latencyMs: LATENCY_MS });
  try {
    clock.set(YESTERDAY_EVENING);
    await routeMany(env, c.warm, 25);
    clock.set(NOW);
    env.emulator.resetCounters();
    await routeMany(env, mix(c, 0), 25);
    const requestsPer1000 = env.emulator.requestCount();
    // Steady state: the first 1,000 sequential repeat calls warm the JIT (Node's and DynamoDB Local's) and are not counted.
    const repeatCalls = (n: number) => Array.from({ length: n }, (_, i) => c.warm[i % c.warm.length]!);
    if (!options.profileCache) await routeMany(env, repeatCalls(1000), 1);
    const repeat = ms(await routeMany(env, repeatCalls(options.profileCache ? 60 : 1000), 1));
    const firstTime = ms(await routeMany(env, c.fresh.slice(300, 360), 1));
    return { requestsPer1000, repeat, firstTime };
  } finally {
    await env.stop();
  }
}

const ms = (calls: TimedCall[]) => calls.map((c) => c.result.decision.decisionMs);

/** One Salesforce round trip as the client sees it (a small query), median of 10. */
async function roundTripMs(env: LocalEnvironment): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    await env.salesforce.request({ method: 'GET', url: salesforceApiPath(`/query?q=${encodeURIComponent('SELECT Id FROM User LIMIT 1')}`) });
    samples.push(performance.now() - started);
  }
  return percentile(samples, 50);
}

async function measureHang(c: Callers): Promise<{ p100: number; routed: number; calls: number; deadlineMs: number; roundTrip: number }> {
  const env = await startLocalEnvironment({ latencyMs: LATENCY_MS });
  try {
    const roundTrip = await roundTripMs(env);
    await routeMany(env, c.unknown.slice(100, 150), 5); // warm, as a container in service would be
    env.emulator.hang(true);
    // A Lambda container handles one call at a time; five at once in this one process is already harsher.
    const calls = await routeMany(env, c.unknown.slice(150, 200), 5);
    const routed = calls.filter((t) => t.result.response.targetQueueArn !== '' && t.result.response.degraded === 'true').length;
    return { p100: Math.max(...calls.map((t) => t.wallMs)), routed, calls: calls.length, deadlineMs: env.policy.timing.deadlineMs, roundTrip };
  } finally {
    env.emulator.hang(false);
    await env.stop();
  }
}

export async function benchRouting(log: (line: string) => void): Promise<BenchRow[]> {
  const c = callers();
  log(`routing: Callwise, emulator at ${LATENCY_MS} ms per request…`);
  const callwise = await measureSystem({}, new ManualClock(NOW), c);
  log('routing: baseline (SOSL + one query per context object, no cache)…');
  const baseline = await measureSystem(
    { directory: (sf) => new BaselineDirectory(sf, new ManualClock(NOW)), profileCache: NO_PROFILE_CACHE },
    new ManualClock(NOW),
    c,
  );
  log('routing: Salesforce hanging…');
  const hang = await measureHang(c);
  const firstTimeTarget = 2.3 * hang.roundTrip;
  const p = (xs: number[], q: number) => `${percentile(xs, q)} ms`;
  return [
    {
      name: 'Salesforce API requests per 1,000 routed calls (60% called in the last 24 h)',
      callwise: String(callwise.requestsPer1000),
      baseline: String(baseline.requestsPer1000),
      target: '≤ 800 (baseline ≥ 3,000)',
      met: callwise.requestsPer1000 <= 800,
    },
    { name: 'Repeat-caller decision latency p50', callwise: p(callwise.repeat, 50), baseline: p(baseline.repeat, 50), target: '', met: true },
    {
      name: 'Repeat-caller decision latency p99',
      callwise: p(callwise.repeat, 99),
      baseline: p(baseline.repeat, 99),
      target: '≤ 15 ms',
      met: percentile(callwise.repeat, 99) <= 15,
    },
    {
      name: `First-time decision latency p50 (one round trip = ${hang.roundTrip.toFixed(0)} ms)`,
      callwise: p(callwise.firstTime, 50),
      baseline: p(baseline.firstTime, 50),
      target: `≤ ${firstTimeTarget.toFixed(0)} ms (2.3 × round trip)`,
      met: percentile(callwise.firstTime, 50) <= firstTimeTarget,
    },
    { name: 'First-time decision latency p99', callwise: p(callwise.firstTime, 99), baseline: p(baseline.firstTime, 99), target: '', met: true },
    {
      name: `Salesforce hanging: slowest of ${hang.calls} calls (p100), all routed`,
      callwise: `${hang.p100.toFixed(0)} ms, ${hang.routed}/${hang.calls} routed`,
      baseline: 'n/a',
      target: `≤ ${hang.deadlineMs + 50} ms, all`,
      met: hang.p100 <= hang.deadlineMs + 50 && hang.routed === hang.calls,
    },
  ];
}
