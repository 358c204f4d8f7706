import { performance } from 'node:perf_hooks';
import { ConnectContactDirectory } from '../functions/src/adapters/connect/describe-contact';
import { RateLimiter } from '../functions/src/platform/rate-limiter';
import { FakeConnectApi } from '../local/fakes/connect-api';
import { InMemoryContactStateStore } from '../local/fakes/contact-state-memory';
import { SalesforceCallLog } from '../functions/src/adapters/salesforce/call-log';
import { salesforceApiPath, type SalesforceRequester } from '../functions/src/adapters/salesforce/api';
import { InMemoryDeadLetterQueue } from '../local/fakes/dead-letter-queue';
import { syntheticDay } from '../local/synthetic/call-log-day';
import { logOutcomes } from '../local/demo/call-log-demo';
import type { CallLoggingDeps } from '../functions/src/call-logging/call-log-sync';
import { localSalesforce } from '../cli/outcome-local';
import { parseAnalysisFile } from '../functions/src/adapters/contact-lens/analysis-file';
import { CALL_TASK_EXTERNAL_ID } from '../functions/src/domain/outcome/call-task-fields';

/**
 * Call-logging benchmarks against the Salesforce emulator at zero latency:
 * API requests per 1,000 logged calls (with the Contact Lens update), Callwise vs a per-record
 * writer as AWS's CTR sync works (one describe + one upsert per record), and logging throughput.
 * Contact state is kept in memory here so the figures measure the logging path, not DynamoDB Local.
 * Connect is the production ConnectContactDirectory over a stand-in API that counts its calls (the
 * limiter is opened wide: the figure is calls, not time).
 */
const INSTANCE_ARN = 'arn:aws:connect:eu-west-1:111122223333:instance/5e0d1f2c-0000-4000-8000-000000000001';

function deps(day: ReturnType<typeof syntheticDay>, requester: SalesforceRequester, connect = new FakeConnectApi(day.details)): CallLoggingDeps {
  const decisions = new Map(day.decisions.map((d) => [d.contactId, d]));
  return {
    states: new InMemoryContactStateStore(),
    decisions: { get: async (id) => decisions.get(id), save: async () => undefined },
    contacts: new ConnectContactDirectory(connect, INSTANCE_ARN, new RateLimiter({ ratePerSecond: 1e9, burst: 1e9, maxWaitMs: 0 })),
    callLog: new SalesforceCallLog(requester),
    deadLetters: new InMemoryDeadLetterQueue(),
    fcrWindowDays: 7,
  };
}

/** The baseline: each record on its own, with a describe first, for the call and again for its analysis. */
async function baselineRequests(day: ReturnType<typeof syntheticDay>, requester: SalesforceRequester): Promise<number> {
  const base = salesforceApiPath('/sobjects/Task');
  let requests = 0;
  const upsert = async (contactId: string, fields: Record<string, unknown>) => {
    await requester.request({ method: 'GET', url: `${base}/describe` });
    await requester.request({
      method: 'PATCH',
      url: `${base}/${CALL_TASK_EXTERNAL_ID}/${encodeURIComponent(contactId)}`,
      body: JSON.stringify(fields),
      headers: { 'Content-Type': 'application/json' },
    });
    requests += 2;
  };
  for (const id of day.contactIds) await upsert(id, { Subject: 'Call', Status: 'Completed', CallObject: id });
  for (const a of day.analyses) {
    const analysis = parseAnalysisFile(a);
    await upsert(analysis.contactId, { Callwise_Customer_Sentiment__c: analysis.customerSentiment ?? null });
  }
  return requests;
}

export async function benchCallLogging(): Promise<Array<{ name: string; callwise: string; baseline: string; target: string; met: boolean }>> {
  const sf = await localSalesforce({ ...process.env, SALESFORCE_EMULATOR_URL: '' });
  try {
    const count = () => (typeof sf.emulator!.requestCount === 'function' ? sf.emulator!.requestCount() : sf.emulator!.requestCount);
    const day = syntheticDay(1000, { seed: 3 });
    const before = count();
    const connect = new FakeConnectApi(day.details);
    await logOutcomes({ events: day.events, analyses: day.analyses, contactIds: day.contactIds }, deps(day, sf.requester, connect));
    const callwisePer1000 = ((count() - before) / day.contactIds.length) * 1000;
    const connectPer1000 = (connect.total / day.contactIds.length) * 1000;
    // At most one DescribeContact per answered call, plus one DescribeQueue per queue (cached).
    const queues = new Set(day.events.map((e) => (e as { detail: { queueInfo?: { queueArn?: string } } }).detail.queueInfo?.queueArn).filter(Boolean)).size;
    const answered = [...day.details.values()].filter((d) => d.holdSeconds !== undefined).length;
    const allowedPer1000 = ((answered + queues) / day.contactIds.length) * 1000;
    const baselineDay = syntheticDay(1000, { seed: 3, firstContact: 1_000_000 });
    const baselinePer1000 = ((await baselineRequests(baselineDay, sf.requester)) / baselineDay.contactIds.length) * 1000;

    const big = syntheticDay(5000, { seed: 5, firstContact: 2_000_000 });
    const started = performance.now();
    await logOutcomes({ events: big.events, contactIds: big.contactIds }, deps(big, sf.requester));
    const callsPerSecond = big.contactIds.length / ((performance.now() - started) / 1000);
    return [
      {
        name: 'Salesforce API requests per 1,000 logged calls (incl. Contact Lens update)',
        callwise: callwisePer1000.toFixed(1),
        baseline: baselinePer1000.toFixed(0),
        target: '≤ 12',
        met: callwisePer1000 <= 12,
      },
      {
        name: 'Connect API calls per 1,000 logged calls (DescribeContact/GetContactAttributes/DescribeQueue; incl. Contact Lens update)',
        callwise: connectPer1000.toFixed(0),
        // Before: DescribeContact + GetContactAttributes for every ended contact, again for its analysis.
        baseline: `≥ ${((((day.contactIds.length + day.analyses.length) * 2) / day.contactIds.length) * 1000).toFixed(0)}`,
        target: `≤ ${allowedPer1000.toFixed(0)} (one per answered call + one per queue)`,
        met: connectPer1000 <= allowedPer1000,
      },
      {
        name: 'Call logging throughput, emulator at zero latency (calls/s)',
        callwise: callsPerSecond.toFixed(0),
        baseline: 'n/a',
        target: '≥ 2,000',
        met: callsPerSecond >= 2000,
      },
    ];
  } finally {
    await sf.stop();
  }
}
