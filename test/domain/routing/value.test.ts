import { crmFactsOf } from '../../../functions/src/domain/routing/crm-signals';
import type { CallerProfile } from '../../../functions/src/domain/routing/caller-profile';
import { scoreValue, tierFor } from '../../../functions/src/domain/routing/value';
import { knownProfile, opportunity, policy, TUESDAY_10AM } from './fixtures';

const score = (profile: CallerProfile | null) => scoreValue(profile, crmFactsOf(profile, policy, TUESDAY_10AM), policy.value);
const account = (fields: Record<string, unknown>) => ({ id: '001Dm0000000001AAA', name: 'Acme Corp', ...fields });

describe('scoreValue with the default weights', () => {
  it.each([
    ['Platinum account', { account: account({ tier: 'Platinum' }) }, 70, 'vip', ['account tier Platinum +70']],
    ['Gold account', { account: account({ tier: 'Gold' }) }, 45, 'high', ['account tier Gold +45']],
    ['Silver account', { account: account({ tier: 'Silver' }) }, 25, 'medium', ['account tier Silver +25']],
    ['Bronze account', { account: account({ tier: 'Bronze' }) }, 10, 'low', ['account tier Bronze +10']],
    ['tier in another case', { account: account({ tier: 'GOLD' }) }, 45, 'high', ['account tier GOLD +45']],
    ['unknown tier', { account: account({ tier: 'Diamond' }) }, 0, 'low', ['no value signals']],
    ['revenue 1M', { account: account({ annualRevenue: 1_000_000 }) }, 5, 'low', ['annual revenue ≥ 1M +5']],
    ['revenue 50M', { account: account({ annualRevenue: 50_000_000 }) }, 10, 'low', ['annual revenue ≥ 10M +10']],
    ['revenue 2B', { account: account({ annualRevenue: 2e9 }) }, 20, 'medium', ['annual revenue ≥ 100M +20']],
    [
      'open pipeline 300K over two opportunities',
      { account: account({}), openOpportunities: [opportunity({ amount: 200_000 }), opportunity({ amount: 100_000 })] },
      10,
      'low',
      ['open pipeline ≥ 250K +10'],
    ],
    [
      'late-stage opportunity',
      { account: account({}), openOpportunities: [opportunity({ stageName: 'Negotiation/Review' })] },
      10,
      'low',
      ['late-stage opportunity +10'],
    ],
    [
      'person account',
      { account: account({}), record: { id: '001Dm0000000009AAA', type: 'PersonAccount', name: 'Sam Ray', ownerId: '' } },
      5,
      'low',
      ['person account +5'],
    ],
    ['lead', { account: undefined, record: { id: '00QDm0000000001AAA', type: 'Lead', name: 'Sam Ray', ownerId: '' } }, 5, 'low', ['lead +5']],
    [
      'everything at once, capped at 100',
      { account: account({ tier: 'Platinum', annualRevenue: 5e8 }), openOpportunities: [opportunity({ stageName: 'Proposal/Price Quote', amount: 2e6 })] },
      100,
      'vip',
      ['account tier Platinum +70', 'annual revenue ≥ 100M +20', 'open pipeline ≥ 1M +15', 'late-stage opportunity +10', 'capped at 100'],
    ],
    [
      'Gold with 10M revenue and 50K pipeline',
      { account: account({ tier: 'Gold', annualRevenue: 1e7 }), openOpportunities: [opportunity({ amount: 50_000 })] },
      60,
      'high',
      ['account tier Gold +45', 'annual revenue ≥ 10M +10', 'open pipeline ≥ 50K +5'],
    ],
  ])('%s → %i (%s)', (_label, input, expectedScore, tier, reasons) => {
    expect(score(knownProfile(input))).toEqual({ score: expectedScore, tier, reasons });
  });

  it('scores an unknown caller 0 in the lowest tier', () => {
    expect(score(null)).toEqual({ score: 0, tier: 'low', reasons: ['unknown caller'] });
    expect(score(knownProfile({ known: false }))).toMatchObject({ score: 0, tier: 'low' });
  });

  it('ignores negative or non-finite amounts', () => {
    const profile = knownProfile({ openOpportunities: [opportunity({ amount: -5e6 }), opportunity({ amount: 40_000 })] });
    profile.account = { ...profile.account!, tier: '', annualRevenue: Number.NaN };
    expect(score(profile).score).toBe(0);
  });
});

describe('tierFor', () => {
  it.each([
    [0, 'low'],
    [19, 'low'],
    [20, 'medium'],
    [44, 'medium'],
    [45, 'high'],
    [69, 'high'],
    [70, 'vip'],
    [100, 'vip'],
  ])('%i → %s', (value, tier) => {
    expect(tierFor(policy.value, value)).toBe(tier);
  });

  it('does not depend on the order tiers are listed in', () => {
    const shuffled = { ...policy.value, tiers: [...policy.value.tiers].reverse() };
    expect(tierFor(shuffled, 50)).toBe('high');
  });
});
