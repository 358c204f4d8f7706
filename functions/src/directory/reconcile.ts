import { DIRECTORY_ENTITIES, type DirectoryEntity } from '../domain/directory/change-event';
import { versionOf, type SalesforceFields } from '../domain/directory/directory-records';
import type { CallerDirectoryStore, Clock } from '../ports';
import { DIRECTORY_SYNC } from '../platform/settings';

/** Salesforce records changed since a time, deleted ones included (IsDeleted = true). */
export interface ChangedRecords {
  changedSince(
    entities: readonly DirectoryEntity[],
    since: string,
    fields: (entity: DirectoryEntity) => readonly string[],
  ): Promise<Map<DirectoryEntity, SalesforceFields[]>>;
}

export interface ReconcileDeps {
  store: Pick<CallerDirectoryStore, 'meta' | 'updateMeta' | 'applyMany' | 'remove'>;
  changes: ChangedRecords;
  fields(entity: DirectoryEntity): readonly string[];
  clock: Clock;
}

export interface ReconcileResult {
  since: string;
  watermark: string;
  /** Records read per entity. */
  records: Partial<Record<DirectoryEntity, number>>;
  /** Of those, the writes the store took (an older version than it holds is refused). */
  written: number;
}

export class DirectoryNotLoadedError extends Error {
  constructor() {
    super('The caller directory has no watermark: it was never loaded. Run `callwise directory load` first; reconcile only reads what changed since then.');
    this.name = 'DirectoryNotLoadedError';
  }
}

/**
 * reconcile: whatever changed in Salesforce since the watermark (SystemModstamp), read again and written by
 * version, so a change event that never arrived (or was parked) is repaired and a deleted record removed; then
 * the watermark moves to this run's start, less an overlap for clock skew and commits in flight (a record read
 * twice is a stale no-op). `entities` narrows it to one object (an overflow event): the watermark then stays.
 */
export async function reconcileDirectory(deps: ReconcileDeps, entities: readonly DirectoryEntity[] = DIRECTORY_ENTITIES): Promise<ReconcileResult> {
  const meta = await deps.store.meta();
  if (!meta.watermark) throw new DirectoryNotLoadedError();
  const startedAt = deps.clock.now().getTime();
  const changed = await deps.changes.changedSince(entities, meta.watermark, deps.fields);
  const records: ReconcileResult['records'] = {};
  let written = 0;
  for (const entity of entities) {
    const rows = changed.get(entity) ?? [];
    records[entity] = rows.length;
    const deleted = rows.filter((row) => row.IsDeleted === true || row.IsDeleted === 'true');
    const live = rows.filter((row) => !deleted.includes(row));
    // Many changes (a first reconcile, an overflow) are written in batches, by the same version rules.
    for (let i = 0; i < live.length; i += DIRECTORY_SYNC.reconcileWriteBatch) {
      written += (
        await deps.store.applyMany(
          entity,
          live.slice(i, i + DIRECTORY_SYNC.reconcileWriteBatch).map((row) => ({ fields: row, version: versionOf(row) })),
        )
      ).applied;
    }
    for (const row of deleted) if ((await deps.store.remove(entity, String(row.Id), versionOf(row))) === 'applied') written++;
  }
  const watermark = new Date(Math.max(Date.parse(meta.watermark), startedAt - DIRECTORY_SYNC.reconcileOverlapMs)).toISOString();
  if (DIRECTORY_ENTITIES.every((e) => entities.includes(e))) await deps.store.updateMeta({ watermark });
  return { since: meta.watermark, watermark, records, written };
}
