import { crmFactsOf } from '../../../functions/src/domain/routing/crm-signals';
import { inferIntent } from '../../../functions/src/domain/routing/intent';
import type { CallerProfile, PastCall } from '../../../functions/src/domain/routing/caller-profile';
import type { CallFacts } from '../../../functions/src/domain/routing/routing-decision';
import { facts, knownProfile, opportunity, pastCall, policy, TUESDAY_10AM } from './fixtures';

function infer(callFacts: Partial<CallFacts>, profile: CallerProfile | null = null, pastCalls: PastCall[] = []) {
  const crm = crmFactsOf(profile, policy, TUESDAY_10AM);
  return inferIntent({ facts: facts(callFacts), crm, pastCalls, profile, policy, now: TUESDAY_10AM });
}

const withOpenCase = knownProfile({ openCases: { count: 2, latestId: '500Dm0000000001AAA', latestSubject: 'Printer jam' } });
const withLateStage = knownProfile({ openOpportunities: [opportunity({ stageName: 'Negotiation/Review', amount: 90000 })] });
const withRenewal = knownProfile({ openOpportunities: [opportunity({ type: 'Existing Customer - Renewal', closeDate: '2026-12-20' })] });
const withOverdue = knownProfile({ account: { id: '001Dm0000000001AAA', name: 'Acme Corp', overdueInvoice: true } });

describe('inferIntent: each signal alone', () => {
  it.each([
    ['IVR choice 1', { ivrChoice: '1' }, null, [], 'sales', 0.95, 'IVR choice 1 → sales'],
    ['IVR choice 2', { ivrChoice: '2' }, null, [], 'support', 0.95, 'IVR choice 2 → support'],
    ['IVR choice 3', { ivrChoice: '3' }, null, [], 'billing', 0.95, 'IVR choice 3 → billing'],
    ['IVR choice 4', { ivrChoice: '4' }, null, [], 'renewal', 0.95, 'IVR choice 4 → renewal'],
    ['Lex BuyProduct', { lexIntent: 'BuyProduct' }, null, [], 'sales', 0.9, 'Lex intent BuyProduct → sales'],
    ['Lex ReportProblem', { lexIntent: 'ReportProblem' }, null, [], 'support', 0.9, 'Lex intent ReportProblem → support'],
    ['Lex PayBill', { lexIntent: 'PayBill' }, null, [], 'billing', 0.9, 'Lex intent PayBill → billing'],
    ['Lex RenewContract', { lexIntent: 'RenewContract' }, null, [], 'renewal', 0.9, 'Lex intent RenewContract → renewal'],
    ['dialled sales line', { dialledNumber: '+18005550100' }, null, [], 'sales', 0.7, 'dialled +18005550100 → sales'],
    ['dialled support line', { dialledNumber: '+18005550101' }, null, [], 'support', 0.7, 'dialled +18005550101 → support'],
    ['dialled billing line', { dialledNumber: '+18005550102' }, null, [], 'billing', 0.7, 'dialled +18005550102 → billing'],
    ['an open case', {}, withOpenCase, [], 'support', 0.6, 'open case → support'],
    ['a late-stage opportunity', {}, withLateStage, [], 'sales', 0.6, 'late-stage opportunity → sales'],
    ['a renewal due', {}, withRenewal, [], 'renewal', 0.6, 'renewal due → renewal'],
    ['an overdue invoice', {}, withOverdue, [], 'billing', 0.6, 'overdue invoice → billing'],
    ['a repeat call', {}, null, [pastCall(3, { intent: 'billing' })], 'billing', 0.75, 'repeat call (3 h ago, billing) → billing'],
    ['nothing', {}, null, [], 'general', 0.3, 'no signal → general'],
  ])('%s', (_label, callFacts, profile, pastCalls, name, confidence, reason) => {
    const intent = infer(callFacts, profile, pastCalls);
    expect(intent).toMatchObject({ name, confidence });
    expect(intent.reasons).toContain(reason);
  });
});

