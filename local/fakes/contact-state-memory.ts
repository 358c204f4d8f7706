import type { ContactRecord, ContactRecordChange, ContactStateStore } from '../../functions/src/ports';

/** In-memory contact state with the same versioned-update semantics as the DynamoDB store (tests, benchmarks). */
export class InMemoryContactStateStore implements ContactStateStore {
  readonly items = new Map<string, ContactRecord>();
  /** The FcrOpen index: the day each open window's call began. */
  readonly fcrOpen = new Map<string, string>();

  private current(contactId: string): ContactRecord {
    return structuredClone(this.items.get(contactId) ?? { contactId, taskCreated: false, version: 0 });
  }

  async getMany(contactIds: string[]): Promise<Map<string, ContactRecord>> {
    return new Map(contactIds.map((id) => [id, this.current(id)]));
  }

  async update(contactId: string, change: (current: ContactRecord) => ContactRecordChange | undefined): Promise<ContactRecord> {
    const current = this.current(contactId);
    const delta = change(current);
    if (!delta || Object.keys(delta).length === 0) return current;
    const next = { ...current, ...structuredClone(delta), version: current.version + 1 };
    this.items.set(contactId, next);
    return structuredClone(next);
  }

  async markSynced(contactId: string, fingerprint: string, analysisSent = false): Promise<void> {
    this.items.set(contactId, { ...this.current(contactId), taskCreated: true, taskFingerprint: fingerprint, analysisSent });
  }

  async openFcrWindow(contactId: string, startedAt: string): Promise<void> {
    if (this.items.has(contactId)) this.fcrOpen.set(contactId, startedAt.slice(0, 10));
  }

  async closeFcrWindow(contactId: string): Promise<void> {
    this.fcrOpen.delete(contactId);
  }

  async openFcrWindows(fromDay: string, throughDay: string): Promise<string[]> {
    return [...this.fcrOpen].filter(([, day]) => day >= fromDay && day <= throughDay).map(([id]) => id);
  }
}
