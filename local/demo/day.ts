import { InMemoryContactDirectory } from '../fakes/contact-directory';
import { DynamoDbContactStateStore } from '../../functions/src/adapters/dynamodb/contact-state';
import { SalesforceCallLog } from '../../functions/src/adapters/salesforce/call-log';
import { InMemoryDeadLetterQueue } from '../fakes/dead-letter-queue';
import type { CallLoggingDeps } from '../../functions/src/call-logging/call-log-sync';
import type { CallMetrics } from '../../functions/src/domain/outcome/call-metrics';
import { outcomeTrust } from '../../functions/src/domain/outcome/outcome';
import { routeCall } from '../../functions/src/routing/route-call';
import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';
import { buildDemoOrg, demoPhoneBook, demoUnknownNumbers } from '../demo-org';
import { startLocalEnvironment } from '../environment';
import { loadLocalDirectory } from '../directory';
import { logDay, type DayLogging } from './logging-phases';
import { routedCall, type RoutedCall } from './outcome-day';
import { PhaseRunner, type PhaseRecord } from './phase';
import type { ProgressOptions } from './progress';
import { ManualClock } from '../fakes/clock';
import { routingDay, type CallerKind } from './routing-day';
import { Tally } from './stats';
import { handlingReportLines } from './handling-report';

/** What `npm start` measured over the simulated day (as far as it got: see `phases`). */
export interface DayReport {
  /** Calls the day was to have; `routed` of them were. */
  calls: number;
  routed: number;
  byQueue: Tally;
  byIntent: Tally;
  byTier: Tally;
  byKind: Tally;
  knownCallers: number;
  voiceCallsWithNumber: number;
  cacheHits: number;
  /** Callers the caller directory decided (no Salesforce request). */
  directoryHits: number;
  lookups: number;
  /** The directory's initial load (Bulk API 2.0), before the day. */
  directoryLoad: { records: number; salesforceRequests: number };
  degraded: number;
  routingRequests: number;
  latenciesMs: number[];
  logging: DayLogging;
  /** Call-handling metrics of every logged contact; absent when the summary phase did not finish. */
  metrics?: CallMetrics;
  loggingRequests: number;
  tasksInSalesforce: number;
  /** The "call handling" section, from the Call Tasks in Salesforce. */
  handling: string[];
  phases: PhaseRecord[];
  /** A phase failed: the report holds what completed before it. */
  failed: boolean;
}

export interface DayOptions {
  calls?: number;
  day?: string;
  /** Where and how progress is shown; `show: false` hides it. */
  progress?: ProgressOptions & { show?: boolean };
  log?: (line: string) => void;
  /** Routed calls logged together (default 1,000; tests use small pages). */
  callsPerPage?: number;
  /** Tests: replace call-logging dependencies (for example to inject a failure). */
  adjustLogging?: (deps: CallLoggingDeps) => CallLoggingDeps;
}

