import { randomUUID } from 'node:crypto';
import type { ConnectContactEvent } from '../../functions/src/adapters/connect/contact-event';
import type { ContactDetails } from '../../functions/src/domain/outcome/outcome';

/**
 * Synthetic Amazon Connect contact events and Contact Lens files, shaped exactly like the real ones:
 * used by the demo day, the fixtures, the reliability test and the benchmark.
 */
export interface SyntheticCall {
  contactId: string;
  startAt: string;
  method?: 'INBOUND' | 'OUTBOUND' | 'TRANSFER' | 'CALLBACK' | 'API';
  previousContactId?: string;
  queueSeconds?: number;
  /** Seconds connected to an agent; undefined = never answered (abandoned when queued). */
  connectedSeconds?: number;
  holdSeconds?: number;
  acwSeconds?: number;
  disconnectReason?: string;
  queueName?: string;
  attributes?: Record<string, string>;
}

const INSTANCE = 'arn:aws:connect:eu-west-1:111122223333:instance/5e0d1f2c-0000-4000-8000-000000000001';
/** The ARN of the synthetic instance's queue of that name (what DescribeQueue would name). */
export const syntheticQueueArn = (queueName: string) => `${INSTANCE}/queue/${queueName.toLowerCase()}`;
const at = (start: string, seconds: number) => new Date(Date.parse(start) + seconds * 1000).toISOString();

/**
 * The events Connect would send for a call (the documented data model only: queue and agent by ARN,
 * no hold, after-call work, attributes or recording), and what DescribeContact would add.
 */
export function syntheticContact(call: SyntheticCall): { events: ConnectContactEvent[]; details: ContactDetails } {
  const method = call.method ?? 'INBOUND';
  const queued = method !== 'OUTBOUND' && method !== 'API';
  const queueSeconds = call.queueSeconds ?? (queued ? 20 : 0);
  const answered = call.connectedSeconds !== undefined;
  const connectedAt = at(call.startAt, 5 + queueSeconds);
  const disconnectAt = answered ? at(connectedAt, call.connectedSeconds!) : at(call.startAt, 5 + queueSeconds);
  const acw = answered ? (call.acwSeconds ?? 0) : 0;
  const base = {
    contactId: call.contactId,
    channel: 'VOICE',
    instanceArn: INSTANCE,
    initiationMethod: method,
    initiationTimestamp: call.startAt,
    ...(call.previousContactId ? { previousContactId: call.previousContactId, initialContactId: call.previousContactId } : {}),
  };
  const queueInfo = queued
    ? { queueArn: syntheticQueueArn(call.queueName ?? 'Support'), enqueueTimestamp: at(call.startAt, 5), queueType: 'STANDARD' }
    : undefined;
  const agentInfo = answered ? { agentArn: `${INSTANCE}/agent/agent-1`, connectedToAgentTimestamp: connectedAt } : undefined;
  const event = (eventType: string, seconds: number, detail: Record<string, unknown>): ConnectContactEvent => ({
    id: randomUUID(),
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    time: at(call.startAt, seconds),
    detail: { eventType, ...base, ...detail } as ConnectContactEvent['detail'],
  });
  const disconnected = {
    disconnectTimestamp: disconnectAt,
    disconnectReason: call.disconnectReason ?? (answered ? 'CUSTOMER_DISCONNECT' : 'CUSTOMER_DISCONNECT'),
    ...(queueInfo ? { queueInfo } : {}),
    ...(agentInfo ? { agentInfo } : {}),
  };
  const events = [event('INITIATED', 0, {})];
  if (queued) events.push(event('QUEUED', 5, { queueInfo }));
  if (answered) events.push(event('CONNECTED_TO_AGENT', 5 + queueSeconds, { ...(queueInfo ? { queueInfo } : {}), agentInfo }));
  const endSeconds = (Date.parse(disconnectAt) - Date.parse(call.startAt)) / 1000;
  events.push(event('DISCONNECTED', endSeconds, disconnected));
  events.push(event('COMPLETED', endSeconds + acw, disconnected));
  const details: ContactDetails = {
    holdSeconds: answered ? (call.holdSeconds ?? 0) : undefined,
    afterContactWorkSeconds: answered ? acw : undefined,
    attributes: call.attributes ?? {},
    recorded: answered,
  };
  return { events, details };
}

