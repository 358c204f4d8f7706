import { directoryRecordOf, type DirectoryEntity, DirectoryRecordError, type DirectoryRecord } from '../domain/directory/directory-records';
import type { CallerDirectoryStore } from '../ports';
import { type BulkQuerySource, LOAD_ORDER, loadQuery } from './load-directory';

/**
 * Compares the directory with the org: every record the load would write is read again through Bulk API 2.0 and
 * checked against the directory (held, not deleted, the same name, owner, account, numbers, Case or Opportunity
 * state), and each of a caller's numbers must lead to it. `--all` also lists what the directory holds that the
 * org no longer does (a delete, a closed Case, a converted Lead that was missed). Differences name ids and fields,
 * never a number or a name.
 */

export interface DirectoryDifference {
  entity: DirectoryEntity;
  id: string;
  problem: string;
  /** Held by the directory, gone from the org: what a rebuild removes. */
  notInOrg?: true;
}

export interface VerifyDeps {
  bulk: BulkQuerySource & { waitUntilComplete(jobId: string): Promise<{ id: string; numberRecordsProcessed?: number }> };
  store: CallerDirectoryStore;
  personAccounts: boolean;
  defaultCountry: string;
}

export interface VerifyOptions {
  /** Check about this many records, spread evenly over each entity (default: every record). */
  sample?: number;
  /** Differences listed at most (all are counted). */
  maxListed?: number;
  /** Told of every difference, listed or not. */
  onDifference?: (difference: DirectoryDifference) => void;
}

export interface VerifyReport {
  checked: number;
  differences: number;
  listed: DirectoryDifference[];
}

const BATCH = 200;

export async function verifyDirectory(deps: VerifyDeps, options: VerifyOptions = {}): Promise<VerifyReport> {
  const maxListed = options.maxListed ?? 50;
  const report: VerifyReport = { checked: 0, differences: 0, listed: [] };
  const note = (difference: DirectoryDifference) => {
    report.differences++;
    options.onDifference?.(difference);
    if (report.listed.length < maxListed) report.listed.push(difference);
  };
  const seen = new Set<string>();
  for (const entity of LOAD_ORDER) {
    const job = await deps.bulk.create(loadQuery(entity, deps.personAccounts));
    const info = await deps.bulk.waitUntilComplete(job.id);
    const total = info.numberRecordsProcessed ?? 0;
    const every = options.sample ? Math.max(1, Math.ceil((total * LOAD_ORDER.length) / options.sample)) : 1;
    let index = 0;
    for (let locator = ''; ;) {
      const set = await deps.bulk.readSet(job.id, locator, { maxRecords: 10_000, batchSize: BATCH }, async (rows) => {
        const picked = rows.filter(() => index++ % every === 0);
        for (const row of rows) if (!options.sample) seen.add(row.Id ?? '');
        await checkBatch(deps, entity, picked, note);
        report.checked += picked.length;
      });
      if (!set.next) break;
      locator = set.next;
    }
  }
  if (!options.sample && deps.store.liveRecords) {
    for await (const held of deps.store.liveRecords()) {
      if (!seen.has(held.id) && routable(held.entity, held.fields, deps.defaultCountry))
        note({ entity: held.entity, id: held.id, problem: 'held by the directory, not in the org (deleted, closed or converted)', notInOrg: true });
    }
  }
  return report;
}

async function checkBatch(deps: VerifyDeps, entity: DirectoryEntity, rows: Record<string, string>[], note: (d: DirectoryDifference) => void): Promise<void> {
  if (rows.length === 0) return;
  const stored = await deps.store.records(rows.map((r) => r.Id ?? ''));
  const expectedNumbers = new Map<string, string[]>();
  for (const row of rows) {
    const id = row.Id ?? '';
    let expected: DirectoryRecord;
    try {
      expected = directoryRecordOf(entity, row, deps.defaultCountry);
    } catch (error) {
      if (error instanceof DirectoryRecordError) continue;
      throw error;
    }
    const held = stored.get(id);
    if (!held || held.deleted) {
      note({ entity, id, problem: held ? 'deleted in the directory, present in the org' : 'missing from the directory' });
      continue;
    }
    const actual = directoryRecordOf(held.entity, held.fields, deps.defaultCountry);
    const fields = differingParts(expected, actual);
    if (fields.length > 0) note({ entity, id, problem: `differs: ${fields.join(', ')}` });
    if (expected.kind === 'caller') for (const n of expected.caller.numbers) expectedNumbers.set(n, [...(expectedNumbers.get(n) ?? []), id]);
  }
  const refs = await deps.store.numbers([...expectedNumbers.keys()]);
  for (const [n, ids] of expectedNumbers) {
    for (const id of ids) if (!(refs.get(n) ?? []).includes(id)) note({ entity, id, problem: 'a number of the record does not lead to it' });
  }
}

/** A held record that routing would use: a caller with a number, an open Case or Opportunity (a closed one is kept, harmlessly, as its version). */
function routable(entity: DirectoryEntity, fields: Record<string, unknown>, country: string): boolean {
  try {
    const record = directoryRecordOf(entity, fields, country);
    if (record.kind === 'caller') return record.caller.numbers.length > 0;
    if (record.kind === 'case') return record.case.open && record.case.anchorId !== '';
    if (record.kind === 'opportunity') return record.opportunity.open && record.opportunity.anchorId !== '';
    return false;
  } catch {
    return false;
  }
}

/** The parts of two readings of a record that differ (lastModified only orders refs, so it is left out). */
function differingParts(expected: DirectoryRecord, actual: DirectoryRecord): string[] {
  const flat = (record: DirectoryRecord): Record<string, unknown> => {
    if (record.kind === 'caller') {
      const { lastModified: _ignored, ...caller } = record.caller;
      return { kind: record.kind, ...caller, ...(record.account ? { account: record.account } : {}) };
    }
    if (record.kind === 'case') return { kind: record.kind, ...record.case };
    if (record.kind === 'opportunity') return { kind: record.kind, ...record.opportunity };
    return { kind: record.kind };
  };
  const a = flat(expected);
  const b = flat(actual);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}
