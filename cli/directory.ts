import { parseArgs } from 'node:util';
import { loadDirectory, type LoadProgressReport } from '../functions/src/directory/load-directory';
import { rebuildDirectory } from '../functions/src/directory/rebuild-directory';
import { verifyDirectory } from '../functions/src/directory/verify-directory';
import { BUNDLED_POLICY } from '../functions/src/platform/live-policy';
import { systemClock } from '../functions/src/platform/time';
import { progressBar, type Progress } from '../local/demo/progress';
import type { DirectoryMeta } from '../functions/src/ports';
import { type CommandIo, UsageError } from './io';
import { type DirectoryEnvironment, openDirectoryEnvironment } from './directory-environment';

/**
 * `callwise directory load | status | verify | rebuild`: thin commands over the directory use cases (functions/src/directory/),
 * in the environment cli/directory-environment.ts describes.
 */

const COUNTRY = { country: { type: 'string' } } as const;

async function withEnvironment<T>(
  io: CommandIo,
  country: string | undefined,
  env: NodeJS.ProcessEnv,
  run: (e: DirectoryEnvironment) => Promise<T>,
): Promise<T> {
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) throw new UsageError(`--country must be an ISO 3166 code such as US, not "${country}"`);
  const environment = await openDirectoryEnvironment(env, { defaultCountry: country ?? BUNDLED_POLICY.defaultCountry });
  io.stderr(`directory: ${environment.description}`);
  try {
    return await run(environment);
  } finally {
    await environment.stop();
  }
}

export async function runDirectoryLoad(args: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env, tty = !!process.stderr.isTTY): Promise<number> {
  const { values } = parseArgs({ args, options: { ...COUNTRY, restart: { type: 'boolean' }, 'max-records': { type: 'string' } } });
  const maxRecords = values['max-records'] === undefined ? undefined : Number(values['max-records']);
  if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1)) throw new UsageError('--max-records must be a positive whole number');
  return withEnvironment(io, values.country, env, async (e) => {
    const bars = new Map<string, Progress>();
    const onProgress = (p: LoadProgressReport) => {
      let bar = bars.get(p.entity);
      if (!bar) {
        for (const other of bars.values()) other.finish();
        bars.clear();
        bar = progressBar(`  ${p.entity}`, p.entityTotal ?? 0, { write: io.stderr, tty, unit: 'records', eta: true });
        bars.set(p.entity, bar);
      }
      bar.update(p.entityRecords);
    };
    const started = performance.now();
    const summary = await loadDirectory(
      { bulk: e.bulk, store: e.store, clock: systemClock, personAccounts: e.personAccounts, onProgress },
      { ...(maxRecords ? { maxRecords } : {}), restart: values.restart === true },
    );
    for (const bar of bars.values()) bar.finish();
    const seconds = (performance.now() - started) / 1000;
    io.stdout(
      `${summary.resumed ? 'Resumed and finished' : 'Loaded'}: ${summary.records.toLocaleString('en-US')} records (${summary.applied.toLocaleString('en-US')} written, ${summary.stale} older than the directory's) in ${seconds.toFixed(1)} s, ` +
        `${Math.round(summary.records / Math.max(seconds, 0.001)).toLocaleString('en-US')} records/s, ${e.bulk.requests} Salesforce requests`,
    );
    for (const r of summary.rejected) io.stdout(`  rejected ${r.id || '(no Id)'}: ${r.reason}`);
    io.stdout(statusText(await e.store.meta(), new Date()));
    return 0;
  });
}

export async function runDirectoryStatus(args: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args, options: COUNTRY });
  return withEnvironment(io, values.country, env, async (e) => {
    io.stdout(statusText(await e.store.meta(), new Date()));
    return 0;
  });
}

export async function runDirectoryVerify(args: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args, options: { ...COUNTRY, sample: { type: 'string' }, all: { type: 'boolean' } } });
  const sample = values.sample === undefined ? undefined : Number(values.sample);
  if (sample !== undefined && (!Number.isInteger(sample) || sample < 1)) throw new UsageError('--sample must be a positive whole number');
  if (sample !== undefined && values.all) throw new UsageError('give --sample N or --all, not both');
  return withEnvironment(io, values.country, env, async (e) => {
    const report = await verifyDirectory(
      { bulk: e.bulk, store: e.store, personAccounts: e.personAccounts, defaultCountry: e.defaultCountry },
      { ...(sample ? { sample } : {}) },
    );
    io.stdout(
      `Checked ${report.checked.toLocaleString('en-US')} records${sample ? ` (a sample of about ${sample})` : ', and what the directory holds beyond them'}: ${report.differences} differences`,
    );
    for (const d of report.listed) io.stdout(`  ${d.entity} ${d.id}: ${d.problem}`);
    if (report.differences > report.listed.length) io.stdout(`  … and ${report.differences - report.listed.length} more`);
    return report.differences === 0 ? 0 : 1;
  });
}

export async function runDirectoryRebuild(args: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({ args, options: COUNTRY });
  return withEnvironment(io, values.country, env, async (e) => {
    io.stderr('rebuilding: every record loaded again, then the org compared and what it no longer holds removed…');
    const rebuilt = await rebuildDirectory({
      bulk: e.bulk,
      store: e.store,
      clock: systemClock,
      personAccounts: e.personAccounts,
      defaultCountry: e.defaultCountry,
    });
    io.stdout(
      `Rebuilt: ${rebuilt.load.records.toLocaleString('en-US')} records loaded, ${rebuilt.removed} held records the org no longer has removed, ${rebuilt.differencesLeft} differences left`,
    );
    io.stdout(statusText(await e.store.meta(), new Date()));
    return rebuilt.differencesLeft === 0 ? 0 : 1;
  });
}

/** META as an admin reads it: ready or not, counts, the last change event applied and how long ago. */
export function statusText(meta: DirectoryMeta, now: Date): string {
  const ago = (iso: string | undefined) => (iso ? `${Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000))} s ago` : 'never');
  const lines = [
    `ready: ${meta.ready ? `yes (since ${meta.readyAt ?? '?'})` : 'no: route-call asks Salesforce live until a load finishes'}`,
    `records: ${meta.counts.records.toLocaleString('en-US')}, numbers: ${meta.counts.numbers.toLocaleString('en-US')}`,
    `watermark: ${meta.watermark ?? 'none'}`,
    meta.lastEvent
      ? `last change event: committed ${new Date(meta.lastEvent.commitTimestamp).toISOString()} (replay ${meta.lastEvent.replayId}), applied ${ago(meta.lastEvent.appliedAt)}; staleness ${ago(new Date(meta.lastEvent.commitTimestamp).toISOString())}`
      : `last change event: none applied; staleness: since the watermark, ${ago(meta.watermark)}`,
  ];
  const unfinished = Object.entries(meta.load?.jobs ?? {}).filter(([, job]) => job && !job.done);
  if (unfinished.length > 0)
    lines.push(
      `load unfinished: ${unfinished.map(([entity, job]) => `${entity} at ${job!.records.toLocaleString('en-US')} records`).join(', ')} (run directory load to continue)`,
    );
  return lines.join('\n');
}
