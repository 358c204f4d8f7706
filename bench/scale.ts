import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { benchBacklog } from './backlog';
import { formatRows, type BenchRow } from './report';

/**
 * `npm run bench:scale [-- CALLS... | --backlog-only]`: the main job at a contact centre's size. Each day (default
 * 2,400, 20,000 and 50,000 calls) runs `npm start`'s demo day in a child process, so wall time and
 * peak memory (RSS of that Node process; DynamoDB Local's JVM is a process of its own) are the day's.
 * Targets: time per 1,000 calls at the largest day within 1.5× of the smallest, peak memory under
 * 1.5 GB. Then the log-outcome backlog (bench/backlog.ts).
 */
interface DayResult {
  calls: number;
  phaseSeconds: number;
  wallSeconds: number;
  peakRssMb: number;
  failed: boolean;
  contacts: number;
  tasksInSalesforce: number;
}

const MEMORY_TARGET_MB = 1536;
const GROWTH_TARGET = 1.5;

function runDay(calls: number): Promise<DayResult> {
  const root = join(__dirname, '..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'run-ts.js'), join(__dirname, 'scale-day.ts'), String(calls)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as DayResult);
      else reject(new Error(`the day of ${calls} calls exited with code ${code}`));
    });
  });
}

const perThousand = (d: DayResult) => d.phaseSeconds / (d.calls / 1000);

function dayRows(d: DayResult): BenchRow[] {
  const size = d.calls.toLocaleString('en-US');
  return [
    {
      name: `Day of ${size} calls: all phases done, one Task per contact`,
      callwise: d.failed ? 'FAILED' : `${d.tasksInSalesforce}/${d.contacts}`,
      baseline: 'n/a',
      target: 'all',
      met: !d.failed && d.tasksInSalesforce === d.contacts,
    },
    {
      name: `Day of ${size} calls: time per 1,000 calls (total, with start-up)`,
      callwise: `${perThousand(d).toFixed(1)} s (${d.wallSeconds.toFixed(0)} s)`,
      baseline: 'n/a',
      target: '',
      met: true,
    },
    {
      name: `Day of ${size} calls: peak memory (RSS)`,
      callwise: `${d.peakRssMb.toFixed(0)} MB`,
      baseline: 'n/a',
      target: `< ${MEMORY_TARGET_MB} MB`,
      met: d.peakRssMb < MEMORY_TARGET_MB,
    },
  ];
}

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const days: DayResult[] = [];
  const backlogOnly = process.argv.includes('--backlog-only');
  for (const calls of backlogOnly ? [] : sizes.length ? sizes : [2400, 20_000, 50_000]) {
    log(`scale: a day of ${calls} calls…`);
    days.push(await runDay(calls));
  }
  const rows = days.flatMap(dayRows);
  const [smallest, largest] = [days[0], days.at(-1)];
  if (smallest && largest && days.length > 1) {
    const growth = perThousand(largest) / perThousand(smallest);
    rows.push({
      name: `Time per 1,000 calls at ${largest.calls.toLocaleString('en-US')} vs ${smallest.calls.toLocaleString('en-US')}`,
      callwise: `${growth.toFixed(2)}×`,
      baseline: 'n/a',
      target: `≤ ${GROWTH_TARGET}×`,
      met: growth <= GROWTH_TARGET,
    });
  }
  log('scale: the log-outcome backlog…');
  const backlog = await benchBacklog(log);
  const daysTable = rows.length ? `${formatRows('Scale (demo days, each in its own process)', rows)}\n\n` : '';
  process.stdout.write(`\n${daysTable}${formatRows('Backlog after an outage (DynamoDB Local, Salesforce emulator)', backlog)}\n\n`);
  const missed = [...rows, ...backlog].filter((r) => r.target && !r.met);
  process.stdout.write(missed.length ? `${missed.length} target(s) missed\n` : 'every target met\n');
  process.exitCode = missed.length ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`bench:scale failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
