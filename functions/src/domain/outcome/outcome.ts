import type { RoutingDecision } from '../routing/routing-decision';
import { contactFacts, type ContactState } from './contact-state';
import type { ContactAnalysis } from './outcome-analysis';
import type { PastCall } from '../routing/caller-profile';
import { agentOfUser, DEFAULT_DISPOSITIONS, type AgentDefinition, type RoutingPolicy } from '../policy/policy';

/**
 * The outcome of one call, built from its merged contact events, its routing decision, the details
 * DescribeContact adds, and its Contact Lens analysis. Pure: the same inputs give the same outcome.
 */
export type CallDirection = 'inbound' | 'outbound' | 'transfer' | 'callback';

/** Contact attributes the contact flow or the agent sets after the call. */
export const OUTCOME_ATTRIBUTES = { disposition: 'disposition', csat: 'csat', converted: 'converted', ownerId: 'salesforceUserId' } as const;

/**
 * Contact attributes are whatever the contact flow stored, and a flow may store caller input: the Task's owner and
 * disposition are written only when they are trusted values. The owner must be a Salesforce user of the policy's
 * agents (absent: the integration user keeps the Task); the disposition one of the policy's. Anything else is left
 * off the Task and named in `untrusted`, so call logging can count it (never log the value).
 */
export type UntrustedField = 'OwnerId' | 'CallDisposition';

export interface OutcomeTrust {
  agents: readonly Pick<AgentDefinition, 'salesforceUserId'>[];
  dispositions: readonly string[];
}

/** Without a policy no attribute may set the owner, and the default dispositions apply. */
export const DEFAULT_TRUST: OutcomeTrust = { agents: [], dispositions: DEFAULT_DISPOSITIONS };

export const outcomeTrust = (policy: Pick<RoutingPolicy, 'agents' | 'dispositions'>): OutcomeTrust => ({
  agents: policy.agents,
  dispositions: policy.dispositions,
});

const SALESFORCE_USER_ID = /^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/;

/** The trusted owner and disposition an outcome's attributes name (the policy's own spelling), and the fields whose value was not trusted. */
function trustedAttributes(attributes: Record<string, string>, trust: OutcomeTrust): { ownerId?: string; disposition?: string; untrusted: UntrustedField[] } {
  const owner = attributes[OUTCOME_ATTRIBUTES.ownerId]?.trim() || undefined;
  const disposition = attributes[OUTCOME_ATTRIBUTES.disposition]?.trim() || undefined;
  const ownerId = owner && SALESFORCE_USER_ID.test(owner) ? agentOfUser(trust.agents, owner)?.salesforceUserId : undefined;
  const trustedDisposition = disposition && trust.dispositions.find((d) => d.toLowerCase() === disposition.toLowerCase());
  const untrusted: UntrustedField[] = [];
  if (owner && !ownerId) untrusted.push('OwnerId');
  if (disposition && !trustedDisposition) untrusted.push('CallDisposition');
  return { ownerId, disposition: trustedDisposition || undefined, untrusted };
}

/** Details only DescribeContact (and a cached DescribeQueue) have: the events do not carry them. */
export interface ContactDetails {
  holdSeconds?: number;
  afterContactWorkSeconds?: number;
  queueName?: string;
  /** DescribeContact listed a recording of the call. */
  recorded?: boolean;
  attributes?: Record<string, string>;
}

export interface CallOutcome {
  contactId: string;
  direction: CallDirection;
  channel: string;
  startedAt: string;
  whoId?: string;
  whatId?: string;
  ownerId?: string;
  queueName: string;
  agentArn?: string;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  handleSeconds: number;
  answered: boolean;
  abandoned: boolean;
  transferred: boolean;
  disconnectReason?: string;
  /** The contact's page in Amazon Connect, where the rep plays the recording (never a storage key). */
  recordingUrl?: string;
  disposition?: string;
  /** Attribute values left off the Task because they were not trusted (see OutcomeTrust); absent when none. */
  untrusted?: UntrustedField[];
  csat?: number;
  converted?: boolean;
  intent: string;
  intentConfidence?: number;
  valueScore?: number;
  valueTier?: string;
  routingRule?: string;
  routingReason?: string;
  /** Where routing found the caller (the decision's profileSource). */
  profileSource?: string;
  degraded: boolean;
  /** Undefined until a repeat call arrives or the resolution window closes. */
  firstCallResolution?: boolean;
  analysis?: ContactAnalysis;
}

