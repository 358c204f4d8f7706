import type { PastCall } from '../routing/caller-profile';

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
