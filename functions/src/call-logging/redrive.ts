import type { DeadLetter, DeadLetterQueue } from '../ports';

/**
 * Redrive: each parked message is offered again to where it came from; what is accepted leaves the
 * dead-letter queue, what is refused stays there (with its original reason).
 */
export interface RedriveReport {
  redriven: number;
  remaining: number;
}

/** `resend` returns true when the message was accepted (queued again, or processed without failure). */
export async function redriveDeadLetters(dlq: DeadLetterQueue, resend: (letters: DeadLetter[]) => Promise<Set<string>>, max = 10_000): Promise<RedriveReport> {
  const letters = await dlq.list(max);
  const accepted = letters.length ? await resend(letters) : new Set<string>();
  await dlq.remove([...accepted]);
  return { redriven: accepted.size, remaining: letters.length - accepted.size };
}
