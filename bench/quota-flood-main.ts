import { runQuotaFlood } from './quota-flood';

/** `npm run bench:quota-flood`: 10,000 calls from distinct unknown numbers against a 1,500-request daily API limit; prints the figures. */
async function main(): Promise<void> {
  const flood = await runQuotaFlood();
  const count = (n: number) => n.toLocaleString('en-US');
  const degraded = flood.results.filter((r) => r.degraded === 'true').length;
  const routed = flood.results.filter((r) => r.targetQueueArn !== '').length;
  const lines = [
    `Quota flood: ${count(flood.calls)} calls from distinct unknown numbers; the org's daily API limit ${count(flood.apiLimit)}, lookups pause at 80%`,
    `  calls routed:              ${count(routed)}`,
    `  degraded (lookups paused): ${count(degraded)}`,
    `  live lookups made:         ${count(flood.lookups)}`,
    `  API usage after the flood: ${count(flood.apiUsedAfterFlood)}/${count(flood.apiLimit)}`,
    `  Call Tasks then logged:    ${count(flood.tasksLogged)} (messages failed or parked: ${flood.loggingFailures})`,
    `  API usage at the end:      ${count(flood.apiUsedAtEnd)}/${count(flood.apiLimit)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = routed === flood.calls && flood.apiUsedAtEnd < flood.apiLimit && flood.loggingFailures === 0 ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
