import { isBusinessHours, localTime } from '../../../functions/src/domain/routing/business-hours';
import { type RoutingPolicy, RoutingPolicySchema } from '../../../functions/src/domain/policy/policy';
import { policy } from './fixtures';

describe('isBusinessHours with the default policy (Mon–Fri 08:00–18:00, America/New_York)', () => {
  it.each([
    ['Tuesday 10:00 EST', '2026-11-24T15:00:00Z', true],
    ['Tuesday 07:59 EST (12:59 UTC)', '2026-11-24T12:59:00Z', false],
    ['Tuesday 08:00 EST (13:00 UTC)', '2026-11-24T13:00:00Z', true],
    ['Tuesday 17:59 EST (22:59 UTC)', '2026-11-24T22:59:00Z', true],
    ['Tuesday 18:00 EST (23:00 UTC)', '2026-11-24T23:00:00Z', false],
    ['Wednesday 00:30 UTC is still Tuesday 19:30 EST', '2026-11-25T00:30:00Z', false],
    ['summer: Wednesday 08:00 EDT is 12:00 UTC', '2026-07-01T12:00:00Z', true],
    ['summer: Wednesday 07:59 EDT', '2026-07-01T11:59:00Z', false],
    ['Saturday 10:00', '2026-11-28T15:00:00Z', false],
    ['Sunday 21:00 EST, already Monday in UTC', '2026-12-07T02:00:00Z', false],
    ['Friday 22:00 EST, already Saturday in UTC', '2026-12-05T03:00:00Z', false],
    ['Monday 08:30 EST', '2026-12-07T13:30:00Z', true],
    ['Thanksgiving (holiday) 10:00', '2026-11-26T15:00:00Z', false],
    ['Christmas Day (holiday) 10:00', '2026-12-25T15:00:00Z', false],
    ['the day after Christmas is a Saturday', '2026-12-26T15:00:00Z', false],
    ['the Friday after Thanksgiving is a working day', '2026-11-27T15:00:00Z', true],
    ['Christmas 2027 falls on a Saturday: closed the Friday before', '2027-12-24T15:00:00Z', false],
    ['New Year 2027 (holiday) in New York', '2027-01-01T15:00:00Z', false],
    ['31 December 20:00 EST is already 1 January in UTC, not yet a holiday in New York', '2026-12-31T14:00:00Z', true],
  ])('%s → %s', (_label, iso, open) => {
    expect(isBusinessHours(policy, new Date(iso))).toBe(open);
  });

  it('is closed for an invalid date rather than throwing', () => {
    expect(isBusinessHours(policy, new Date('not a date'))).toBe(false);
  });
});

describe('isBusinessHours: holidays are dates on the policy clock', () => {
  const holidayPolicy = (timezone: string): RoutingPolicy =>
    RoutingPolicySchema.parse({ ...policy, timezone, businessHours: { ...policy.businessHours, open: '00:00', close: '23:59', holidays: ['2026-12-01'] } });

  it.each([
    ['America/New_York', '2026-12-01T03:00:00Z', true],
    ['America/New_York', '2026-12-01T05:00:00Z', false],
    ['Asia/Tokyo', '2026-11-30T14:58:00Z', true],
    ['Asia/Tokyo', '2026-11-30T15:00:00Z', false],
  ])('in %s at %s open=%s', (timezone, iso, open) => {
    expect(isBusinessHours(holidayPolicy(timezone), new Date(iso))).toBe(open);
  });
});

describe('isBusinessHours: hours past midnight (22:00–06:00)', () => {
  const night = RoutingPolicySchema.parse({
    ...policy,
    timezone: 'UTC',
    businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '22:00', close: '06:00' },
  });
  it.each([
    ['Tuesday 23:00', '2026-11-24T23:00:00Z', true],
    ['Tuesday 05:59', '2026-11-24T05:59:00Z', true],
    ['Tuesday 06:00', '2026-11-24T06:00:00Z', false],
    ['Tuesday 21:59', '2026-11-24T21:59:00Z', false],
  ])('%s → %s', (_label, iso, open) => {
    expect(isBusinessHours(night, new Date(iso))).toBe(open);
  });
});

describe('localTime', () => {
  it.each([
    ['2026-11-24T15:00:00Z', 'America/New_York', { date: '2026-11-24', weekday: 'tue', minutes: 600 }],
    ['2026-11-25T04:59:00Z', 'America/New_York', { date: '2026-11-24', weekday: 'tue', minutes: 1439 }],
    ['2026-11-24T15:00:00Z', 'Asia/Kolkata', { date: '2026-11-24', weekday: 'tue', minutes: 20 * 60 + 30 }],
    ['2026-11-24T00:00:00Z', 'UTC', { date: '2026-11-24', weekday: 'tue', minutes: 0 }],
  ])('%s in %s', (iso, zone, expected) => {
    expect(localTime(new Date(iso), zone)).toEqual(expected);
  });
});