const DIRECTIONS: Record<string, CallDirection> = {
  INBOUND: 'inbound',
  OUTBOUND: 'outbound',
  API: 'outbound',
  CAMPAIGN: 'outbound',
  TRANSFER: 'transfer',
  QUEUE_TRANSFER: 'transfer',
  EXTERNAL_OUTBOUND: 'outbound',
  CALLBACK: 'callback',
};

export class OutcomeNotReadyError extends Error {
  constructor(contactId: string, missing: string) {
    super(`Contact ${contactId} has no ${missing} yet: wait for its INITIATED or DISCONNECTED event before logging it`);
    this.name = 'OutcomeNotReadyError';
  }
}

function seconds(fromIso: string | undefined, toIso: string | undefined): number {
  if (!fromIso || !toIso) return 0;
  return Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}

function parseCsat(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
}

function parseFlag(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  return ['true', 'yes', '1', 'y'].includes(raw.toLowerCase());
}

/** Who the Task is about (WhoId: Contact/Lead) and what (WhatId: Account/Case/Opportunity). */
function relatedRecords(decision: RoutingDecision | undefined): { whoId?: string; whatId?: string } {
  const caller = decision?.caller;
  if (!caller?.known || !caller.recordId) return {};
  const isPerson = caller.recordType === 'Contact' || caller.recordType === 'Lead';
  const whoId = isPerson ? caller.recordId : undefined;
  // A Lead cannot carry a WhatId; a screen-popped Case or Opportunity is more specific than the Account.
  if (caller.recordType === 'Lead') return { whoId };
  const pop = decision!.screenPopRecordId;
  const whatId = pop && (pop.startsWith('500') || pop.startsWith('006')) ? pop : caller.accountId || (isPerson ? undefined : caller.recordId);
  return { whoId, whatId: whatId || undefined };
}

/**
 * The contact details page of a contact in the Amazon Connect admin website (it plays the recording
 * to users allowed to listen): <instance access URL>/contact-trace-records/details/<ContactId>.
 */
export function contactDetailsPageUrl(accessUrl: string, contactId: string): string {
  return `${accessUrl.replace(/\/+$/, '')}/contact-trace-records/details/${encodeURIComponent(contactId)}`;
}

/** The queue's name: the routing decision's when it routed to this queue, else what DescribeQueue said. */
function queueNameOf(queueArn: string | undefined, decision: RoutingDecision | undefined, details: ContactDetails): string {
  if (decision && (!queueArn || decision.route.queueArn === queueArn)) return decision.route.queueName;
  return details.queueName ?? decision?.route.queueName ?? '';
}

export function buildOutcome(input: {
  state: ContactState;
  decision?: RoutingDecision;
  details?: ContactDetails;
  analysis?: ContactAnalysis;
  firstCallResolution?: boolean;
  /** The instance's access URL (https://<alias>.my.connect.aws): recorded calls link to their contact page. */
  connectAccessUrl?: string;
  /** Which owners and dispositions the attributes may set (default: DEFAULT_TRUST). */
  trust?: OutcomeTrust;
}): CallOutcome {
  const { state, decision, details = {} } = input;
  const f = contactFacts(state);
  const attributes = details.attributes ?? {};
  const trusted = trustedAttributes(attributes, input.trust ?? DEFAULT_TRUST);
  const startedAt = f.initiationTimestamp ?? f.connectedToSystemTimestamp ?? f.enqueueTimestamp;
  if (!startedAt) throw new OutcomeNotReadyError(state.contactId, 'initiation timestamp');
  const endedAt = f.disconnectTimestamp;
  const direction = DIRECTIONS[f.initiationMethod ?? decision?.initiationMethod ?? 'INBOUND'] ?? 'inbound';
  const answered = !!f.connectedToAgentTimestamp;
  const queued = !!f.enqueueTimestamp || !!f.queueArn;
  const holdSeconds = details.holdSeconds ?? 0;
  const connectedSeconds = answered ? seconds(f.connectedToAgentTimestamp, endedAt) : 0;
  const talkSeconds = Math.max(0, connectedSeconds - holdSeconds);
  const acwSeconds = details.afterContactWorkSeconds ?? 0;
  const waitSeconds = queued ? seconds(f.enqueueTimestamp, f.connectedToAgentTimestamp ?? endedAt) : 0;
  return {
    contactId: state.contactId,
    direction,
    channel: f.channel ?? decision?.channel ?? 'VOICE',
    startedAt,
    ...relatedRecords(decision),
    ownerId: trusted.ownerId,
    queueName: queueNameOf(f.queueArn, decision, details),
    agentArn: f.agentArn,
    waitSeconds,
    talkSeconds,
    holdSeconds: answered ? holdSeconds : 0,
    acwSeconds: answered ? acwSeconds : 0,
    handleSeconds: answered ? talkSeconds + holdSeconds + acwSeconds : 0,
    answered,
    abandoned: queued && !answered && !!endedAt,
    transferred: !!f.nextContactId || f.disconnectReason === 'TRANSFER' || direction === 'transfer',
    disconnectReason: f.disconnectReason,
    recordingUrl:
      input.connectAccessUrl && answered && (details.recorded || input.analysis) ? contactDetailsPageUrl(input.connectAccessUrl, state.contactId) : undefined,
    disposition: trusted.disposition,
    ...(trusted.untrusted.length > 0 ? { untrusted: trusted.untrusted } : {}),
    csat: parseCsat(attributes[OUTCOME_ATTRIBUTES.csat]),
    converted: parseFlag(attributes[OUTCOME_ATTRIBUTES.converted]),
    intent: decision?.intent.name ?? '',
    intentConfidence: decision?.intent.confidence,
    valueScore: decision?.value.score,
    valueTier: decision?.value.tier,
    routingRule: decision?.route.rule,
    routingReason: decision?.route.reason,
    profileSource: decision?.profileSource,
    degraded: decision?.degraded ?? false,
    firstCallResolution: input.firstCallResolution,
    analysis: input.analysis,
  };
}

