import { contactFlowEvent } from './contact-flow-event';
import { seededRandom, type Random } from '../synthetic/mulberry32';

/**
 * A simulated day of inbound contacts for the demo: first-time and repeat callers the demo org
 * knows, unknown and anonymous callers, a few chats; IVR choices, Lex intents and dialled numbers;
 * most calls in business hours (America/New_York), some before and after.
 */
export type CallerKind = 'known' | 'repeat' | 'unknown' | 'anonymous' | 'chat';

export interface DemoCall {
  at: Date;
  kind: CallerKind;
  contactId: string;
  event: Record<string, unknown>;
}

export interface RoutingDayOptions {
  calls: number;
  /** E.164 numbers the demo org holds, and numbers it does not. */
  knownNumbers: readonly string[];
  unknownNumbers: readonly string[];
  day?: string;
  seed?: number;
}

const DIALLED = ['+18005550100', '+18005550101', '+18005550102', '+18005550199'];
const LEX_INTENTS = ['BuyProduct', 'ReportProblem', 'PayBill', 'RenewContract'];
/** Hours (New York time) and how busy each is; 8–18 are business hours. */
const HOUR_WEIGHTS: Array<[number, number]> = [
  [6, 1],
  [7, 2],
  [8, 6],
  [9, 9],
  [10, 10],
  [11, 10],
  [12, 8],
  [13, 9],
  [14, 10],
  [15, 9],
  [16, 8],
  [17, 6],
  [18, 3],
  [19, 2],
  [20, 1],
  [21, 1],
];
const NEW_YORK_UTC_OFFSET_HOURS = 5; // November: EST

/** The day's calls in time order, made one at a time (only the call times are held). */
export function* routingDay(options: RoutingDayOptions): Generator<DemoCall> {
  const random = seededRandom(options.seed ?? 42);
  const rand = random.next;
  const dayStart = Date.parse(`${options.day ?? '2026-11-24'}T00:00:00Z`);
  const times = Float64Array.from({ length: options.calls }, () => callTime(rand, dayStart)).sort();
  const fresh = [...options.knownNumbers];
  const called: string[] = [];
  for (const [n, time] of times.entries()) {
    const contactId = `demo-${String(n + 1).padStart(5, '0')}-0000-4000-8000-000000000000`;
    const roll = rand();
    let kind: CallerKind = roll < 0.55 ? 'known' : roll < 0.8 ? 'repeat' : roll < 0.92 ? 'unknown' : roll < 0.97 ? 'anonymous' : 'chat';
    if (kind === 'repeat' && called.length === 0) kind = 'known';
    if (kind === 'known' && fresh.length === 0) kind = 'repeat';
    const number = numberFor(kind, random, fresh, called, options.unknownNumbers);
    if (kind === 'known' && number) called.push(number);
    const menu = rand();
    const event = contactFlowEvent({
      contactId,
      channel: kind === 'chat' ? 'CHAT' : 'VOICE',
      ...(kind === 'chat' ? {} : { customerNumber: number ?? 'anonymous' }),
      dialledNumber: random.pick(DIALLED),
      ...(menu < 0.7 ? { ivrChoice: String(1 + Math.floor(rand() * 4)) } : menu < 0.8 ? { lexIntent: random.pick(LEX_INTENTS) } : {}),
    });
    yield { at: new Date(time), kind, contactId, event };
  }
}

function numberFor(kind: CallerKind, random: Random, fresh: string[], called: string[], unknown: readonly string[]): string | undefined {
  if (kind === 'known') return fresh.splice(Math.floor(random.next() * fresh.length), 1)[0];
  if (kind === 'repeat') return random.pick(called);
  if (kind === 'unknown') return random.pick(unknown);
  return undefined;
}

function callTime(rand: () => number, dayStart: number): number {
  const total = HOUR_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rand() * total;
  let hour = HOUR_WEIGHTS[0]![0];
  for (const [h, w] of HOUR_WEIGHTS) {
    hour = h;
    if ((roll -= w) < 0) break;
  }
  return dayStart + (hour + NEW_YORK_UTC_OFFSET_HOURS) * 3600_000 + Math.floor(rand() * 3600_000);
}
