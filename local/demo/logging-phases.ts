import type { InMemoryContactDirectory } from '../fakes/contact-directory';
import type { BatchOutcome, CallLoggingDeps, InboundMessage } from '../../functions/src/call-logging/call-log-sync';
import { importAnalyses } from '../../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';
import type { CallMetrics } from '../../functions/src/domain/outcome/call-metrics';
import { drainQueue } from '../fakes/drain-queue';
import { closeWindows, tallyOutcomes, writeTracker } from './call-log-demo';
import { outcomePages, type RoutedCall } from './outcome-day';
import { PhaseIncompleteError, type PhaseRunner } from './phase';

/**
 * The demo day after routing, one phase at a time and a page of calls at a time: contact events
 * through log-outcome, Contact Lens files through import-analysis, the FCR windows closed, the
 * summary read back. Each page's events are made, logged and dropped, so memory does not grow with
 * the day (the outcome generator is deterministic, so the analyses pass makes the same calls again).
 */
export interface DayLogging {
  contacts: number;
  tasksWritten: number;
  parked: number;
  batches: number;
  resolvedByWindow: number;
}

export interface DayLoggingInput {
  routed: readonly RoutedCall[];
  /** Filled page by page with what DescribeContact would say of each contact. */
  directory: InMemoryContactDirectory;
  deps: CallLoggingDeps;
  endOfWindow: Date;
  /** Updated as the phases go, so a failure still reports what was written. */
  logging: DayLogging;
  /** Routed calls whose outcomes are made and logged together (default 1,000). */
  callsPerPage?: number;
}

/** Routed calls whose outcomes are made and logged together. */
const CALL_PAGE = 1000;
/** As the deployed queues: events in batches of up to 5,000 per page, analyses 1,000. */
const EVENT_BATCH = 5000;
const ANALYSIS_BATCH = 1000;
/** Deliveries before the demo gives up on a message (SQS would move it to the DLQ). */
const MAX_DELIVERIES = 5;

export async function logDay(runner: PhaseRunner, input: DayLoggingInput): Promise<CallMetrics | undefined> {
  const { routed, deps, logging } = input;
  const perPage = input.callsPerPage ?? CALL_PAGE;
  const tracker = writeTracker();
  const contactIds: string[] = [];
  let messageId = 0;
  const drain = async (what: string, items: object[], batchSize: number, handle: (batch: InboundMessage[], deps: CallLoggingDeps) => Promise<BatchOutcome>) => {
    const report = await drainQueue(
      items.map((i) => JSON.stringify(i)),
      (batch) => tracker.track(handle(batch, deps)),
      { batchSize, maxRounds: MAX_DELIVERIES, firstId: messageId },
    );
    messageId += items.length;
    logging.batches += report.batches;
    logging.tasksWritten = tracker.written.size;
    logging.parked = tracker.parked;
    if (report.undelivered) {
      const cause = report.lastError ? ` (last error: ${(report.lastError as Error).name}: ${(report.lastError as Error).message})` : '';
      throw new PhaseIncompleteError(`${report.undelivered} of ${items.length} ${what} in this page still failed after ${MAX_DELIVERIES} deliveries${cause}`);
    }
  };

  await runner.run('Logging contact events', 'calls', routed.length, async (advance) => {
    let done = 0;
    for (const page of outcomePages(routed, perPage)) {
      for (const [id, details] of page.details) input.directory.set(id, details);
      await drain('contact events', page.events, EVENT_BATCH, logContactEvents);
      contactIds.push(...page.contactIds);
      logging.contacts = contactIds.length;
      advance((done = Math.min(routed.length, done + perPage)));
    }
  });
  await runner.run('Importing Contact Lens analyses', 'calls', routed.length, async (advance) => {
    let done = 0;
    for (const page of outcomePages(routed, perPage)) {
      await drain('analysis files', page.analyses, ANALYSIS_BATCH, importAnalyses);
      advance((done = Math.min(routed.length, done + perPage)));
    }
  });
  await runner.run('Closing first-call-resolution windows', 'contacts', contactIds.length, async (advance) => {
    logging.resolvedByWindow = await closeWindows(contactIds, input.endOfWindow, deps, advance);
  });
  let metrics: CallMetrics | undefined;
  await runner.run('Building the summary', 'contacts', contactIds.length, async (advance) => {
    metrics = await tallyOutcomes(contactIds, deps, advance);
  });
  return metrics;
}
