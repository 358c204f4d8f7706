/**
 * A contact's state, merged from Amazon Connect contact events that arrive at least once and in any
 * order. The merge is commutative and idempotent: every field keeps the value from the latest snapshot
 * that carried it (ties broken by value), timestamps that only happen once keep the earliest value.
 * Only fields of the documented data model ("Amazon Connect contact events") are kept; a placeholder
 * timestamp (CONTACT_DATA_UPDATED carries `1970-01-01T00:00:00.001Z` for what has not happened) or one
 * before the contact's initiation means "not set".
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
  enqueueTimestamp?: string;
  agentArn?: string;
  connectedToAgentTimestamp?: string;
}

/** A value and the time of the snapshot it came from. */
interface Stamped<T> {
  v: T;
  at: string;
}

type Latest = 'channel' | 'initiationMethod' | 'initialContactId' | 'previousContactId' | 'disconnectReason' | 'queueArn' | 'enqueueTimestamp' | 'agentArn';
type Earliest = 'initiationTimestamp' | 'connectedToSystemTimestamp' | 'connectedToAgentTimestamp' | 'disconnectTimestamp';

const LATEST_FIELDS: readonly Latest[] = [
  'channel',
  'initiationMethod',
  'initialContactId',
  'previousContactId',
  'disconnectReason',
  'queueArn',
  'enqueueTimestamp',
  'agentArn',
];
const EARLIEST_FIELDS: readonly Earliest[] = ['initiationTimestamp', 'connectedToSystemTimestamp', 'connectedToAgentTimestamp', 'disconnectTimestamp'];
const TIMESTAMPS = ['initiationTimestamp', 'connectedToSystemTimestamp', 'connectedToAgentTimestamp', 'disconnectTimestamp', 'enqueueTimestamp'] as const;
/** Amazon Connect did not exist before this: anything earlier (the 1970 placeholder) is "not set". */
const EARLIEST_POSSIBLE = '2017-01-01T00:00:00.000Z';

export interface ContactState {
  contactId: string;
  /** Event types seen, sorted. */
  seen: string[];
  latest: Partial<{ [K in Latest]: Stamped<NonNullable<ContactEvent[K]>> }>;
  earliest: Partial<Record<Earliest, string>>;
  /** Set when another contact names this one as its previous contact (a transfer out). */
  nextContactId?: string;
}

export function emptyContactState(contactId: string): ContactState {
  return { contactId, seen: [], latest: {}, earliest: {} };
}

function newer<T>(a: Stamped<T> | undefined, b: Stamped<T>): Stamped<T> {
  if (!a) return b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return String(a.v) >= String(b.v) ? a : b;
}

function minIso(a: string | undefined, b: string): string {
  return a === undefined || b < a ? b : a;
}

const instant = (iso: string): number => Date.parse(iso);

/** A timestamp that cannot be real: unparsable, the placeholder, or before the contact was initiated. */
function impossible(value: string, initiation: string | undefined): boolean {
  const at = instant(value);
  if (Number.isNaN(at) || at < instant(EARLIEST_POSSIBLE)) return true;
  return initiation !== undefined && !Number.isNaN(instant(initiation)) && at < instant(initiation);
}

/** The event with its placeholder and impossible timestamps removed: they mean "not set". */
export function withoutPlaceholders(event: ContactEvent): ContactEvent {
  const initiation = event.initiationTimestamp && !impossible(event.initiationTimestamp, undefined) ? event.initiationTimestamp : undefined;
  const clean: ContactEvent = { ...event };
  for (const field of TIMESTAMPS) {
    const value = clean[field];
    if (value !== undefined && impossible(value, field === 'initiationTimestamp' ? undefined : initiation)) delete clean[field];
  }
  return clean;
}

/** Merges one event into the state. merge(merge(s, a), b) equals merge(merge(s, b), a), and merge(s, a) twice equals once. */
export function mergeContactEvent(state: ContactState, raw: ContactEvent): ContactState {
  if (raw.contactId !== state.contactId) {
    throw new Error(`Event for contact ${raw.contactId} cannot be merged into contact ${state.contactId}`);
  }
  const event = withoutPlaceholders(raw);
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
  const seen = [...new Set([...state.seen, event.eventType])].sort();
  return { ...state, seen, latest: latest as ContactState['latest'], earliest };
}

type Facts = Omit<ContactEvent, 'eventId' | 'time' | 'eventType'> & { seen: string[]; nextContactId?: string };

/**
 * Plain view of a state: the latest value of each field. A timestamp before the merged initiation is
 * dropped here too, for events that did not carry their own initiation (the view is a function of the
 * state, so the merge stays order-independent).
 */
export function contactFacts(state: ContactState): Facts {
  const latest = Object.fromEntries(Object.entries(state.latest).map(([k, s]) => [k, (s as Stamped<unknown>).v]));
  const facts: Facts = { contactId: state.contactId, ...latest, ...state.earliest, seen: state.seen, nextContactId: state.nextContactId };
  for (const field of TIMESTAMPS) {
    const value = facts[field];
    if (field !== 'initiationTimestamp' && value !== undefined && impossible(value, facts.initiationTimestamp)) delete facts[field];
  }
  return facts;
}

/** True once the call reached an agent (a real connected-to-agent time, not a placeholder). */
export function wasAnswered(state: ContactState): boolean {
  return contactFacts(state).connectedToAgentTimestamp !== undefined;
}

/** True once the call has ended: a Task can be written. */
export function hasEnded(state: ContactState): boolean {
  return state.seen.includes('DISCONNECTED') || state.seen.includes('COMPLETED') || contactFacts(state).disconnectTimestamp !== undefined;
}

/** Records that the call went on as another contact (a transfer). Idempotent. */
export function withNextContact(state: ContactState, nextContactId: string): ContactState {
  const next = state.nextContactId && state.nextContactId > nextContactId ? state.nextContactId : nextContactId;
  return { ...state, nextContactId: next };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** Equal states whatever order their fields were set in (a replayed event changes nothing). */
export function sameContactState(a: ContactState | undefined, b: ContactState | undefined): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
