import type { CallerRecordType } from './caller-profile';

/** The channels and initiation methods Connect sends; unknown values are kept as strings. */
export type Channel = 'VOICE' | 'CHAT' | 'TASK' | 'EMAIL';

export type CustomerNumberStatus = 'valid' | 'anonymous' | 'missing' | 'invalid';

/** What route-call knows about the contact from the Connect event, after parsing and normalising. */
export interface CallFacts {
  contactId: string;
  channel: Channel;
  initiationMethod: string;
  /** E.164, or null when the number is anonymous, withheld, missing or not a phone number. */
  customerNumber: string | null;
  customerNumberStatus: CustomerNumberStatus;
  /** The number the customer dialled (system endpoint), E.164 or null. */
  dialledNumber: string | null;
  /** DTMF menu choice, from the flow's parameters or contact attributes; '' when none. */
  ivrChoice: string;
  /** Lex intent name; '' when none. */
  lexIntent: string;
}

/** Which source decided who the caller is (the response's and the Task's profileSource). */
export const PROFILE_SOURCE_NAMES = ['directory', 'live lookup', 'cache', 'none'] as const;
export type ProfileSourceName = (typeof PROFILE_SOURCE_NAMES)[number];

/** A decision made by route-call: stored by ContactId for call logging, and mapped to the flow response. */
export interface RoutingDecision {
  contactId: string;
  decidedAt: string;
  channel: Channel;
  initiationMethod: string;
  /** E.164 of the caller, kept for caller history and call logging; never logged. */
  phoneE164: string | null;
  caller: {
    known: boolean;
    matchCount: number;
    recordId: string;
    recordType: CallerRecordType | '';
    name: string;
    accountId: string;
    accountName: string;
    ownerId: string;
  };
  intent: { name: string; confidence: number; reasons: string[] };
  value: { score: number; tier: string; reasons: string[] };
  route: {
    queueName: string;
    queueArn: string;
    priority: number;
    /** The Connect agent (user) id to offer the call to first, as AgentsCriteria.AgentIds takes it; '' for none. */
    preferredAgentId: string;
    /** The same agent's ARN (under the target queue's instance); '' for none. */
    preferredAgentArn: string;
    preferredAgentTimeoutSeconds: number;
    rule: string;
    reason: string;
  };
  screenPopRecordId: string;
  whisper: string;
  degraded: boolean;
  decisionMs: number;
  /** Set by route-call; decisions stored before the caller directory have none. */
  profileSource?: ProfileSourceName;
}
