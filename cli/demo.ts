import { type CommandIo, UsageError } from './io';

/**
 * `callwise demo` (`npm start`): boots the local environment, routes a simulated day of calls,
 * logs their outcomes into the Salesforce emulator and prints the day's summary.
 */
export async function runDemo(args: string[], io: CommandIo): Promise<number> {
  const calls = parseCalls(args);
  const { runDemoDay } = require('../local/demo/day') as typeof import('../local/demo/day');
  const { formatDayReport } = require('../local/demo/summary') as typeof import('../local/demo/summary');
  const started = Date.now();
  const report = await runDemoDay({ ...(calls ? { calls } : {}), log: (line) => io.stderr(line) });
  io.stdout(formatDayReport(report, Date.now() - started));
  return 0;
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
