import { callMetrics, type CallMetrics } from '../../functions/src/domain/outcome/call-metrics';
import { buildOutcome, type CallOutcome } from '../../functions/src/domain/outcome/outcome';
import { hasEnded } from '../../functions/src/domain/outcome/contact-state';
import { closeFirstCallWindows } from '../../functions/src/call-logging/close-fcr';
import { drainQueue } from '../fakes/drain-queue';
import type { CallLoggingDeps } from '../../functions/src/call-logging/call-log-sync';
import { importAnalyses } from '../../functions/src/call-logging/import-analysis';
import { logContactEvents } from '../../functions/src/call-logging/log-outcome';

/**
 * Logs a day's contact events and Contact Lens files through the real use cases (the demo's
 * `npm start` and the benchmark call this), then reports the call-handling metrics.
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

/** The outcomes of contacts as stored now (for reports): from the stored state and details, asking Connect nothing. */
export async function currentOutcomes(contactIds: string[], deps: CallLoggingDeps): Promise<CallOutcome[]> {
  const records = await deps.states.getMany(contactIds);
  const ended = [...records.values()].filter((r) => r.state && hasEnded(r.state));
  return Promise.all(
    ended.map(async (r) =>
      buildOutcome({ state: r.state!, decision: await deps.decisions.get(r.contactId), details: r.details, analysis: r.analysis, firstCallResolution: r.firstCallResolution }),
    ),
  );
}

export async function logOutcomes(input: LogOutcomesInput, deps: CallLoggingDeps): Promise<LogOutcomesStats> {
  const written = new Set<string>();
  let parked = 0;
  const track = async (run: Promise<{ written: CallOutcome[]; parked: number; failedMessageIds: string[] }>) => {
    const outcome = await run;
    for (const o of outcome.written) written.add(o.contactId);
    parked += outcome.parked;
    return outcome;
  };
  const events = await drainQueue(input.events.map((e) => JSON.stringify(e)), (batch) => track(logContactEvents(batch, deps)), { batchSize: input.eventBatchSize ?? 5000 });
  const analyses = await drainQueue((input.analyses ?? []).map((a) => JSON.stringify(a)), (batch) => track(importAnalyses(batch, deps)), { batchSize: input.analysisBatchSize ?? 1000 });
  if (input.closeWindowsAt) await closeFirstCallWindows(input.contactIds, input.closeWindowsAt, deps);
  const metrics = callMetrics(await currentOutcomes(input.contactIds, deps));
  return { ...metrics, tasksWritten: written.size, parked, batches: events.batches + analyses.batches };
}
