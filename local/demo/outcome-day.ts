import { syntheticAnalysis, syntheticContact, type SyntheticCall } from '../synthetic/contact-events';
import type { ContactDetails } from '../../functions/src/domain/outcome/outcome';
import type { RoutingDecision } from '../../functions/src/domain/routing/routing-decision';
import { seededRandom } from '../synthetic/mulberry32';
import { syntheticHandlingLines, transcriptTurns } from '../synthetic/handling-transcript';

/**
 * What happens to the demo day's routed calls after routing: most are answered and wrapped up,
 * some abandoned in the queue, some transferred; reps also place outbound calls. Produces, a page
 * of routed calls at a time, the Connect contact events, DescribeContact details and Contact Lens
 * files call logging consumes. The same calls and seed give the same page contents on every pass.
 */
export interface OutcomePage {
  events: object[];
  analyses: object[];
  details: Map<string, ContactDetails>;
  contactIds: string[];
}

/** What outcomes need of a routing decision (a day's worth is kept between the phases). */
export type RoutedCall = Pick<RoutingDecision, 'contactId' | 'decidedAt' | 'channel'> & { intent: string; queueName: string; priority: number };

export function routedCall(decision: RoutingDecision): RoutedCall {
  const { contactId, decidedAt, channel } = decision;
  return { contactId, decidedAt, channel, intent: decision.intent.name, queueName: decision.route.queueName, priority: decision.route.priority };
}

export function* outcomePages(calls: readonly RoutedCall[], pageSize: number, seed = 7): Generator<OutcomePage> {
  const rand = seededRandom(seed).next;
  for (let start = 0; start < calls.length; start += pageSize) {
    const page: OutcomePage = { events: [], analyses: [], details: new Map(), contactIds: [] };
    calls.slice(start, start + pageSize).forEach((call, i) => outcomeOf(call, start + i, rand, page));
    yield page;
  }
}

function outcomeOf(call: RoutedCall, n: number, rand: () => number, page: OutcomePage): void {
  const add = (c: SyntheticCall) => {
    const { events, details } = syntheticContact(c);
    page.events.push(...events);
    page.details.set(c.contactId, details);
    page.contactIds.push(c.contactId);
  };
  if (call.channel !== 'VOICE') return;
  const { intent, queueName } = call;
  // How well the rep handles the call (0–1): varies by team, and better handling goes with better outcomes.
  const quality = Math.min(1, Math.max(0, (TEAM_HANDLING[queueName] ?? 0.75) + (rand() - 0.5) * 0.5));
  const attributes: Record<string, string> = {
    disposition: rand() < 0.5 + 0.45 * quality ? 'Resolved' : 'Follow-up',
    ...(rand() < 0.6 ? { csat: String(Math.min(5, Math.max(1, Math.round(1.5 + 3.5 * quality + (rand() - 0.5) * 1.5)))) } : {}),
    converted: String(intent === 'sales' && rand() < 0.1 + 0.45 * quality),
  };
  const roll = rand();
  const queueSeconds = Math.floor(rand() * (call.priority <= 2 ? 30 : 150));
  if (roll < 0.08) return add({ contactId: call.contactId, startAt: call.decidedAt, queueName, queueSeconds: queueSeconds + 60 });
  const answered = {
    queueName,
    queueSeconds,
    connectedSeconds: 90 + Math.floor(rand() * 480),
    holdSeconds: Math.floor(rand() * 45),
    acwSeconds: 15 + Math.floor(rand() * 75),
    attributes,
  };
  add({ contactId: call.contactId, startAt: call.decidedAt, ...answered });
  page.analyses.push(analysisFor(call.contactId, intent, attributes.disposition!, quality, rand));
  if (roll < 0.14) {
    const transferId = `${call.contactId.slice(0, -4)}t${String(n % 1000).padStart(3, '0')}`;
    const startAt = new Date(Date.parse(call.decidedAt) + (queueSeconds + answered.connectedSeconds + 6) * 1000).toISOString();
    add({
      contactId: transferId,
      previousContactId: call.contactId,
      method: 'TRANSFER',
      startAt,
      queueName: 'Support',
      queueSeconds: 10,
      connectedSeconds: 120,
      acwSeconds: 30,
      attributes,
    });
  }
  if (roll > 0.93) {
    const outboundId = `${call.contactId.slice(0, -4)}o${String(n % 1000).padStart(3, '0')}`;
    const startAt = new Date(Date.parse(call.decidedAt) + 3600_000).toISOString();
    add({ contactId: outboundId, method: 'OUTBOUND', startAt, connectedSeconds: 60 + Math.floor(rand() * 240), acwSeconds: 20, attributes });
  }
}

/** Average handling quality per team (queue): the demo's coaching view has a weaker and a stronger team. */
const TEAM_HANDLING: Record<string, number> = { Sales: 0.6, Billing: 0.7, Support: 0.8, VIP: 0.9, Renewals: 0.75 };

function analysisFor(contactId: string, intent: string, disposition: string, quality: number, rand: () => number): object {
  const agentTalkMs = 20_000 + Math.floor(rand() * 200_000);
  const customerTalkMs = 20_000 + Math.floor(rand() * 200_000);
  return syntheticAnalysis(contactId, {
    customer: Math.round((rand() * 8 - 3) * 10) / 10,
    agent: Math.round((rand() * 4 + 1) * 10) / 10,
    agentTalkMs,
    customerTalkMs,
    interruptions: Math.floor(rand() * 6),
    transcript: transcriptTurns(syntheticHandlingLines(intent, quality, rand), agentTalkMs + customerTalkMs),
    categories: rand() < 0.3 ? ['Objection: price'] : rand() < 0.1 ? ['Compliance: recording disclosure'] : [],
    summary: `Customer called about ${intent}. Outcome: ${disposition}.`,
  });
}
