import { InMemoryContactDirectory } from '../fakes/contact-directory';
import { DynamoDbContactStateStore } from '../../functions/src/adapters/dynamodb/contact-state';
import { SalesforceCallLog } from '../../functions/src/adapters/salesforce/call-log';
import { InMemoryDeadLetterQueue } from '../fakes/dead-letter-queue';
import { logOutcomes, type LogOutcomesStats } from './call-log-demo';
import { routeCall } from '../../functions/src/routing/route-call';
import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers } from '../demo-org';
import { startLocalEnvironment } from '../environment';
import { outcomeDay } from './outcome-day';
import { progressBar } from './progress';
import { ManualClock } from '../fakes/clock';
import { routingDay, type CallerKind } from './routing-day';
import { Tally } from './stats';
import { handlingReportLines } from './handling-report';

/** What `npm start` measured over the simulated day. */
export interface DayReport {
  calls: number;
  byQueue: Tally;
  byIntent: Tally;
  byTier: Tally;
  byKind: Tally;
  knownCallers: number;
  voiceCallsWithNumber: number;
  cacheHits: number;
  lookups: number;
  degraded: number;
  routingRequests: number;
  latenciesMs: number[];
  logging: LogOutcomesStats;
  loggingRequests: number;
  tasksInSalesforce: number;
  /** The "call handling" section, from the Call Tasks in Salesforce. */
  handling: string[];
}

export interface DayOptions {
  calls?: number;
  day?: string;
  progress?: boolean;
  log?: (line: string) => void;
}

/** Boots the local environment, routes a simulated day, then logs what happened to every call. */
export async function runDemoDay(options: DayOptions = {}): Promise<DayReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const day = options.day ?? '2026-11-24';
  const clock = new ManualClock(new Date(`${day}T00:00:00Z`));
  log('Starting the local environment: DynamoDB Local and the Salesforce emulator with the demo org…');
  const env = await startLocalEnvironment({ clock });
  try {
    const org = buildDemoOrg();
    const knownNumbers = [...new Set(demoPhoneBook(org).map((entry) => entry.phoneE164))];
    const calls = routingDay({ calls: options.calls ?? 2400, knownNumbers, unknownNumbers: demoUnknownNumbers(300), day });
    const report = emptyReport(calls.length);
    const bar = progressBar('Routing calls', calls.length);
    const decisions: RoutingDecision[] = [];
    env.emulator.resetCounters();
    for (const [n, call] of calls.entries()) {
      clock.set(call.at);
      const result = await routeCall(call.event, env.deps);
      decisions.push(result.decision);
      count(report, call.kind, result.decision, result.profileSource);
      if (options.progress !== false) bar.update(n + 1);
    }
    report.routingRequests = env.emulator.requestCount();

    log('Logging the day’s outcomes into Salesforce (answered, abandoned, transferred, outbound; Contact Lens)…');
    const outcomes = outcomeDay(decisions);
    env.emulator.resetCounters();
    const endOfWindow = new Date(Date.parse(`${day}T23:59:59Z`) + (env.policy.timing.fcrWindowDays + 1) * 86_400_000);
    clock.set(endOfWindow);
    report.logging = await logOutcomes(
      { events: outcomes.events, analyses: outcomes.analyses, contactIds: outcomes.contactIds, closeWindowsAt: endOfWindow },
      {
        states: new DynamoDbContactStateStore(env.tables.doc, env.tables.tableNames.Contacts),
        decisions: env.deps.decisions,
        history: env.deps.history,
        contacts: new InMemoryContactDirectory(outcomes.details),
        callLog: new SalesforceCallLog(env.salesforce),
        deadLetters: new InMemoryDeadLetterQueue(),
        fcrWindowDays: env.policy.timing.fcrWindowDays,
      },
    );
    report.loggingRequests = env.emulator.requestCount();
    report.tasksInSalesforce = env.emulator.records('Task').filter((t) => typeof t.Callwise_Contact_Id__c === 'string' && t.Callwise_Contact_Id__c !== '').length;
    report.handling = handlingReportLines(env.emulator.records('Task'));
    return report;
  } finally {
    await env.stop();
  }
}

function emptyReport(calls: number): DayReport {
  return {
    calls,
    byQueue: new Tally(),
    byIntent: new Tally(),
    byTier: new Tally(),
    byKind: new Tally(),
    knownCallers: 0,
    voiceCallsWithNumber: 0,
    cacheHits: 0,
    lookups: 0,
    degraded: 0,
    routingRequests: 0,
    latenciesMs: [],
    logging: undefined as unknown as LogOutcomesStats,
    loggingRequests: 0,
    tasksInSalesforce: 0,
    handling: [],
  };
}

function count(report: DayReport, kind: CallerKind, decision: RoutingDecision, source: string): void {
  report.byQueue.add(decision.route.queueName);
  report.byIntent.add(decision.intent.name || '(none)');
  report.byTier.add(decision.value.tier || '(none)');
  report.byKind.add(kind);
  if (decision.phoneE164) report.voiceCallsWithNumber++;
  if (decision.caller.known) report.knownCallers++;
  if (source === 'cache' || source === 'negative-cache') report.cacheHits++;
  if (source !== 'none') report.lookups++;
  if (decision.degraded) report.degraded++;
  report.latenciesMs.push(decision.decisionMs);
}
