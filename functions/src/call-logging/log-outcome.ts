import { parseContactEvent } from '../adapters/connect/contact-event';
import { emptyContactState, mergeContactEvent, sameContactState, withNextContact, type ContactEvent, type ContactState } from '../domain/outcome/contact-state';
import { type BatchOutcome, type CallLoggingDeps, type InboundMessage, parkMessage, settleMessages, syncCallTasks } from './call-log-sync';
import { mapLimit } from '../platform/rate-limiter';
import { CONCURRENCY } from '../platform/settings';

/** Initiation methods of a leg that continues an earlier contact (its PreviousContactId). */
const TRANSFER_METHODS = new Set(['TRANSFER', 'QUEUE_TRANSFER']);

/**
 * log-outcome: a batch of Amazon Connect contact events → merged contact state → Call Tasks.
 * Malformed events are parked with the reason; failed writes are retried or parked per message.
 */
export async function logContactEvents(messages: InboundMessage[], deps: CallLoggingDeps): Promise<BatchOutcome> {
  const events = new Map<string, ContactEvent[]>();
  const messagesByContact = new Map<string, InboundMessage[]>();
  const transfersOut = new Map<string, string>();
  let parked = 0;
  const malformed = new Set<string>();
  for (const message of messages) {
    let event: ContactEvent;
    try {
      event = parseContactEvent(JSON.parse(message.body));
    } catch (error) {
      if (await parkMessage(message, 'contact-event', (error as Error).message, deps)) parked++;
      else malformed.add(message.messageId);
      continue;
    }
    events.set(event.contactId, [...(events.get(event.contactId) ?? []), event]);
    messagesByContact.set(event.contactId, [...(messagesByContact.get(event.contactId) ?? []), message]);
    if (event.previousContactId && TRANSFER_METHODS.has(event.initiationMethod ?? '')) transfersOut.set(event.previousContactId, event.contactId);
  }
  const contactIds = [...new Set([...events.keys(), ...transfersOut.keys()])];
  const records = await deps.states.getMany(contactIds);
  const failed = new Set<string>(malformed);
  await mapLimit(contactIds, CONCURRENCY.contactUpdates, async (contactId) => {
    const merge = (current: ContactState | undefined): ContactState => {
      let state = (events.get(contactId) ?? []).reduce(mergeContactEvent, current ?? emptyContactState(contactId));
      const next = transfersOut.get(contactId);
      if (next) state = withNextContact(state, next);
      return state;
    };
    try {
      const updated = await deps.states.update(
        contactId,
        (cur) => {
          const state = merge(cur.state);
          return sameContactState(state, cur.state) ? undefined : { state };
        },
        records.get(contactId),
      );
      records.set(contactId, updated);
    } catch {
      for (const m of messagesByContact.get(contactId) ?? []) failed.add(m.messageId);
      records.delete(contactId);
    }
  });
  const report = await syncCallTasks(
    contactIds.filter((id) => records.has(id)),
    records,
    deps,
  );
  const settled = await settleMessages(messagesByContact, report, 'contact-event', deps, failed);
  return { failedMessageIds: settled.failed, parked: parked + settled.parked, written: report.written };
}
