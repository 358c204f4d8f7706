import { benchCallLogging } from './call-logging';
import { benchColdStart } from './cold-start';
import { formatRows } from './report';
import { benchRouting } from './routing';

/** `npm run bench`: every benchmark in one run, Callwise and the baseline side by side. */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const routing = await benchRouting(log);
  log('cold start…');
  const coldStart = benchColdStart();
  log('call logging…');
  const logging = await benchCallLogging();
  const all = [...routing, ...coldStart, ...logging];
  process.stdout.write(`\n${formatRows('Routing (Salesforce emulator at 150 ms per request)', routing)}\n\n${formatRows('Cold start', coldStart)}\n\n${formatRows('Call logging (emulator at zero latency)', logging)}\n\n`);
  const missed = all.filter((r) => r.target && !r.met);
  process.stdout.write(missed.length ? `${missed.length} target(s) missed\n` : 'every target met\n');
  process.exitCode = missed.length ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
