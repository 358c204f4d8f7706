import { DirectoryNotLoadedError, reconcileDirectory, type ReconcileDeps } from '../../functions/src/directory/reconcile';
import type { DirectoryEntity } from '../../functions/src/domain/directory/change-event';
import type { SalesforceFields } from '../../functions/src/domain/directory/directory-records';
import type { ApplyOutcome, DirectoryMeta } from '../../functions/src/ports';
import { ManualClock } from '../../local/fakes/clock';

/** reconcile's own rules: what it asks since when, what it writes, and where the watermark goes. */
function deps(meta: Partial<DirectoryMeta>, changed: Partial<Record<DirectoryEntity, SalesforceFields[]>> = {}) {
  const asked: Array<[readonly DirectoryEntity[], string]> = [];
  const updates: Array<Partial<DirectoryMeta>> = [];
  const writes: string[] = [];
  const d: ReconcileDeps = {
    store: {
      meta: async () => ({ ready: true, counts: { records: 0, numbers: 0 }, ...meta }),
      updateMeta: async (change) => void updates.push(change),
      applyMany: async (entity, rows) => {
        for (const { fields, version } of rows) writes.push(`apply ${entity} ${String(fields.Id)} @${version}`);
        return { applied: rows.length, stale: 0, rejected: [] };
      },
      remove: async (entity, id, version): Promise<ApplyOutcome> => (writes.push(`remove ${entity} ${id} @${version}`), 'applied'),
    },
    changes: {
      changedSince: async (entities, since) => {
        asked.push([entities, since]);
        return new Map(entities.map((e) => [e, changed[e] ?? []]));
      },
    },
    fields: () => ['Phone'],
    clock: new ManualClock('2026-12-02T06:00:00.000Z'),
  };
  return { d, asked, updates, writes };
}

describe('reconcileDirectory', () => {
  it('writes every record changed since the watermark at its SystemModstamp, removes the deleted ones, then moves the watermark to its start less two minutes', async () => {
    const { d, asked, updates, writes } = deps(
      { watermark: '2026-12-02T05:45:00.000Z' },
      {
        Contact: [{ Id: '003A', IsDeleted: false, Phone: '+14155550100', SystemModstamp: '2026-12-02T05:50:00.000Z' }],
        Case: [{ Id: '500A', IsDeleted: true, SystemModstamp: '2026-12-02T05:51:00.000Z' }],
      },
    );
    const result = await reconcileDirectory(d);
    expect(asked).toEqual([[['Contact', 'Lead', 'Account', 'Case', 'Opportunity'], '2026-12-02T05:45:00.000Z']]);
    expect(writes).toEqual(['apply Contact 003A @1796190600000', 'remove Case 500A @1796190660000']);
    expect(updates).toEqual([{ watermark: '2026-12-02T05:58:00.000Z' }]);
    expect(result).toEqual({
      since: '2026-12-02T05:45:00.000Z',
      watermark: '2026-12-02T05:58:00.000Z',
      records: { Contact: 1, Lead: 0, Account: 0, Case: 1, Opportunity: 0 },
      written: 2,
    });
  });

  it('never moves the watermark back (a run within two minutes of the last)', async () => {
    const { d, updates } = deps({ watermark: '2026-12-02T05:59:00.000Z' });
    await reconcileDirectory(d);
    expect(updates).toEqual([{ watermark: '2026-12-02T05:59:00.000Z' }]);
  });

  it('one entity (an overflow event) is read but leaves the watermark where it was', async () => {
    const { d, asked, updates } = deps({ watermark: '2026-12-02T05:45:00.000Z' });
    await reconcileDirectory(d, ['Account']);
    expect(asked).toEqual([[['Account'], '2026-12-02T05:45:00.000Z']]);
    expect(updates).toEqual([]);
  });

  it('refuses a directory that was never loaded, saying what to run', async () => {
    const { d } = deps({});
    await expect(reconcileDirectory(d)).rejects.toThrow(DirectoryNotLoadedError);
    await expect(reconcileDirectory(d)).rejects.toThrow('Run `callwise directory load` first');
  });

  it('a failed read leaves the watermark, so the next run reads the same changes again', async () => {
    const { d, updates } = deps({ watermark: '2026-12-02T05:45:00.000Z' });
    d.changes = { changedSince: async () => Promise.reject(new Error('REQUEST_LIMIT_EXCEEDED')) };
    await expect(reconcileDirectory(d)).rejects.toThrow('REQUEST_LIMIT_EXCEEDED');
    expect(updates).toEqual([]);
  });
});
