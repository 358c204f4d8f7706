import { benchQueueStatus } from './queue-status';
import { formatRows } from './report';

/** `npm run bench:queue-status [-- MINUTES]`: Connect metric calls per minute at 1 and 50 warm route-call containers. */
async function main(): Promise<void> {
  const minutes = Number(process.argv[2] ?? 5);
  if (!Number.isInteger(minutes) || minutes < 1) throw new Error(`MINUTES must be a whole number of minutes, got "${process.argv[2]}"`);
  const rows = await benchQueueStatus(minutes);
  process.stdout.write(
    `\n${formatRows('Queue status (GetCurrentMetricData), simulated time on DynamoDB Local; baseline = every container asks Connect', rows)}\n\n`,
  );
  process.exitCode = rows.every((r) => r.met) ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
