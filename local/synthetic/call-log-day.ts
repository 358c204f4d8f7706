import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';
import type { ContactDetails } from '../../functions/src/domain/outcome/outcome';
import { mulberry32 } from './mulberry32';
import { syntheticAnalysis, syntheticContact, syntheticQueueArn, type SyntheticAnalysisFacts, type SyntheticCall } from './contact-events';

/**
 * A synthetic contact-centre day, deterministic for a seed: answered, abandoned, transferred,
 * outbound and callback calls with their events, DescribeContact details, routing decisions and
 * Contact Lens files. Some callers call twice about the same thing (first-call resolution).
 */
export interface SyntheticDay {
  events: object[];
  details: Map<string, ContactDetails>;
  decisions: RoutingDecision[];
  analyses: object[];
  contactIds: string[];
  /** Queue names by ARN, as DescribeQueue would give them. */
  queues: Map<string, string>;
  /** What the generator made of each contact, for tests that work out the expected Task on their own. */
  truth: Map<string, SyntheticTruth>;
}

/** One contact as generated: the call, the intent it was routed for, where it was transferred, its analysis. */
export interface SyntheticTruth {
  call: SyntheticCall;
  intent?: string;
  transferredTo?: string;
  analysis?: SyntheticAnalysisFacts;
}

const INTENTS = ['billing', 'technical', 'sales', 'cancellation'] as const;
const QUEUES: Record<string, string> = { billing: 'Billing', technical: 'Support', sales: 'Sales', cancellation: 'Retention' };

const contactId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function decisionFor(id: string, at: string, intent: string, phone: string, caller: number): RoutingDecision {
  const known = caller % 5 !== 0;
  const isLead = caller % 7 === 0;
  const recordId = known ? `${isLead ? '00Q' : '003'}${String(caller).padStart(12, '0')}AAA` : '';
  return {
    contactId: id,
    decidedAt: at,
    channel: 'VOICE',
    initiationMethod: 'INBOUND',
    phoneE164: phone,
    caller: {
      known,
      matchCount: known ? 1 : 0,
      recordId,
      recordType: known ? (isLead ? 'Lead' : 'Contact') : '',
      name: '',
      accountId: known && !isLead ? `001${String(caller).padStart(12, '0')}AAA` : '',
      accountName: '',
      ownerId: '',
    },
    intent: { name: intent, confidence: 0.8, reasons: ['ivr'] },
    value: { score: (caller * 37) % 100, tier: (caller * 37) % 100 >= 70 ? 'High' : 'Standard', reasons: [] },
    route: {
      queueName: QUEUES[intent]!,
      queueArn: '',
      priority: 3,
      preferredAgentId: '',
      preferredAgentArn: '',
      preferredAgentTimeoutSeconds: 0,
      rule: `${intent}-default`,
      reason: `Intent ${intent}`,
    },
    screenPopRecordId: recordId,
    whisper: '',
    degraded: caller % 23 === 0,
    decisionMs: 80,
  };
}

export function syntheticDay(calls: number, options: { seed?: number; day?: string; firstContact?: number } = {}): SyntheticDay {
  const rand = mulberry32(options.seed ?? 7);
  const dayStart = Date.parse(`${options.day ?? '2026-11-24'}T08:00:00.000Z`);
  const day: SyntheticDay = {
    events: [],
    details: new Map(),
    decisions: [],
    analyses: [],
    contactIds: [],
    truth: new Map(),
    queues: new Map(Object.values(QUEUES).map((name) => [syntheticQueueArn(name), name])),
  };
  let n = options.firstContact ?? 1;
  for (let i = 0; i < calls; i++) {
    const id = contactId(n++);
    const startAt = new Date(dayStart + Math.floor((i / calls) * 9 * 3600_000)).toISOString();
    const intent = INTENTS[Math.floor(rand() * INTENTS.length)]!;
    // A small pool of callers makes repeat calls about the same intent.
    const caller = 1 + Math.floor(rand() * Math.max(10, calls * 0.8));
    const phone = `+1415555${String(caller % 10000).padStart(4, '0')}`;
    const kind = rand();
    const attributes: Record<string, string> = {
      disposition: rand() < 0.8 ? 'Resolved' : 'Follow-up',
      ...(rand() < 0.6 ? { csat: String(1 + Math.floor(rand() * 5)) } : {}),
      converted: String(intent === 'sales' && rand() < 0.4),
    };
    const answeredCall = {
      queueName: QUEUES[intent],
      queueSeconds: Math.floor(rand() * 120),
      connectedSeconds: 60 + Math.floor(rand() * 500),
      holdSeconds: Math.floor(rand() * 60),
      acwSeconds: Math.floor(rand() * 90),
      attributes,
    };
    let call: SyntheticCall;
    if (kind < 0.12) call = { contactId: id, startAt, queueName: QUEUES[intent], queueSeconds: 30 + Math.floor(rand() * 200) };
    else if (kind < 0.24)
      call = { contactId: id, startAt, method: 'OUTBOUND', connectedSeconds: 60 + Math.floor(rand() * 300), acwSeconds: Math.floor(rand() * 60), attributes };
    else if (kind < 0.32) call = { contactId: id, startAt, method: 'CALLBACK', ...answeredCall };
    else call = { contactId: id, startAt, ...answeredCall };
    const { events, details } = syntheticContact(call);
    day.events.push(...events);
    day.details.set(id, details);
    day.contactIds.push(id);
    const truth: SyntheticTruth = { call, ...(call.method !== 'OUTBOUND' ? { intent } : {}) };
    day.truth.set(id, truth);
    if (call.method !== 'OUTBOUND') day.decisions.push(decisionFor(id, startAt, intent, phone, caller));
    if (kind >= 0.24 && kind < 0.3) {
      // Transferred: the agent hands the caller to another queue, which Connect logs as a new contact.
      const nextId = contactId(n++);
      const nextStart = new Date(Date.parse(startAt) + (answeredCall.queueSeconds + answeredCall.connectedSeconds + 6) * 1000).toISOString();
      const nextCall: SyntheticCall = {
        contactId: nextId,
        previousContactId: id,
        method: 'TRANSFER',
        startAt: nextStart,
        queueName: 'Support',
        queueSeconds: 10,
        connectedSeconds: 120,
        acwSeconds: 30,
        attributes,
      };
      const next = syntheticContact(nextCall);
      truth.transferredTo = nextId;
      day.truth.set(nextId, { call: nextCall });
      day.events.push(...next.events);
      day.details.set(nextId, next.details);
      day.contactIds.push(nextId);
    }
    if (call.connectedSeconds !== undefined) {
      const agentTalk = 20_000 + Math.floor(rand() * 200_000);
      const facts: SyntheticAnalysisFacts = {
        customer: Math.round((rand() * 8 - 3) * 10) / 10,
        agent: Math.round((rand() * 4 + 1) * 10) / 10,
        agentTalkMs: agentTalk,
        customerTalkMs: 20_000 + Math.floor(rand() * 200_000),
        interruptions: Math.floor(rand() * 6),
        categories: rand() < 0.3 ? ['Objection: price'] : [],
        summary: `Customer called about ${intent}. Outcome: ${attributes.disposition}.`,
      };
      truth.analysis = facts;
      day.analyses.push(syntheticAnalysis(id, facts));
    }
  }
  return day;
}
