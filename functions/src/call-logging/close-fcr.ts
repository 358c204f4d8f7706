import { closableDays, windowClosed } from '../domain/outcome/outcome';
import { mapLimit } from '../platform/rate-limiter';
import { CLOSE_FCR_BACKLOG_DAYS, CONCURRENCY } from '../platform/settings';
import { fcrWindowDays, syncCallTasks, type CallLoggingDeps } from './call-log-sync';

/**
 * Closes the first-call-resolution window of logged calls: a call with no repeat inside the window
 * is resolved, and its Task says so. That is each Task's last write, so it hands the Task to the rep
 * (calls marked unresolved earlier too). Run on a schedule (close-fcr) or by the demo at the end of its day.
 * A window leaves the FcrOpen index only once its Task is written: a Task Salesforce refused is tried again.
 */
export async function closeFirstCallWindows(
  contactIds: string[],
  now: Date,
  deps: CallLoggingDeps,
): Promise<{ resolved: number; written: number; failed: number }> {
  const records = await deps.states.getMany(contactIds);
  const windowDays = await fcrWindowDays(deps);
  const due = [...records.values()].filter((r) => {
    const at = r.state?.earliest.initiationTimestamp;
    return r.taskCreated && at && windowClosed({ at }, now, windowDays);
  });
  const resolved = due.filter((r) => r.firstCallResolution === undefined);
  await mapLimit(resolved, CONCURRENCY.contactUpdates, async (r) => {
    records.set(
      r.contactId,
      await deps.states.update(r.contactId, (cur) => (cur.firstCallResolution === undefined ? { firstCallResolution: true } : undefined), r),
    );
  });
  // A Task already handed over is unchanged (same fingerprint) and not written again.
  // settle: an answered call whose COMPLETED event never came is described now, days later.
  const report = await syncCallTasks(
    due.map((r) => r.contactId),
    records,
    deps,
    { settle: true, windowClosed: true },
  );
  await mapLimit(
    due.filter((r) => !report.failed.has(r.contactId)),
    CONCURRENCY.contactUpdates,
    (r) => deps.states.closeFcrWindow(r.contactId),
  );
  return { resolved: resolved.length, written: report.written.length, failed: report.failed.size };
}

/** The scheduled job: every call whose window has run out by `now` (found in the FcrOpen index) is closed. */
export async function closeDueFirstCallWindows(now: Date, deps: CallLoggingDeps): Promise<{ resolved: number; written: number; failed: number }> {
  const { fromDay, throughDay } = closableDays(now, await fcrWindowDays(deps), CLOSE_FCR_BACKLOG_DAYS);
  return closeFirstCallWindows(await deps.states.openFcrWindows(fromDay, throughDay), now, deps);
}
