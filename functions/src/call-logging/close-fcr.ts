import { windowClosed } from '../domain/outcome/first-call-resolution';
import { fcrWindowDays, syncCallTasks, type CallLoggingDeps } from './call-log-sync';

/**
 * Closes the first-call-resolution window of logged calls: a call with no repeat inside the window
 * is resolved, and its Task says so. Run on a schedule (or by the demo at the end of its day).
 */
export async function closeFirstCallWindows(contactIds: string[], now: Date, deps: CallLoggingDeps): Promise<{ resolved: number; written: number }> {
  const records = await deps.states.getMany(contactIds);
  const windowDays = await fcrWindowDays(deps);
  const due = [...records.values()].filter((r) => {
    const at = r.state?.earliest.initiationTimestamp;
    return r.taskCreated && r.firstCallResolution === undefined && at && windowClosed({ at }, now, windowDays);
  });
  for (const r of due) records.set(r.contactId, await deps.states.update(r.contactId, (cur) => (cur.firstCallResolution === undefined ? { firstCallResolution: true } : undefined), r));
  const report = await syncCallTasks(due.map((r) => r.contactId), records, deps, { settle: true });
  return { resolved: due.length, written: report.written.length };
}
