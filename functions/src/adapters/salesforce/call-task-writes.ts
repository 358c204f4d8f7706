import type { CallTaskRecord } from '../../domain/outcome/outcome-task';

/**
 * The rules a Call Task write follows in Salesforce, in one place:
 * - `TaskSubtype = 'Call'` is create-only: sent when the Task may be new; refused on an existing Task
 *   (INVALID_FIELD_FOR_INSERT_UPDATE), which proves it exists, so the write goes again without it. A write sent
 *   without it that turns out to have created the Task (`created: true`) is undone and made again with it:
 *   a Task is never left without its subtype.
 * - A stale reference is written around, not retried: a WhoId/WhatId merged away (ENTITY_IS_DELETED) is left
 *   out (WhoId first, then WhatId), an inactive owner (INACTIVE_OWNER_OR_USER) is left out (the integration
 *   user keeps the Task). Each is reported, so it shows in logs and metrics.
 */

export const CALL_TASK_SUBTYPE = 'Call';

export interface SaveResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; message?: string; fields?: string[] }>;
}

/** One Task as sent: the record, and whether the create-only subtype went with it. */
export interface TaskAttempt {
  contactId: string;
  record: CallTaskRecord;
  withSubtype: boolean;
}

export type Repair =
  /** The Task exists: write it again without the create-only subtype. */
  | { kind: 'exists'; next: TaskAttempt }
  /** A reference or owner Salesforce refused for good: write again without `dropped`. */
  | { kind: 'dropped'; code: 'ENTITY_IS_DELETED' | 'INACTIVE_OWNER_OR_USER'; dropped: string; next: TaskAttempt }
  /** Created without its subtype: delete `id`, then create it again with the subtype. */
  | { kind: 'recreate'; id: string; next: TaskAttempt };

/** The body of one record in the upsert request. */
export function taskBody(attempt: TaskAttempt): Record<string, unknown> {
  return { attributes: { type: 'Task' }, ...attempt.record, ...(attempt.withSubtype ? { TaskSubtype: CALL_TASK_SUBTYPE } : {}) };
}

/** The first attempt: with the subtype unless Callwise knows the Task exists. */
export function firstAttempt(contactId: string, record: CallTaskRecord, mayBeNew: boolean): TaskAttempt {
  return { contactId, record, withSubtype: mayBeNew };
}

const without = (record: CallTaskRecord, field: keyof CallTaskRecord): CallTaskRecord => {
  const { [field]: _dropped, ...rest } = record;
  return rest;
};

/** What to send next for a record Salesforce answered, or undefined when its result is final. */
export function repairFor(attempt: TaskAttempt, result: SaveResult | undefined): Repair | undefined {
  if (!result) return undefined;
  if (result.success) {
    if (result.created === true && !attempt.withSubtype && result.id) return { kind: 'recreate', id: result.id, next: { ...attempt, withSubtype: true } };
    return undefined;
  }
  const error = result.errors?.[0];
  if (error?.statusCode === 'INVALID_FIELD_FOR_INSERT_UPDATE' && attempt.withSubtype && (error.fields ?? []).includes('TaskSubtype')) {
    return { kind: 'exists', next: { ...attempt, withSubtype: false } };
  }
  if (error?.statusCode === 'ENTITY_IS_DELETED') {
    // Salesforce does not say which reference was deleted: the person (a merged Contact or Lead) first.
    const field = (['WhoId', 'WhatId'] as const).find((f) => attempt.record[f] !== undefined && ((error.fields ?? []).length === 0 || error.fields!.includes(f)));
    if (field) return { kind: 'dropped', code: 'ENTITY_IS_DELETED', dropped: field, next: { ...attempt, record: without(attempt.record, field) } };
  }
  if (error?.statusCode === 'INACTIVE_OWNER_OR_USER' && attempt.record.OwnerId !== undefined) {
    return { kind: 'dropped', code: 'INACTIVE_OWNER_OR_USER', dropped: 'OwnerId', next: { ...attempt, record: without(attempt.record, 'OwnerId') } };
  }
  return undefined;
}
