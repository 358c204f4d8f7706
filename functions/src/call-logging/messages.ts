import type { CallLoggingDeps, SyncReport } from './call-log-sync';

/** A queued message as call logging sees it (an SQS record, a redriven dead letter, a CLI file). */
export interface InboundMessage {
  messageId: string;
  body: string;
  /** How often the queue has delivered it (SQS ApproximateReceiveCount). */
  receiveCount: number;
  /** The S3 key the body was read from (Contact Lens files): names the contact when the file does not. */
  objectKey?: string;
}

export interface BatchOutcome {
  /** Message ids to hand back to the queue (SQS partial batch response). */
  failedMessageIds: string[];
  parked: number;
  written: SyncReport['written'];
  /** Messages acknowledged without a write: Contact Lens files of the kind this deployment does not import. */
  skipped?: number;
}

export const DEFAULT_MAX_RECEIVES = 5;

/** Parks a message with its reason; false when the dead-letter queue is unreachable (the message is then retried). */
export async function parkMessage(message: InboundMessage, source: string, reason: string, deps: Pick<CallLoggingDeps, 'deadLetters'>): Promise<boolean> {
  try {
    await deps.deadLetters.park({ body: message.body, source, reason });
    return true;
  } catch {
    return false;
  }
}

/** Maps write failures back to messages: retry what can succeed later, park what cannot. */
export async function settleMessages(
  messagesByContact: Map<string, InboundMessage[]>,
  report: SyncReport,
  source: string,
  deps: CallLoggingDeps,
  alreadyFailed: Set<string>,
): Promise<{ failed: string[]; parked: number }> {
  const failed = new Set(alreadyFailed);
  let parked = 0;
  for (const [contactId, failure] of report.failed) {
    for (const message of messagesByContact.get(contactId) ?? []) {
      if (failure.retryable && message.receiveCount < (deps.maxReceives ?? DEFAULT_MAX_RECEIVES)) {
        failed.add(message.messageId);
        continue;
      }
      if (await parkMessage(message, source, `The Call Task of contact ${contactId} was not written: ${failure.code}: ${failure.message}`, deps)) parked++;
      else failed.add(message.messageId);
    }
  }
  return { failed: [...failed], parked };
}
