import { z } from 'zod';
import { issueLines } from '../text';

/**
 * A Salesforce Change Data Capture event as Event Relay delivers it to Amazon EventBridge.
 *
 * Envelope: an EventBridge event whose `source` is the relay's partner event source
 * (`aws.partner/salesforce.com/<orgId>/<channelId>`, EventRelayFeedback.RemoteResource:
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventrelayfeedback.htm),
 * whose `detail-type` is the change event's name (ContactChangeEvent, …) and whose `detail.payload` is
 * the Pub/Sub API payload (Event Relay is a Pub/Sub API client).
 * Payload: "Change Event Message Structure" and "ChangeEventHeader Fields", Change Data Capture Developer Guide
 * (https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_message_structure.htm,
 * https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_event_fields_header.htm):
 * `recordIds` may hold several ids (same change to several records in one transaction) or a wildcard
 * (`001*`: a field type conversion touched every record); `commitTimestamp` is epoch ms; `sequenceNumber`
 * orders the changes of one transaction; in the Pub/Sub payload unchanged fields are null, so only
 * `changedFields` and `nulledFields` say what an UPDATE set. Compound fields are objects (`Name`) whose
 * parts may be listed as `Name.LastName` in changedFields. Gap events (GAP_CREATE, GAP_UPDATE, GAP_DELETE, GAP_UNDELETE)
 * carry no record fields; GAP_OVERFLOW carries no record ids either ("Gap Events", "Overflow Events").
 */

export const DIRECTORY_ENTITIES = ['Contact', 'Lead', 'Account', 'Case', 'Opportunity'] as const;
export type DirectoryEntity = (typeof DIRECTORY_ENTITIES)[number];

export const CHANGE_TYPES = ['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const WILDCARD_ID = /^[a-zA-Z0-9]{3}\*$/;

const headerSchema = z.object({
  entityName: z.enum(DIRECTORY_ENTITIES, {
    error: (i) => `entity ${JSON.stringify(i.input)} is not one the directory follows (${DIRECTORY_ENTITIES.join(', ')})`,
  }),
  recordIds: z.array(z.string().regex(new RegExp(`${SALESFORCE_ID.source}|${WILDCARD_ID.source}`), 'not a Salesforce record id')).default([]),
  changeType: z.enum(CHANGE_TYPES, { error: (i) => `change type ${JSON.stringify(i.input)} is not a documented one` }),
  changedFields: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  nulledFields: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  commitTimestamp: z.coerce.number().int().positive(),
  transactionKey: z.string().min(1),
  sequenceNumber: z.coerce.number().int().min(0),
});

const payloadSchema = z.looseObject({ ChangeEventHeader: headerSchema });

export const relayEventSchema = z.object({
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().startsWith('aws.partner/salesforce.com/', 'not an Event Relay partner event source (aws.partner/salesforce.com/…)'),
  time: z.string().optional(),
  detail: z.looseObject({ payload: payloadSchema, schemaId: z.string().optional(), replayId: z.union([z.string(), z.number()]).optional() }),
});

export type FieldValue = string | number | boolean | null;

export interface ChangeEvent {
  /** The EventBridge event id (one per relayed event; a redelivery repeats it). */
  eventId: string;
  entity: DirectoryEntity;
  /** Record ids; empty for GAP_OVERFLOW; `undefined` entries never. A wildcard (`001*`) means "every record". */
  recordIds: string[];
  changeType: ChangeType;
  /** Field names an UPDATE set (compound parts by their own names: `Name.LastName` → `LastName`). */
  changedFields: string[];
  nulledFields: string[];
  commitTimestamp: number;
  transactionKey: string;
  sequenceNumber: number;
  /** The record fields of the payload (header removed), compound fields as their parts (`Name` → `FirstName`, `LastName`). */
  fields: Record<string, FieldValue>;
}

export class MalformedChangeEventError extends Error {
  constructor(readonly reason: string) {
    super(`Not a Salesforce change event from Event Relay: ${reason}. Check the channel members and the EventBridge rule feeding the directory-sync queue.`);
    this.name = 'MalformedChangeEventError';
  }
}

/** Record fields of the payload; a compound field (Name, an address) becomes its parts, which are fields of the record too. */
function flatten(payload: Record<string, unknown>): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (name === 'ChangeEventHeader') continue;
    if (isCompound(value)) for (const [part, partValue] of Object.entries(value)) fields[part] = scalar(partValue);
    else fields[name] = scalar(value);
  }
  return fields;
}

function isCompound(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function scalar(value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Field names as the record has them: `Name.LastName` → `LastName`; a compound `Name` → its parts in the payload. */
function recordFieldNames(names: string[], payload: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const dot = name.indexOf('.');
    if (dot > 0) out.add(name.slice(dot + 1));
    else if (isCompound(payload[name])) for (const part of Object.keys(payload[name] as object)) out.add(part);
    else out.add(name);
  }
  return [...out];
}

/** Parses one relayed event; throws MalformedChangeEventError naming every problem. */
export function parseChangeEvent(input: unknown): ChangeEvent {
  const parsed = relayEventSchema.safeParse(input);
  if (!parsed.success) throw new MalformedChangeEventError(issueLines(parsed.error).join('; '));
  const { id, 'detail-type': detailType, detail } = parsed.data;
  const header = detail.payload.ChangeEventHeader;
  const expectedType = `${header.entityName}ChangeEvent`;
  if (detailType !== expectedType)
    throw new MalformedChangeEventError(
      `detail-type "${detailType}" does not match ChangeEventHeader.entityName ${header.entityName} (expected "${expectedType}")`,
    );
  if (header.changeType !== 'GAP_OVERFLOW' && header.recordIds.length === 0)
    throw new MalformedChangeEventError(`detail.payload.ChangeEventHeader.recordIds: an event of type ${header.changeType} names at least one record`);
  return {
    eventId: id,
    entity: header.entityName,
    recordIds: header.recordIds,
    changeType: header.changeType,
    changedFields: recordFieldNames(header.changedFields, detail.payload),
    nulledFields: recordFieldNames(header.nulledFields, detail.payload),
    commitTimestamp: header.commitTimestamp,
    transactionKey: header.transactionKey,
    sequenceNumber: header.sequenceNumber,
    fields: flatten(detail.payload),
  };
}

/** A wildcard record id (`001*`): the change touched every record of the entity. */
export function isWildcardId(id: string): boolean {
  return WILDCARD_ID.test(id);
}
