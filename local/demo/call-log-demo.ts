import { CallMetricsTally, type CallMetrics } from '../../functions/src/domain/outcome/call-metrics';
import { buildOutcome, type CallOutcome } from '../../functions/src/domain/outcome/outcome';
import { hasEnded } from '../../functions/src/domain/outcome/contact-state';
import { closeFirstCallWindows } from '../../functions/src/call-logging/close-fcr';
import { mapLimit } from '../../functions/src/platform/rate-limiter';
import { CONCURRENCY } from '../../functions/src/platform/settings';
import { drainQueue } from '../fakes/drain-queue';
import type { CallLoggingDeps } from '../../functions/src/call-logging/call-log-sync';
import { importAnalyses } from '../../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';

/**
 * Logs a day's contact events and Contact Lens files through the real use cases (the demo's
 * `npm start` and the benchmark call this), then reports the call-handling metrics. Contacts are
 * read back a page at a time, with a bounded number of lookups in flight: a promise per contact
 * queues thousands of requests in the HTTP agent, where they time out waiting for a socket.
 */
export interface LogOutcomesStats extends CallMetrics {
  tasksWritten: number;
  parked: number;
  batches: number;
}

export interface LogOutcomesInput {
  events: object[];
  analyses?: object[];
  contactIds: string[];
  /** When set, FCR windows still open at this time are closed (calls without a repeat are resolved). */
  closeWindowsAt?: Date;
  eventBatchSize?: number;
  analysisBatchSize?: number;
}

/** Contacts read back (and FCR windows closed) per page. */
export const CONTACT_PAGE = 1000;

/** The outcomes of contacts as stored now (for reports), from the stored state and details; pass a page of contacts, not a day. */
export async function currentOutcomes(contactIds: string[], deps: CallLoggingDeps): Promise<CallOutcome[]> {
  const records = await deps.states.getMany(contactIds);
  const ended = [...records.values()].filter((r) => r.state && hasEnded(r.state));
  return mapLimit(ended, CONCURRENCY.contactLookups, async (r) =>
    buildOutcome({
      state: r.state!,
      decision: await deps.decisions.get(r.contactId),
      details: r.details,
      analysis: r.analysis,
      firstCallResolution: r.firstCallResolution,
    }),
  );
}

/** Runs `fn` over the contacts a page at a time; `onProgress` gets how many are done. */
export async function forEachPage(contactIds: readonly string[], fn: (page: string[]) => Promise<void>, onProgress?: (done: number) => void): Promise<void> {
  for (let start = 0; start < contactIds.length; start += CONTACT_PAGE) {
    const page = contactIds.slice(start, start + CONTACT_PAGE);
    await fn(page);
    onProgress?.(start + page.length);
  }
}

/** The call-handling metrics of the contacts' stored outcomes, summed page by page. */
export async function tallyOutcomes(contactIds: readonly string[], deps: CallLoggingDeps, onProgress?: (done: number) => void): Promise<CallMetrics> {
  const tally = new CallMetricsTally();
  await forEachPage(contactIds, async (page) => void (await currentOutcomes(page, deps)).forEach((o) => tally.add(o)), onProgress);
  return tally.metrics();
}

/** Closes the FCR windows of the contacts a page at a time; returns how many calls were resolved. */
export async function closeWindows(contactIds: readonly string[], now: Date, deps: CallLoggingDeps, onProgress?: (done: number) => void): Promise<number> {
  let resolved = 0;
  await forEachPage(contactIds, async (page) => void (resolved += (await closeFirstCallWindows(page, now, deps)).resolved), onProgress);
  return resolved;
}

/** Counts what the use cases wrote and parked across batches. */
export function writeTracker() {
  const written = new Set<string>();
  const tracker = {
    written,
    parked: 0,
    track: async (run: Promise<{ written: CallOutcome[]; parked: number; failedMessageIds: string[] }>) => {
      const outcome = await run;
      for (const o of outcome.written) written.add(o.contactId);
      tracker.parked += outcome.parked;
      return outcome;
    },
  };
  return tracker;
}

export async function logOutcomes(input: LogOutcomesInput, deps: CallLoggingDeps): Promise<LogOutcomesStats> {
  const tracker = writeTracker();
  const events = await drainQueue(
    input.events.map((e) => JSON.stringify(e)),
    (batch) => tracker.track(logContactEvents(batch, deps)),
    { batchSize: input.eventBatchSize ?? 5000 },
  );
  const analyses = await drainQueue(
    (input.analyses ?? []).map((a) => JSON.stringify(a)),
    (batch) => tracker.track(importAnalyses(batch, deps)),
    { batchSize: input.analysisBatchSize ?? 1000 },
  );
  if (input.closeWindowsAt) await closeWindows(input.contactIds, input.closeWindowsAt, deps);
  const metrics = await tallyOutcomes(input.contactIds, deps);
  return { ...metrics, tasksWritten: tracker.written.size, parked: tracker.parked, batches: events.batches + analyses.batches };
}
