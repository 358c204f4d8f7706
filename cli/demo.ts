import { type CommandIo, UsageError } from './io';

/**
 * `callwise demo` (`npm start`): boots the local environment, routes a simulated day of calls,
 * logs their outcomes into the Salesforce emulator and prints the day's summary.
 */
type RunDemoDay = typeof import('../local/demo/day').runDemoDay;

/** A phase that fails still prints the summary of what completed, and exits 1. */
export async function runDemo(args: string[], io: CommandIo, runDay?: RunDemoDay): Promise<number> {
  const calls = parseCalls(args);
  const run = runDay ?? (require('../local/demo/day') as typeof import('../local/demo/day')).runDemoDay;
  const { formatDayReport } = require('../local/demo/summary') as typeof import('../local/demo/summary');
  const started = performance.now();
  const report = await run({ ...(calls ? { calls } : {}), log: (line) => io.stderr(line) });
  io.stdout(formatDayReport(report, performance.now() - started));
  return report.failed ? 1 : 0;
}

function parseCalls(args: string[]): number | undefined {
  if (args.length === 0) return undefined;
  const [flag, value] = args;
  const calls = Number(value);
  if (flag !== '--calls' || args.length !== 2 || !Number.isInteger(calls) || calls < 1 || calls > 100_000) {
    throw new UsageError('demo takes only --calls N (1–100000; default 2400)');
  }
  return calls;
}
