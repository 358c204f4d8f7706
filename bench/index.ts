import { benchCallLogging } from './call-logging';
import { benchColdStart } from './cold-start';
import { benchDirectory } from './directory';
import { benchDirectorySync } from './directory-sync';
import { benchHandling } from './handling';
import { benchQueueStatus } from './queue-status';
import { formatRows, type BenchRow } from './report';
import { benchRouting } from './routing';

function finish(all: BenchRow[]): void {
  const missed = all.filter((r) => r.target && !r.met);
  process.stdout.write(missed.length ? `${missed.length} target(s) missed\n` : 'every target met\n');
  process.exitCode = missed.length ? 1 : 0;
}

/** `npm run bench`: every benchmark in one run, Callwise and the baseline side by side; `bench handling` or `bench directory` runs only that one. */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log('call handling…');
  const handling = benchHandling(log);
  const handlingTable = `${formatRows('Call handling (scorer vs hand labels; baseline = most common label)', handling)}\n\n`;
  if (process.argv[2] === 'handling') {
    process.stdout.write(`\n${handlingTable}`);
    return finish(handling);
  }
  if (process.argv[2] === 'directory') {
    const directory = await benchDirectory(log);
    process.stdout.write(`\n${formatRows('Caller directory (emulator at 150 ms per request; DynamoDB Local)', directory)}\n\n`);
    return finish(directory);
  }
  const routing = await benchRouting(log);
  log('cold start…');
  const coldStart = benchColdStart();
  log('call logging…');
  const logging = await benchCallLogging();
  log('queue status…');
  const queueStatus = await benchQueueStatus();
  const directory = await benchDirectory(log);
  const directorySync = await benchDirectorySync(log);
  const all = [...routing, ...coldStart, ...logging, ...handling, ...queueStatus, ...directory, ...directorySync];
  process.stdout.write(
    `\n${handlingTable}${formatRows('Routing (Salesforce emulator at 150 ms per request)', routing)}\n\n${formatRows('Cold start', coldStart)}\n\n${formatRows('Call logging (emulator at zero latency)', logging)}\n\n`,
  );
  process.stdout.write(`${formatRows('Queue status (GetCurrentMetricData per minute; baseline = every container asks Connect)', queueStatus)}\n\n`);
  process.stdout.write(`${formatRows('Caller directory (emulator at 150 ms per request; DynamoDB Local)', directory)}\n\n`);
  process.stdout.write(`${formatRows('Caller directory kept current (DynamoDB Local, emulator, local Event Relay)', directorySync)}\n\n`);
  finish(all);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
