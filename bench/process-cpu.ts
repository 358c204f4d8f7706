import { readFileSync } from 'node:fs';

/** Linux counts process CPU time in clock ticks of 1/100 s (sysconf(_SC_CLK_TCK) on every Linux this runs on). */
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, ms) another process has used so far, from /proc/<pid>/stat; undefined where there is no
 * /proc or no such process.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return cpuMsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * utime + stime of a /proc/<pid>/stat line (proc(5): fields 14 and 15), in ms. The command name (field 2) is in
 * parentheses and may itself hold spaces and parentheses, so fields are counted from the last ')'.
 */
export function cpuMsOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error('not a /proc/<pid>/stat line');
  return ticks * MS_PER_TICK;
}

/** CPU used per item while `run` handles `items` of them: this process's, and (when known) the other process's. */
export async function cpuPerItem<T>(
  otherPid: number | undefined,
  items: number,
  run: () => Promise<T>,
): Promise<{ result: T; ownMs: number; otherMs?: number }> {
  const own = process.cpuUsage();
  const other = processCpuMs(otherPid);
  const result = await run();
  const used = process.cpuUsage(own);
  const otherAfter = processCpuMs(otherPid);
  return {
    result,
    ownMs: (used.user + used.system) / 1000 / items,
    ...(other !== undefined && otherAfter !== undefined ? { otherMs: (otherAfter - other) / items } : {}),
  };
}