/**
 * A transferred leg is a new Connect contact that route-call never saw. Its Task belongs to the same
 * caller, account and need as the contact the caller came in on, but it was not routed by a rule.
 */
export function originContactId(state: ContactState): string | undefined {
  const origin = (state.latest.initialContactId ?? state.latest.previousContactId)?.v;
  return origin && origin !== state.contactId ? origin : undefined;
}

/**
 * The origin's decision as it applies to the transferred leg: caller, intent and value kept; no rule.
 * It keeps the origin's contactId and time, so "last agent" memory lands on the caller's call.
 */
export function transferLegDecision(origin: RoutingDecision): RoutingDecision {
  return {
    ...origin,
    route: {
      ...origin.route,
      rule: '',
      reason: `transferred from contact ${origin.contactId}`,
      preferredAgentId: '',
      preferredAgentArn: '',
      preferredAgentTimeoutSeconds: 0,
    },
    degraded: false,
  };
}

/**
 * First-call resolution: a call resolved the caller's need when the same caller did not call again
 * about the same intent within the policy's window (timing.fcrWindowDays).
 */
const DAY_MS = 86_400_000;

export interface FcrCall {
  contactId: string;
  at: string;
  intent: string;
}

/** The earlier calls that the current call shows were NOT resolved: same intent, inside the window. */
export function unresolvedByRepeat(current: FcrCall, earlier: readonly PastCall[], windowDays: number): string[] {
  if (!current.intent) return [];
  const now = Date.parse(current.at);
  return earlier
    .filter((call) => call.contactId !== current.contactId && call.intent === current.intent)
    .filter((call) => {
      const at = Date.parse(call.at);
      return at < now && now - at <= windowDays * DAY_MS;
    })
    .map((call) => call.contactId);
}

/** Whether a call's window has closed at `now`: it is resolved unless a repeat was already seen. */
export function windowClosed(call: Pick<FcrCall, 'at'>, now: Date, windowDays: number): boolean {
  return now.getTime() - Date.parse(call.at) > windowDays * DAY_MS;
}

/** Since when to look for earlier calls that a call at `atIso` could repeat. */
export function fcrLookbackStart(atIso: string, windowDays: number): string {
  return new Date(Date.parse(atIso) - windowDays * DAY_MS).toISOString();
}

/** The UTC days from `fromDay` to `throughDay` (YYYY-MM-DD), both included. */
export function daysFrom(fromDay: string, throughDay: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${throughDay}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The days to look at when closing windows at `now`: calls that began up to `windowDays` ago, `backlogDays` further back. */
export function closableDays(now: Date, windowDays: number, backlogDays: number): { fromDay: string; throughDay: string } {
  const through = now.getTime() - windowDays * DAY_MS;
  return { fromDay: new Date(through - backlogDays * DAY_MS).toISOString().slice(0, 10), throughDay: new Date(through).toISOString().slice(0, 10) };
}