describe('inferIntent: precedence', () => {
  it.each([
    ['IVR over Lex', { ivrChoice: '3', lexIntent: 'BuyProduct' }, null, [], 'billing', 'ivr'],
    ['Lex over the dialled number', { lexIntent: 'PayBill', dialledNumber: '+18005550100' }, null, [], 'billing', 'lex'],
    ['the dialled number over CRM facts', { dialledNumber: '+18005550102' }, withOpenCase, [], 'billing', 'dialled'],
    ['CRM facts over a repeat call', {}, withOverdue, [pastCall(2, { intent: 'sales' })], 'billing', 'crm'],
    ['IVR over everything', { ivrChoice: '1', lexIntent: 'PayBill', dialledNumber: '+18005550101' }, withOpenCase, [pastCall(1)], 'sales', 'ivr'],
  ])('%s', (_label, callFacts, profile, pastCalls, name, source) => {
    expect(infer(callFacts, profile, pastCalls)).toMatchObject({ name, source });
  });

  it('lists every signal it saw, not only the winner', () => {
    const intent = infer({ ivrChoice: '1', dialledNumber: '+18005550101' }, withOpenCase, [pastCall(2)]);
    expect(intent.reasons).toEqual([
      'IVR choice 1 → sales',
      'dialled +18005550101 → support',
      'open case → support',
      'repeat call (2 h ago, support) → support',
    ]);
  });

  it('takes the highest confidence of the signals that agree', () => {
    expect(infer({}, withOpenCase, [pastCall(2)])).toMatchObject({ name: 'support', source: 'crm', confidence: 0.75 });
    expect(infer({ dialledNumber: '+18005550101' }, withOpenCase)).toMatchObject({ name: 'support', confidence: 0.7 });
  });

  it('orders competing CRM facts by the policy order of intents (support before sales)', () => {
    const both = knownProfile({ openCases: { count: 1 }, openOpportunities: [opportunity({ stageName: 'Proposal/Price Quote' })] });
    expect(infer({}, both)).toMatchObject({ name: 'support', reasons: ['open case → support', 'late-stage opportunity → sales'] });
  });
});

describe('inferIntent: signals that do not count', () => {
  it.each([
    ['an unmapped IVR choice', { ivrChoice: '9' }, 'IVR choice 9 not mapped'],
    ['an unmapped Lex intent', { lexIntent: 'OrderPizza' }, 'Lex intent OrderPizza not mapped'],
    ['free text typed as a choice is not repeated', { ivrChoice: 'Pat 0123' }, 'IVR choice (unrecognised) not mapped'],
  ])('%s', (_label, callFacts, reason) => {
    const intent = infer(callFacts);
    expect(intent).toMatchObject({ name: 'general', confidence: 0.3 });
    expect(intent.reasons).toContain(reason);
  });

  it.each([
    ['older than the window', [pastCall(25)]],
    ['in the future', [pastCall(-2)]],
    ['with an intent that has no repeat-call signal', [pastCall(1, { intent: 'general' })]],
    ['with an unparsable time', [{ ...pastCall(1), at: 'yesterday' }]],
  ])('a past call %s is no repeat call', (_label, calls) => {
    expect(infer({}, null, calls)).toMatchObject({ name: 'general', source: 'default' });
  });

  it('uses calls logged in Salesforce when Callwise has no history of the number', () => {
    const profile = knownProfile({ recentCalls: [{ at: '2026-11-24T09:00:00Z', intent: 'renewal', ownerId: '' }] });
    expect(infer({}, profile)).toMatchObject({ name: 'renewal', source: 'repeat' });
  });

  it.each([
    ['a renewal closing after the window', opportunity({ type: 'Renewal', closeDate: '2027-06-30' }), 'general'],
    ['a renewal already past its close date', opportunity({ type: 'Renewal', closeDate: '2026-11-01' }), 'renewal'],
    ['an opportunity that is not a renewal', opportunity({ closeDate: '2026-12-01' }), 'general'],
    ['a renewal with a bad close date', opportunity({ type: 'Renewal', closeDate: 'soon' }), 'general'],
  ])('%s', (_label, opp, name) => {
    expect(infer({}, knownProfile({ openOpportunities: [opp] })).name).toBe(name);
  });
});
