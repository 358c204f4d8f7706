import { directoryFields, versionOf, type DirectoryEntity } from '../domain/directory/directory-records';
import type { CallerDirectoryStore, Clock, DirectoryMeta, LoadJobProgress } from '../ports';

/**
 * The directory's initial load (and a full rebuild): one Bulk API 2.0 query job per entity, its results read set
 * by set (Sforce-Locator) and streamed into the directory in batches, so memory holds one batch whatever the org's
 * size. After every set the job id and the next locator are kept in the META item: a load that stops (a crash, a
 * deploy) continues from there when run again, re-applying at most one set (writes are idempotent). The directory
 * is marked ready, with the load's start as its watermark, only when every entity is in.
 */

/** Accounts first, so a Contact's Account is there when the caller is; Cases and Opportunities last. */
export const LOAD_ORDER: readonly DirectoryEntity[] = ['Account', 'Contact', 'Lead', 'Case', 'Opportunity'];

/** What the load needs of Bulk API 2.0 (BulkQueryJobs in adapters/salesforce/bulk-query.ts). */
export interface BulkQuerySource {
  create(soql: string): Promise<{ id: string }>;
  waitUntilComplete(jobId: string): Promise<{ id: string; numberRecordsProcessed?: number }>;
  readSet(
    jobId: string,
    locator: string,
    limits: { maxRecords: number; batchSize: number },
    onBatch: (rows: Record<string, string>[]) => Promise<void>,
  ): Promise<{ next: string | null; records: number }>;
}

export interface LoadProgressReport {
  entity: DirectoryEntity;
  /** Rows read of this entity so far, and how many its job found (once it is complete). */
  entityRecords: number;
  entityTotal?: number;
  /** Rows read by this run, all entities. */
  records: number;
}

export interface LoadDirectoryDeps {
  bulk: BulkQuerySource;
  store: CallerDirectoryStore;
  clock: Clock;
  /** The org has Person Accounts (their fields are queried). */
  personAccounts: boolean;
  onProgress?: (report: LoadProgressReport) => void;
}

export interface LoadOptions {
  /** Rows per results set (maxRecords); a resumed load repeats at most one set. */
  maxRecords?: number;
  /** Rows per store batch: what memory holds at once. */
  batchSize?: number;
  /** Forget an unfinished load and start again. */
  restart?: boolean;
}

export interface LoadSummary {
  records: number;
  applied: number;
  stale: number;
  rejected: Array<{ id: string; reason: string }>;
  resumed: boolean;
  startedAt: string;
}

/** Rejected rows listed in the summary (their count is always exact). */
const REJECTED_LISTED = 20;

/**
 * The query of one entity: every record the directory holds (open Cases and Opportunities, unconverted Leads).
 * Person Contacts are read too and written as ignored (their Person Account holds their numbers): filtering them
 * with IsPersonAccount = false would also depend on how an org without Person Accounts answers that field.
 */
export function loadQuery(entity: DirectoryEntity, personAccounts: boolean): string {
  const where: Partial<Record<DirectoryEntity, string>> = {
    Lead: 'IsConverted = false',
    Case: 'IsClosed = false',
    Opportunity: 'IsClosed = false',
  };
  const condition = where[entity];
  return `SELECT ${directoryFields(entity, personAccounts).join(', ')} FROM ${entity}${condition ? ` WHERE ${condition}` : ''}`;
}

export async function loadDirectory(deps: LoadDirectoryDeps, options: LoadOptions = {}): Promise<LoadSummary> {
  // Sets of 2,000: a 10,000-row set read slowly (a batch written to DynamoDB between chunks) was seen cut off ("terminated").
  const maxRecords = options.maxRecords ?? 2_000;
  const batchSize = options.batchSize ?? 500;
  const meta = await deps.store.meta();
  const resumed = !!meta.load && !options.restart;
  const load: NonNullable<DirectoryMeta['load']> = resumed ? meta.load! : { startedAt: deps.clock.now().toISOString(), jobs: {} };
  if (!resumed) await deps.store.updateMeta({ load });
  const summary: LoadSummary = { records: 0, applied: 0, stale: 0, rejected: [], resumed, startedAt: load.startedAt };
  let rejectedCount = 0;

  for (const entity of LOAD_ORDER) {
    let job: LoadJobProgress | undefined = load.jobs[entity];
    if (job?.done) continue;
    if (!job) {
      const created = await deps.bulk.create(loadQuery(entity, deps.personAccounts));
      job = { jobId: created.id, locator: '', records: 0, done: false };
      load.jobs[entity] = job;
      await deps.store.updateMeta({ load });
    }
    const info = await deps.bulk.waitUntilComplete(job.jobId).catch(async (error: unknown) => {
      // A resumed job Salesforce no longer has (results are kept 7 days): the entity starts over with a new one.
      if (!resumed || (error as { status?: number }).status !== 404) throw error;
      const created = await deps.bulk.create(loadQuery(entity, deps.personAccounts));
      job = { jobId: created.id, locator: '', records: 0, done: false };
      load.jobs[entity] = job;
      await deps.store.updateMeta({ load });
      return deps.bulk.waitUntilComplete(job.jobId);
    });
    // Progress is kept at set boundaries: a set cut short is read again whole, and counted once.
    const current = job;
    for (;;) {
      const set = await deps.bulk.readSet(current.jobId, current.locator, { maxRecords, batchSize }, async (rows) => {
        const result = await deps.store.applyMany(
          entity,
          rows.map((fields) => ({ fields, version: versionOf(fields) })),
        );
        summary.records += rows.length;
        summary.applied += result.applied;
        summary.stale += result.stale;
        rejectedCount += result.rejected.length;
        summary.rejected.push(...result.rejected.slice(0, REJECTED_LISTED - summary.rejected.length));
        current.records += rows.length;
        deps.onProgress?.({
          entity,
          entityRecords: current.records,
          ...(info.numberRecordsProcessed === undefined ? {} : { entityTotal: info.numberRecordsProcessed }),
          records: summary.records,
        });
      });
      current.locator = set.next ?? '';
      current.done = set.next === null;
      await deps.store.updateMeta({ load });
      if (current.done) break;
    }
  }
  await deps.store.updateMeta({ ready: true, readyAt: deps.clock.now().toISOString(), watermark: load.startedAt, load });
  if (rejectedCount > summary.rejected.length) summary.rejected.push({ id: '', reason: `and ${rejectedCount - summary.rejected.length} more rows rejected` });
  return summary;
}
