import type { CallLog, CallLogResult, CallLogWrite } from '../../functions/src/ports';
import type { CallTaskRecord } from '../../functions/src/domain/outcome/outcome-task';

/** A CallLog port double for use-case tests: Tasks by ContactId, TaskSubtype on each new Task, scripted failures. */
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
      // The adapter gives every new Task its create-only TaskSubtype, whatever `create` guessed.
      this.tasks.set(w.contactId, { ...(existing ?? { TaskSubtype: 'Call' }), ...w.record } as CallTaskRecord);
      return { contactId: w.contactId, ok: true, created: !existing };
    });
  }
}
