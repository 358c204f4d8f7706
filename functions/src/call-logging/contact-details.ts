import type { ContactDetails } from '../domain/outcome/outcome';
import { contactFacts, wasAnswered } from '../domain/outcome/contact-state';
import type { RoutingDecision } from '../domain/routing/routing-decision';
import type { ContactDirectory, ContactRecord, ContactStateStore } from '../ports';

/**
 * What the Task needs beyond the events, fetched from Connect as rarely as possible:
 * - DescribeContact once per answered call, when its COMPLETED event says after-call work and the
 *   recording are known (or when `settle` asks, e.g. closing the FCR window of a call whose COMPLETED
 *   never came); the answer is kept with the contact, so later writes (the analysis, FCR) reuse it.
 *   Unanswered calls need nothing from it.
 * - The queue name from the routing decision when it routed to this queue, else DescribeQueue (cached).
 */
export function needsDescribe(record: ContactRecord, settle = false): boolean {
  const state = record.state!;
  return !record.details && wasAnswered(state) && (settle || state.seen.includes('COMPLETED'));
}

export async function contactDetailsOf(
  record: ContactRecord,
  decision: RoutingDecision | undefined,
  deps: { contacts: ContactDirectory; states: ContactStateStore },
  settle = false,
): Promise<{ details?: ContactDetails; record: ContactRecord }> {
  let current = record;
  if (needsDescribe(record, settle)) {
    const described = await deps.contacts.describe(record.contactId);
    if (described) current = await deps.states.update(record.contactId, (cur) => (cur.details ? undefined : { details: described }), record);
  }
  const queueArn = contactFacts(record.state!).queueArn;
  const routedHere = decision && (!queueArn || decision.route.queueArn === queueArn);
  const queueName = !routedHere && queueArn && deps.contacts.queueName ? await deps.contacts.queueName(queueArn) : undefined;
  const details = current.details || queueName ? { ...current.details, ...(queueName ? { queueName } : {}) } : undefined;
  return { details, record: current };
}
