import { runDemoDay } from '../local/demo/day';
import { formatDayReport } from '../local/demo/summary';

/**
 * One demo day in its own process, for `npm run bench:scale`: so its peak memory is its own. Prints
 * one JSON line on stdout: the day's size, seconds in its phases (the environment's start excluded),
 * wall seconds, the process's peak RSS, and whether every phase finished. The day's summary, as
 * `npm start` prints it, goes to stderr.
 */
async function main(): Promise<void> {
  const calls = Number(process.argv[2]);
  const started = performance.now();
  const report = await runDemoDay({ calls, log: () => undefined });
  process.stderr.write(`${formatDayReport(report, performance.now() - started)}\n`);
  const result = {
    calls,
    phaseSeconds: report.phases.reduce((sum, p) => sum + p.seconds, 0),
    wallSeconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    failed: report.failed,
    contacts: report.logging.contacts,
    tasksInSalesforce: report.tasksInSalesforce,
    degraded: report.degraded,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`scale day failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