/**
 * A Contact Lens post-call analysis file for a call, shaped like AWS's documented redacted example
 * (VOICE-2022-11-30; see test/fixtures/contact-lens/README.md), with the contact id in CustomerMetadata.
 */
export interface SyntheticAnalysisFacts {
  customer: number;
  agent: number;
  agentTalkMs: number;
  customerTalkMs: number;
  interruptions: number;
  categories: string[];
  summary?: string;
  transcript?: object[];
}

export function syntheticAnalysis(contactId: string, f: SyntheticAnalysisFacts): object {
  const quarters = [f.customer - 2, f.customer - 1, f.customer, f.customer + 0.5].map((Score, i) => ({
    BeginOffsetMillis: i * 10_000,
    EndOffsetMillis: (i + 1) * 10_000,
    Score,
  }));
  return {
    Version: 'VOICE-2022-11-30',
    AccountId: '111122223333',
    Channel: 'VOICE',
    ContentMetadata: {
      Output: 'Redacted',
      RedactionTypes: ['PII'],
      RedactionTypesMetadata: { PII: { RedactionEntitiesRequested: ['NAME'], RedactionMaskMode: 'PII' } },
    },
    CustomerMetadata: { ContactId: contactId, InstanceId: '5e0d1f2c-0000-4000-8000-000000000001' },
    JobStatus: 'COMPLETED',
    LanguageCode: 'en-US',
    Participants: [
      { ParticipantId: 'CUSTOMER', ParticipantRole: 'CUSTOMER' },
      { ParticipantId: 'AGENT', ParticipantRole: 'AGENT' },
    ],
    Categories: { MatchedCategories: f.categories, MatchedDetails: {} },
    ConversationCharacteristics: {
      ...(f.summary ? { ContactSummary: { PostContactSummary: { Content: f.summary } } } : {}),
      TotalConversationDurationMillis: f.agentTalkMs + f.customerTalkMs + 5000,
      Sentiment: { OverallSentiment: { AGENT: f.agent, CUSTOMER: f.customer }, SentimentByPeriod: { QUARTER: { CUSTOMER: quarters } } },
      Interruptions: { InterruptionsByInterrupter: {}, TotalCount: f.interruptions, TotalTimeMillis: f.interruptions * 800 },
      NonTalkTime: { TotalTimeMillis: 5000, Instances: [] },
      TalkSpeed: { DetailsByParticipant: { AGENT: { AverageWordsPerMinute: 150 }, CUSTOMER: { AverageWordsPerMinute: 140 } } },
      TalkTime: {
        TotalTimeMillis: f.agentTalkMs + f.customerTalkMs,
        DetailsByParticipant: { AGENT: { TotalTimeMillis: f.agentTalkMs }, CUSTOMER: { TotalTimeMillis: f.customerTalkMs } },
      },
    },
    CustomModels: [],
    Transcript: f.transcript ?? [
      {
        BeginOffsetMillis: 0,
        EndOffsetMillis: 3000,
        Id: 't1',
        ParticipantId: 'CUSTOMER',
        Content: 'My invoice is wrong this month.',
        Sentiment: 'NEGATIVE',
        IssuesDetected: [{ CharacterOffsets: { BeginOffsetChar: 0, EndOffsetChar: 30 }, Text: 'My invoice is wrong this month' }],
      },
      {
        BeginOffsetMillis: 3000,
        EndOffsetMillis: 6000,
        Id: 't2',
        ParticipantId: 'AGENT',
        Content: 'I have corrected it and sent a new one.',
        Sentiment: 'POSITIVE',
      },
    ],
  };
}
