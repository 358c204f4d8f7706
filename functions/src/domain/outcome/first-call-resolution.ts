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

/** The UTC days from `fromDay` to `throughDay` (YYYY-MM-DD), both included. */
export function daysFrom(fromDay: string, throughDay: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${throughDay}T00:00:00Z`); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The days to look at when closing windows at `now`: calls that began up to `windowDays` ago, `backlogDays` further back. */
export function closableDays(now: Date, windowDays: number, backlogDays: number): { fromDay: string; throughDay: string } {
  const through = now.getTime() - windowDays * DAY_MS;
  return { fromDay: new Date(through - backlogDays * DAY_MS).toISOString().slice(0, 10), throughDay: new Date(through).toISOString().slice(0, 10) };
}
