import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { DynamoDbDirectoryStore } from '../functions/src/adapters/dynamodb/directory-store';
import { BulkQueryJobs } from '../functions/src/adapters/salesforce/bulk-query';
import { connectSalesforce } from '../functions/src/adapters/salesforce/connection';
import { loadDirectory } from '../functions/src/directory/load-directory';
import { startDynamoDbLocal } from '../local/dynamodb';
import { systemClock } from '../functions/src/platform/time';
import { createTestCredentials } from '../local/salesforce-emulator';

/**
 * `npm run bench:directory-load [-- --records=N]`: the initial load of a 250,000-record org (bench/directory-load-org.ts,
 * in another process) through Bulk API 2.0 into DynamoDB Local, reporting peak RSS of the loading process (sampled
 * every 50 ms), records per second and the Salesforce requests used. It takes minutes, so `npm run bench` and CI
 * leave it out.
 */
async function main(): Promise<void> {
  const records = process.argv.find((a) => a.startsWith('--records='))?.slice('--records='.length) ?? '250000';
  const org = spawn(process.execPath, [join(__dirname, '..', 'bin', 'run-ts.js'), join(__dirname, 'directory-load-org.ts'), `--records=${records}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    process.stderr.write(`building a ${Number(records).toLocaleString('en-US')}-record org in the emulator…\n`);
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: org.stdout! }).once('line', resolve);
      org.once('exit', (code) => reject(new Error(`the org process exited (${code})`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    const db = await startDynamoDbLocal({ tablePrefix: 'bench-load-' });
    try {
      const bulk = new BulkQueryJobs(await connectSalesforce(createTestCredentials(url), { timeoutMs: 120_000 }), {
        pollMs: 0,
        maxWaitMs: 600_000,
        streamTimeoutMs: 600_000,
        sleep: async () => undefined,
      });
      const store = new DynamoDbDirectoryStore(db.doc, db.tableNames.CallerDirectory, 'US');
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => void (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const started = performance.now();
      let shown = 0;
      const summary = await loadDirectory(
        {
          bulk,
          store,
          clock: systemClock,
          personAccounts: false,
          onProgress: (p) => {
            if (p.records - shown >= 10_000) process.stderr.write(`  ${p.entity}: ${(shown = p.records).toLocaleString('en-US')} records\n`);
          },
        },
        { maxRecords: 2_000 },
      );
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      const meta = await store.meta();
      const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
      process.stdout.write(
        [
          `Directory load of ${summary.records.toLocaleString('en-US')} records (${meta.counts.numbers.toLocaleString('en-US')} numbers) from the emulator into DynamoDB Local`,
          `  time                ${seconds.toFixed(1)} s (${Math.round(summary.records / seconds).toLocaleString('en-US')} records/s)`,
          `  peak RSS            ${mb(peak)} (${mb(baseline)} before the load)`,
          `  Salesforce requests ${bulk.requests} (Bulk API 2.0: job creates, status polls, result sets)`,
          `  rejected rows       ${summary.rejected.length}`,
        ].join('\n') + '\n',
      );
    } finally {
      await db.stop();
    }
  } finally {
    org.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:directory-load failed: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
