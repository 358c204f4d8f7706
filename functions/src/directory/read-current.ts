import type { DirectoryEntity } from '../domain/directory/change-event';
import { versionOf, type SalesforceFields } from '../domain/directory/directory-records';
import type { CallerDirectoryStore } from '../ports';
import { DIRECTORY_SYNC } from '../platform/settings';

/** Salesforce records by id, as they are now (one SOQL query per entity and chunk of ids). */
export interface SalesforceRecords {
  /** The records' `fields` (which include SystemModstamp); an id left out does not exist any more (or is not visible to Callwise). */
  read(entity: DirectoryEntity, ids: string[], fields: readonly string[]): Promise<Map<string, SalesforceFields>>;
}

export interface ReadCurrentDeps {
  store: Pick<CallerDirectoryStore, 'apply' | 'remove'>;
  salesforce: SalesforceRecords;
  fields(entity: DirectoryEntity): readonly string[];
}

export interface ReadCurrentOutcome {
  /** `Entity:id` of the records that could not be read or written (their messages are retried). */
  failedKeys: string[];
  applied: number;
  stale: number;
  /** Records asked of Salesforce. */
  read: number;
}

/**
 * Gap events (and UPDATEs that could not be merged): the records' current state read from Salesforce and
 * written at its SystemModstamp, at least the version of the event that asked for it; a record Salesforce
 * no longer returns is removed at that version ("Gap Events": read the record by its id).
 */
export async function readCurrent(wanted: Map<DirectoryEntity, Map<string, number>>, deps: ReadCurrentDeps): Promise<ReadCurrentOutcome> {
  const outcome: ReadCurrentOutcome = { failedKeys: [], applied: 0, stale: 0, read: 0 };
  for (const [entity, versions] of wanted) {
    const ids = [...versions.keys()];
    for (let i = 0; i < ids.length; i += DIRECTORY_SYNC.idsPerQuery) {
      const chunk = ids.slice(i, i + DIRECTORY_SYNC.idsPerQuery);
      outcome.read += chunk.length;
      let found: Map<string, SalesforceFields>;
      try {
        found = await deps.salesforce.read(entity, chunk, deps.fields(entity));
      } catch {
        outcome.failedKeys.push(...chunk.map((id) => `${entity}:${id}`));
        continue;
      }
      for (const id of chunk) {
        const asked = versions.get(id) ?? 0;
        const fields = found.get(id);
        try {
          const result = fields ? await deps.store.apply(entity, fields, Math.max(versionOf(fields), asked)) : await deps.store.remove(entity, id, asked);
          if (result === 'applied') outcome.applied++;
          else outcome.stale++;
        } catch {
          outcome.failedKeys.push(`${entity}:${id}`);
        }
      }
    }
  }
  return outcome;
}
