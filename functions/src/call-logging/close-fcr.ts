import { windowClosed } from '../domain/outcome/first-call-resolution';
import { fcrWindowDays, syncCallTasks, type CallLoggingDeps } from './call-log-sync';

/**
 * Closes the first-call-resolution window of logged calls: a call with no repeat inside the window
 * is resolved, and its Task says so. That is each Task's last write, so it hands the Task to the rep
 * (calls marked unresolved earlier too). Run on a schedule (or by the demo at the end of its day).
 */
export async function closeFirstCallWindows(contactIds: string[], now: Date, deps: CallLoggingDeps): Promise<{ resolved: number; written: number }> {
  const records = await deps.states.getMany(contactIds);
  const windowDays = await fcrWindowDays(deps);
  const due = [...records.values()].filter((r) => {
    const at = r.state?.earliest.initiationTimestamp;
    return r.taskCreated && at && windowClosed({ at }, now, windowDays);
  });
  const resolved = due.filter((r) => r.firstCallResolution === undefined);
  for (const r of resolved) records.set(r.contactId, await deps.states.update(r.contactId, (cur) => (cur.firstCallResolution === undefined ? { firstCallResolution: true } : undefined), r));
  // A Task already handed over is unchanged (same fingerprint) and not written again.
  const report = await syncCallTasks(due.map((r) => r.contactId), records, deps, { settle: true, windowClosed: true });
  return { resolved: resolved.length, written: report.written.length };
}
