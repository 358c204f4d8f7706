import type { RoutingPolicy, Weekday } from '../policy/policy';

/** A moment as seen on the clock of a time zone. */
export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local date, weekday and time of `now` in `timeZone` (IANA name), from Intl: no clock read. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/**
 * Whether `now` falls in the policy's business hours, on the clock of policy.timezone: an open day,
 * not a holiday, open ≤ time < close. A close at or before the open time means the hours run past midnight.
 */
export function isBusinessHours(policy: Pick<RoutingPolicy, 'businessHours' | 'timezone'>, now: Date): boolean {
  if (Number.isNaN(now.getTime())) return false;
  const { days, open, close, holidays } = policy.businessHours;
  const local = localTime(now, policy.timezone);
  if (!days.includes(local.weekday) || holidays.includes(local.date)) return false;
  const opens = toMinutes(open);
  const closes = toMinutes(close);
  if (closes > opens) return local.minutes >= opens && local.minutes < closes;
  return local.minutes >= opens || local.minutes < closes;
}

function toMinutes(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}
