import type { RouteCallResult } from '../functions/src/routing/route-call';
import { routeCall } from '../functions/src/routing/route-call';
import type { QuotaBreakerEvent } from '../functions/src/routing/profile-loader';
import { DynamoDbContactStateStore } from '../functions/src/adapters/dynamodb/contact-state';
import { SalesforceCallLog } from '../functions/src/adapters/salesforce/call-log';
import type { ContactDetails } from '../functions/src/domain/outcome/outcome';
import { logContactEvents } from '../functions/src/call-logging/log-outcome';
import { mapLimit } from '../functions/src/platform/rate-limiter';
import { contactFlowEvent } from '../local/demo/contact-flow-event';
import { InMemoryContactDirectory } from '../local/fakes/contact-directory';
import { InMemoryDeadLetterQueue } from '../local/fakes/dead-letter-queue';
import { ManualClock } from '../local/fakes/clock';
import { startLocalEnvironment } from '../local/environment';
import { syntheticContact } from '../local/synthetic/contact-events';

/**
 * A flood of calls from distinct unknown (spoofed) numbers against route-call with its quota breaker on, as
 * in AWS: real jsforce over HTTP to the emulator (its daily API limit enforced, no latency), DynamoDB Local for
 * the cache and the decisions. Then call logging writes Tasks for some of the flooded contacts through
 * log-outcome, on the same org: the quota the flood left must still carry them.
 */
export interface QuotaFloodOptions {
  calls?: number;
  /** The emulated org's daily API limit. */
  apiLimit?: number;
  /** Contacts whose Call Task is logged after the flood. */
  tasks?: number;
  concurrency?: number;
  /** Simulated time between two calls' arrival (ms): the flood's rate. */
  arrivalMs?: number;
}

export interface QuotaFlood {
  calls: number;
  apiLimit: number;
  /** What each call answered, in call order. */
  results: Array<Pick<RouteCallResult, 'profileSource'> & { degraded: string; routingReason: string; targetQueueArn: string }>;
  /** Live Salesforce lookups route-call made (calls whose profile came from Salesforce). */
  lookups: number;
  /** SOSL searches the emulator answered (each lookup of an unknown number is one). */
  searches: number;
  /** The org's API requests used after the flood, and after call logging too. */
  apiUsedAfterFlood: number;
  apiUsedAtEnd: number;
  breakerEvents: QuotaBreakerEvent[];
  /** Call Tasks in the org after log-outcome ran, and the messages it failed or parked. */
  tasksLogged: number;
  loggingFailures: number;
}

const START = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 in New York: business hours

/** Distinct valid numbers no record of the demo org holds (Alaska, exchange 230). */
export function floodNumbers(count: number): string[] {
  if (count > 10_000) throw new RangeError('at most 10,000 flood numbers');
  return Array.from({ length: count }, (_, i) => `+1907230${String(i).padStart(4, '0')}`);
}

export async function runQuotaFlood(options: QuotaFloodOptions = {}): Promise<QuotaFlood> {
  const { calls = 10_000, apiLimit = 1_500, tasks = 1_000, concurrency = 8, arrivalMs = 10 } = options;
  const clock = new ManualClock(START);
  const breakerEvents: QuotaBreakerEvent[] = [];
  const env = await startLocalEnvironment({ clock, apiLimit, deadlineMs: 7000, quotaBreaker: { report: (e) => breakerEvents.push(e) } });
  try {
    const numbers = floodNumbers(calls);
    const routed = await mapLimit(numbers, concurrency, (number, i) => {
      clock.set(new Date(START.getTime() + i * arrivalMs));
      return routeCall(contactFlowEvent({ contactId: `flood-${i}`, customerNumber: number, ivrChoice: '2' }), env.deps);
    });
    const apiUsedAfterFlood = env.emulator.requestCount();
    const searches = env.emulator.requestLog().filter((r) => r.path.endsWith('/search')).length;

    const logged = routed
      .slice(0, tasks)
      .map((r) => syntheticContact({ contactId: r.decision.contactId, startAt: r.decision.decidedAt, connectedSeconds: 90 }));
    const details = new Map<string, ContactDetails>(logged.map((c, i) => [routed[i]!.decision.contactId, c.details]));
    const messages = logged.flatMap((c) => c.events).map((event, i) => ({ messageId: `m-${i}`, body: JSON.stringify(event), receiveCount: 1 }));
    const outcome = await logContactEvents(messages, {
      states: new DynamoDbContactStateStore(env.tables.doc, env.tables.tableNames.Contacts),
      decisions: env.deps.decisions,
      contacts: new InMemoryContactDirectory(details),
      callLog: new SalesforceCallLog(env.salesforce),
      deadLetters: new InMemoryDeadLetterQueue(() => clock.now()),
      fcrWindowDays: 7,
    });
    return {
      calls,
      apiLimit,
      results: routed.map((r) => ({
        profileSource: r.profileSource,
        degraded: r.response.degraded,
        routingReason: r.response.routingReason,
        targetQueueArn: r.response.targetQueueArn,
      })),
      lookups: routed.filter((r) => r.profileSource === 'salesforce').length,
      searches,
      apiUsedAfterFlood,
      apiUsedAtEnd: env.emulator.requestCount(),
      breakerEvents,
      tasksLogged: env.emulator.records('Task').length,
      loggingFailures: outcome.failedMessageIds.length + outcome.parked,
    };
  } finally {
    await env.stop();
  }
}
