/**
 * What the handling scorer reads: a transcript as Contact Lens writes it (redacted text as it comes,
 * `[PII]` kept) and the conversation characteristics it measured. The contact-lens adapter builds it.
 */
export type Speaker = 'AGENT' | 'CUSTOMER' | 'SYSTEM';
export type HandlingChannel = 'VOICE' | 'CHAT';

export interface Turn {
  speaker: Speaker;
  text: string;
  /** Offsets from the start of the conversation; chat transcripts have none. */
  beginMillis?: number;
  endMillis?: number;
  /** Contact Lens detected an outcome or an action item in this turn. */
  detected: ('outcome' | 'actionItem')[];
}

export interface HandlingTranscript {
  channel: HandlingChannel;
  durationMillis?: number;
  turns: Turn[];
  /** Times the agent talked over the customer, as Contact Lens counted them. */
  agentInterruptions?: number;
  talkMillis?: { agent: number; customer: number };
  nonTalkMillis?: number;
  /** Contact Lens categories of the org that matched the call. */
  categories: string[];
}

/** Facts about the call that decide which variant and which steps apply; an unknown fact never excludes. */
export interface HandlingContext {
  intent?: string;
  queue?: string;
  direction?: 'INBOUND' | 'OUTBOUND' | 'TRANSFER' | 'CALLBACK';
  /** True when the rep recorded a disposition for the contact. */
  dispositionRecorded?: boolean;
}

/** "m:ss" for an offset in milliseconds. */
export function clockOffset(millis: number): string {
  const total = Math.floor(millis / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
