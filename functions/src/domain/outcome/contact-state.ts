/**
 * A contact's state, merged from Amazon Connect contact events that arrive at least once and in any
 * order. The merge is commutative and idempotent: every field keeps the value from the latest snapshot
 * that carried it (ties broken by value), timestamps that only happen once keep the earliest value.
 */

export const CONTACT_EVENT_TYPES = [
  'INITIATED',
  'CONNECTED_TO_SYSTEM',
  'CONTACT_DATA_UPDATED',
  'QUEUED',
  'CONNECTED_TO_AGENT',
  'DISCONNECTED',
  'COMPLETED',
] as const;
export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number] | (string & {});

/** One contact event, as parsed from EventBridge's "Amazon Connect Contact Event" detail. */
export interface ContactEvent {
  /** EventBridge event id: the same delivery twice has the same id. */
  eventId: string;
  /** EventBridge `time` (ISO): orders snapshots of the same contact. */
  time: string;
  eventType: ContactEventType;
  contactId: string;
  initialContactId?: string;
  previousContactId?: string;
  channel?: string;
  initiationMethod?: string;
  initiationTimestamp?: string;
  connectedToSystemTimestamp?: string;
  disconnectTimestamp?: string;
  disconnectReason?: string;
  queueArn?: string;
  queueName?: string;
  enqueueTimestamp?: string;
  agentArn?: string;
  connectedToAgentTimestamp?: string;
  afterContactWorkStartTimestamp?: string;
  afterContactWorkEndTimestamp?: string;
  afterContactWorkDuration?: number;
  customerHoldDuration?: number;
  recordingLocation?: string;
  attributes?: Record<string, string>;
}

/** A value and the time of the snapshot it came from. */
interface Stamped<T> {
  v: T;
  at: string;
}

type Latest = 'channel' | 'initiationMethod' | 'initialContactId' | 'previousContactId' | 'disconnectReason' | 'queueArn' | 'queueName' | 'enqueueTimestamp' | 'agentArn' | 'afterContactWorkDuration' | 'customerHoldDuration' | 'recordingLocation' | 'afterContactWorkEndTimestamp';
type Earliest = 'initiationTimestamp' | 'connectedToSystemTimestamp' | 'connectedToAgentTimestamp' | 'disconnectTimestamp' | 'afterContactWorkStartTimestamp';

const LATEST_FIELDS: readonly Latest[] = ['channel', 'initiationMethod', 'initialContactId', 'previousContactId', 'disconnectReason', 'queueArn', 'queueName', 'enqueueTimestamp', 'agentArn', 'afterContactWorkDuration', 'customerHoldDuration', 'recordingLocation', 'afterContactWorkEndTimestamp'];
const EARLIEST_FIELDS: readonly Earliest[] = ['initiationTimestamp', 'connectedToSystemTimestamp', 'connectedToAgentTimestamp', 'disconnectTimestamp', 'afterContactWorkStartTimestamp'];

export interface ContactState {
  contactId: string;
  /** Event types seen, sorted. */
  seen: string[];
  latest: Partial<{ [K in Latest]: Stamped<NonNullable<ContactEvent[K]>> }>;
  earliest: Partial<Record<Earliest, string>>;
  attributes: Record<string, Stamped<string>>;
  /** Set when another contact names this one as its previous contact (a transfer out). */
  nextContactId?: string;
}

export function emptyContactState(contactId: string): ContactState {
  return { contactId, seen: [], latest: {}, earliest: {}, attributes: {} };
}

function newer<T>(a: Stamped<T> | undefined, b: Stamped<T>): Stamped<T> {
  if (!a) return b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return String(a.v) >= String(b.v) ? a : b;
}

function minIso(a: string | undefined, b: string): string {
  return a === undefined || b < a ? b : a;
}

/** Merges one event into the state. merge(merge(s, a), b) equals merge(merge(s, b), a), and merge(s, a) twice equals once. */
export function mergeContactEvent(state: ContactState, event: ContactEvent): ContactState {
  if (event.contactId !== state.contactId) {
    throw new Error(`Event for contact ${event.contactId} cannot be merged into contact ${state.contactId}`);
  }
  const latest = { ...state.latest } as Record<string, Stamped<unknown>>;
  for (const field of LATEST_FIELDS) {
    const value = event[field];
    if (value !== undefined && value !== '') latest[field] = newer(latest[field], { v: value, at: event.time });
  }
  const earliest = { ...state.earliest };
  for (const field of EARLIEST_FIELDS) {
    const value = event[field];
    if (value) earliest[field] = minIso(earliest[field], value);
  }
  const attributes = { ...state.attributes };
  for (const [key, value] of Object.entries(event.attributes ?? {})) {
    attributes[key] = newer(attributes[key], { v: value, at: event.time });
  }
  const seen = [...new Set([...state.seen, event.eventType])].sort();
  return { ...state, seen, latest: latest as ContactState['latest'], earliest, attributes };
}

/** Plain view of a state: the latest value of each field. */
export function contactFacts(state: ContactState): Omit<ContactEvent, 'eventId' | 'time' | 'eventType'> & { attributes: Record<string, string>; seen: string[]; nextContactId?: string } {
  const latest = Object.fromEntries(Object.entries(state.latest).map(([k, s]) => [k, (s as Stamped<unknown>).v]));
  const attributes = Object.fromEntries(Object.entries(state.attributes).map(([k, s]) => [k, s.v]));
  return { contactId: state.contactId, ...latest, ...state.earliest, attributes, seen: state.seen, nextContactId: state.nextContactId };
}

/** True once the call has ended: a Task can be written. */
export function hasEnded(state: ContactState): boolean {
  return state.seen.includes('DISCONNECTED') || state.seen.includes('COMPLETED') || !!state.earliest.disconnectTimestamp;
}

/** Records that the call went on as another contact (a transfer). Idempotent. */
export function withNextContact(state: ContactState, nextContactId: string): ContactState {
  const next = state.nextContactId && state.nextContactId > nextContactId ? state.nextContactId : nextContactId;
  return { ...state, nextContactId: next };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

/** Equal states whatever order their fields were set in (a replayed event changes nothing). */
export function sameContactState(a: ContactState | undefined, b: ContactState | undefined): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