/** Boots the local environment, routes a simulated day, then logs what happened to every call. */
export async function runDemoDay(options: DayOptions = {}): Promise<DayReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const day = options.day ?? '2026-11-24';
  const clock = new ManualClock(new Date(`${day}T00:00:00Z`));
  log('Starting the local environment: DynamoDB Local and the Salesforce emulator with the demo org…');
  const env = await startLocalEnvironment({ clock, apiLimit: dailyApiAllowance(options.calls ?? 2400) });
  try {
    const runner = new PhaseRunner(options.progress);
    const report = emptyReport(options.calls ?? 2400);
    const org = buildDemoOrg();
    const knownNumbers = [...new Set(demoPhoneBook(org).map((entry) => entry.phoneE164))];
    const routed: RoutedCall[] = [];
    const loadable = ['Account', 'Contact', 'Lead', 'Case', 'Opportunity'].reduce(
      (sum, entity) => sum + env.emulator.records(entity).filter((r) => r.IsConverted !== true && r.IsClosed !== true).length,
      0,
    );
    await runner.run('Loading the caller directory (Bulk API 2.0)', 'records', loadable, async (advance) => {
      const loaded = await loadLocalDirectory(env, (p) => advance(p.records));
      report.directoryLoad = { records: loaded.records, salesforceRequests: loaded.salesforceRequests };
    });
    env.emulator.resetCounters();
    await runner.run('Routing calls', 'calls', report.calls, async (advance) => {
      for (const call of routingDay({ calls: report.calls, knownNumbers, unknownNumbers: demoUnknownNumbers(300), day })) {
        clock.set(call.at);
        const result = await routeCall(call.event, env.deps);
        routed.push(routedCall(result.decision));
        count(report, call.kind, result.decision, result.profileSource);
        advance(routed.length);
      }
    });
    report.routed = routed.length;
    report.routingRequests = env.emulator.requestCount();

    log('Logging the day’s outcomes into Salesforce (answered, abandoned, transferred, outbound; Contact Lens)…');
    env.emulator.resetCounters();
    const endOfWindow = new Date(Date.parse(`${day}T23:59:59Z`) + (env.policy.timing.fcrWindowDays + 1) * 86_400_000);
    clock.set(endOfWindow);
    const directory = new InMemoryContactDirectory();
    const deps: CallLoggingDeps = {
      states: new DynamoDbContactStateStore(env.tables.doc, env.tables.tableNames.Contacts),
      decisions: env.deps.decisions,
      history: env.deps.history,
      contacts: directory,
      callLog: new SalesforceCallLog(env.salesforce),
      deadLetters: new InMemoryDeadLetterQueue(),
      fcrWindowDays: env.policy.timing.fcrWindowDays,
      trust: outcomeTrust(env.policy),
    };
    const metrics = await logDay(runner, {
      routed,
      directory,
      deps: options.adjustLogging ? options.adjustLogging(deps) : deps,
      endOfWindow,
      logging: report.logging,
      ...(options.callsPerPage ? { callsPerPage: options.callsPerPage } : {}),
    });
    if (metrics) report.metrics = metrics;
    report.loggingRequests = env.emulator.requestCount();
    const tasks = env.emulator.records('Task');
    report.tasksInSalesforce = tasks.filter((t) => typeof t.Callwise_Contact_Id__c === 'string' && t.Callwise_Contact_Id__c !== '').length;
    report.handling = handlingReportLines(tasks);
    report.phases = runner.phases;
    report.failed = runner.failed;
    return report;
  } finally {
    await env.stop();
  }
}

/**
 * The org's daily API allowance for a centre taking `calls` a day: about 100 calls per seat (20,000 is
 * a day of a 200-seat centre), and Enterprise Edition allows 100,000 requests a day plus 1,000 per
 * licence (salesforce-app-limits-cheatsheet, "API Request Limits and Allocations").
 */
export function dailyApiAllowance(calls: number): number {
  return 100_000 + 1_000 * Math.ceil(calls / 100);
}

function emptyReport(calls: number): DayReport {
  return {
    calls,
    routed: 0,
    byQueue: new Tally(),
    byIntent: new Tally(),
    byTier: new Tally(),
    byKind: new Tally(),
    knownCallers: 0,
    voiceCallsWithNumber: 0,
    cacheHits: 0,
    directoryHits: 0,
    lookups: 0,
    directoryLoad: { records: 0, salesforceRequests: 0 },
    degraded: 0,
    routingRequests: 0,
    latenciesMs: [],
    logging: { contacts: 0, tasksWritten: 0, parked: 0, batches: 0, resolvedByWindow: 0 },
    loggingRequests: 0,
    tasksInSalesforce: 0,
    handling: [],
    phases: [],
    failed: false,
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
  if (source === 'directory') report.directoryHits++;
  if (source !== 'none') report.lookups++;
  if (decision.degraded) report.degraded++;
  report.latenciesMs.push(decision.decisionMs);
}
