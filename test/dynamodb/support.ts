import { unknownCaller, type CallerProfile } from '../../functions/src/domain/caller-profile';
import type { Clock } from '../../functions/src/ports';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-03-02T10:00:00.000Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function knownCaller(phoneE164: string, fetchedAt = '2026-03-02T10:00:00.000Z'): CallerProfile {
  return {
    ...unknownCaller(phoneE164, fetchedAt),
    known: true,
    matchCount: 1,
    record: { id: '003Dm000000001AAA', type: 'Contact', name: 'Ada Example', ownerId: '005Dm000000001AAA' },
    account: { id: '001Dm000000001AAA', name: 'Example Ltd', tier: 'Gold', annualRevenue: 2_500_000.5, type: 'Customer', ownerId: '005Dm000000002AAA', overdueInvoice: false },
    openOpportunities: [{ id: '006Dm000000001AAA', name: 'Renewal', stageName: 'Negotiation', amount: 42_000, closeDate: '2026-04-01', type: 'Renewal' }],
  };
}
