import type { CallLog, CallLogResult, CallLogWrite } from '../../functions/src/ports';
import type { CallTaskRecord } from '../../functions/src/domain/outcome/outcome-task';

/** A CallLog port double for use-case tests: Tasks by ContactId, TaskSubtype create-only, scripted failures. */
export class MemoryCallLog implements CallLog {
  readonly tasks = new Map<string, CallTaskRecord>();
  requests = 0;
  /** Task writes received (one per contact per upsert). */
  writes = 0;
  failNext: Array<(w: CallLogWrite) => CallLogResult | undefined> = [];

  async upsert(writes: CallLogWrite[]): Promise<CallLogResult[]> {
    this.requests += Math.ceil(writes.length / 200);
    this.writes += writes.length;
    const fail = this.failNext.shift();
    return writes.map((w) => {
      const failure = fail?.(w);
      if (failure) return failure;
      const existing = this.tasks.get(w.contactId);
      if (existing && w.create) return { contactId: w.contactId, ok: false, retryable: false, code: 'INVALID_FIELD_FOR_INSERT_UPDATE', message: 'TaskSubtype' };
      this.tasks.set(w.contactId, { ...existing, ...(w.create ? { TaskSubtype: 'Call' } : {}), ...w.record });
      return { contactId: w.contactId, ok: true, created: !existing };
    });
  }
}
