import { scoreCall } from '../../../functions/src/domain/handling/score';
import { validateStandard, type HandlingStandard } from '../../../functions/src/domain/handling/standard';
import type { Scorecard } from '../../../functions/src/domain/handling/scorecard';
import { standard, voice } from './support';

/** A small standard whose outcomes can be worked out by hand. */
function tiny(): HandlingStandard {
  const result = validateStandard({
    version: 't1',
    variants: [
      {
        name: 'sales',
        appliesTo: { intents: ['sales'] },
        steps: [{ key: 'greeting', label: 'Greeting', weight: 10, detection: { allOf: [{ phrases: ['hello'] }], coaching: 'Say hello.' } }],
      },
      {
        name: 'support',
        minimumSeconds: 20,
        steps: [
          {
            key: 'greeting',
            label: 'Greeting',
            weight: 10,
            detection: {
              allOf: [{ phrases: ['hello'] }, { patterns: ['my name is \\S+'] }],
              window: { firstSeconds: 10 },
              coaching: 'Greet and give your name.',
            },
          },
          {
            key: 'verification',
            label: 'Verification',
            weight: 30,
            appliesTo: { intents: ['billing'] },
            detection: { allOf: [{ phrases: ['date of birth'] }], mustPrecede: { phrases: ['your balance'] }, coaching: 'Verify first.' },
          },
          {
            key: 'resolution',
            label: 'Resolution',
            weight: 40,
            detection: { allOf: [{ phrases: ['fixed'], contactLens: ['outcome'] }], coaching: 'Resolve it.' },
          },
          {
            key: 'summary',
            label: 'Summary',
            weight: 20,
            detection: { allOf: [{ phrases: ['to recap'] }], afterStep: 'resolution', window: { lastSeconds: 15 }, coaching: 'Recap.' },
          },
          {
            key: 'documentation',
            label: 'Documentation',
            weight: 20,
            detection: { categories: ['Notes taken'], dispositionCounts: true, coaching: 'Document it.' },
          },
        ],
        behaviours: { interruptions: { max: 0, weight: 10, coaching: 'Let them finish.' } },
      },
    ],
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.standard;
}

const scored = (card: Scorecard) => {
  if (!card.scored) throw new Error(`not scored: ${card.reason}`);
  return card;
};
const outcomes = (card: Scorecard) => Object.fromEntries(scored(card).steps.map((s) => [s.key, s.outcome]));

const GOOD = voice([
  ['AGENT', 0, 4, 'Hello, my name is [PII].'],
  ['CUSTOMER', 5, 9, 'My bill is wrong.'],
  ['AGENT', 10, 14, 'Can you give me your date of birth?'],
  ['CUSTOMER', 15, 17, '[PII]'],
  ['AGENT', 18, 22, 'I see, your balance was doubled. That is fixed now.'],
  ['CUSTOMER', 23, 25, 'Thanks.'],
  ['AGENT', 26, 30, 'So to recap, fixed today.'],
]);

describe('scoreCall', () => {
  it('passes every step with the offset of the first matching turn, and scores 100', () => {
    const card = scored(scoreCall(GOOD, tiny(), { intent: 'billing', dispositionRecorded: true }));
    expect(card.score).toBe(100);
    expect(card.steps.map((s) => [s.key, s.outcome, s.evidence])).toEqual([
      ['greeting', 'passed', { source: 'transcript', turn: 0, offsetMillis: 0, quote: 'Hello, my name is [PII].' }],
      ['verification', 'passed', { source: 'transcript', turn: 2, offsetMillis: 10_000, quote: 'Can you give me your date of birth?' }],
      ['resolution', 'passed', { source: 'transcript', turn: 4, offsetMillis: 18_000, quote: 'I see, your balance was doubled. That is fixed now.' }],
      ['summary', 'passed', { source: 'transcript', turn: 6, offsetMillis: 26_000, quote: 'So to recap, fixed today.' }],
      ['documentation', 'passed', { source: 'disposition' }],
    ]);
    expect(card.coaching).toBe('Every step and behaviour was met.');
  });

  it('weighs what passed over what applied: a step outside its intents is not applicable and does not count', () => {
    // Support call: verification (billing only) does not apply; documentation (20) is missed of 10+40+20+20+10 = 100.
    const card = scored(scoreCall(GOOD, tiny(), { intent: 'support' }));
    expect(outcomes(card)).toMatchObject({ verification: 'not applicable', documentation: 'missed' });
    expect(card.score).toBe(80);
    expect(card.coaching).toBe('Weakest step: Documentation. Document it.');
  });

  it("misses a greeting without the rep's name, and one said after the window", () => {
    const noName = voice([
      ['AGENT', 0, 3, 'Hello, how can I help?'],
      ['CUSTOMER', 4, 25, 'It is broken.'],
    ]);
    const late = voice([
      ['CUSTOMER', 0, 11, 'Hi?'],
      ['AGENT', 12, 25, 'Hello, my name is Ana.'],
    ]);
    expect(outcomes(scoreCall(noName, tiny())).greeting).toBe('missed');
    expect(outcomes(scoreCall(late, tiny())).greeting).toBe('missed');
  });

  it('misses verification asked after account details were discussed, and says when each was heard', () => {
    const t = voice([
      ['AGENT', 0, 4, 'Hello, my name is Bo. I see your balance is high.'],
      ['CUSTOMER', 5, 9, 'Yes.'],
      ['AGENT', 12, 16, 'Oh, your date of birth first please?'],
      ['CUSTOMER', 17, 25, '[PII]'],
    ]);
    const step = scored(scoreCall(t, tiny(), { intent: 'billing' })).steps.find((s) => s.key === 'verification')!;
    expect(step).toMatchObject({ outcome: 'missed', reason: 'heard at 0:12, after the account was discussed at 0:00' });
  });

  it('orders two matches in one turn: details then verification in the same breath is still a miss', () => {
    const t = voice([
      ['AGENT', 0, 8, 'Hello, my name is Bo, your balance is due, and your date of birth?'],
      ['CUSTOMER', 9, 25, '[PII]'],
    ]);
    expect(outcomes(scoreCall(t, tiny(), { intent: 'billing' })).verification).toBe('missed');
  });

  it('does not take a closing "anything else?" as a summary, nor a recap said before the resolution', () => {
    const t = voice([
      ['AGENT', 0, 4, 'Hello, my name is Bo.'],
      ['AGENT', 5, 8, 'To recap, you called about the router.'],
      ['CUSTOMER', 9, 12, 'Yes.'],
      ['AGENT', 13, 18, 'It is fixed.'],
      ['AGENT', 19, 24, 'Anything else?'],
    ]);
    expect(outcomes(scoreCall(t, tiny()))).toMatchObject({ resolution: 'passed', summary: 'missed' });
  });

  it('takes a Contact Lens outcome and a matched category as evidence', () => {
    const t = voice(
      [
        ['AGENT', 0, 4, 'Hello, my name is Bo.'],
        ['CUSTOMER', 5, 10, 'Cancel please.'],
        ['AGENT', 11, 25, 'Done, the plan is off.'],
      ],
      { categories: ['Notes taken'] },
    );
    t.turns[2]!.detected = ['outcome'];
    const card = scored(scoreCall(t, tiny()));
    expect(card.steps.find((s) => s.key === 'resolution')!.evidence).toMatchObject({ source: 'transcript', turn: 2, offsetMillis: 11_000 });
    expect(card.steps.find((s) => s.key === 'documentation')!.evidence).toEqual({ source: 'category', category: 'Notes taken' });
  });

  it('counts the rep talking over a long answer as interruptions when Contact Lens did not count them', () => {
    const t = voice([
      ['AGENT', 0, 4, 'Hello, my name is Bo.'],
      ['CUSTOMER', 5, 40, 'Well it started on Monday and then it got worse and worse and then...'],
      ['AGENT', 12, 14, 'Right.'],
      ['AGENT', 20, 22, 'Okay, so.'],
      ['AGENT', 41, 45, 'It is fixed.'],
    ]);
    const behaviour = scored(scoreCall(t, tiny())).behaviours.find((b) => b.key === 'interruptions')!;
    expect(behaviour).toMatchObject({ value: 2, outcome: 'missed' });
    expect(scored(scoreCall({ ...t, agentInterruptions: 0 }, tiny())).behaviours[0]).toMatchObject({ value: 0, outcome: 'passed' });
  });

  it('picks the first variant whose conditions the call meets; an unknown intent goes to the catch-all', () => {
    expect(scored(scoreCall(GOOD, tiny(), { intent: 'sales' })).variant).toBe('sales');
    expect(scored(scoreCall(GOOD, tiny(), {})).variant).toBe('support');
  });

  it.each<[string, Parameters<typeof scoreCall>[0], string]>([
    ['chat without transcript', { channel: 'CHAT', turns: [], categories: [] }, 'chat without transcript'],
    ['no agent turns', voice([['CUSTOMER', 0, 30, 'Hello? Anyone?']]), 'no agent turns'],
    ['one-way audio (no customer turns)', voice([['AGENT', 0, 30, 'Hello, my name is Bo. Hello?']]), 'one-way audio'],
    [
      'one-way audio (no customer talk time)',
      voice(
        [
          ['AGENT', 0, 15, 'Hello, my name is Bo.'],
          ['CUSTOMER', 16, 30, ''],
        ],
        { talkMillis: { agent: 15_000, customer: 0 } },
      ),
      'one-way audio',
    ],
    [
      'too short',
      voice([
        ['AGENT', 0, 4, 'Hello, my name is Bo.'],
        ['CUSTOMER', 5, 8, 'Wrong number.'],
      ]),
      'too short',
    ],
  ])('does not score %s, and says why instead of giving a zero', (_name, transcript, reason) => {
    const card = scoreCall(transcript, tiny());
    expect(card).toMatchObject({ scored: false, reason });
    expect('score' in card).toBe(false);
  });

  it('scores chat transcripts without offsets, ignoring time windows', () => {
    const chat = { channel: 'CHAT' as const, categories: [], turns: GOOD.turns.map(({ speaker, text }) => ({ speaker, text, detected: [] })) };
    const card = scored(scoreCall(chat, tiny(), { intent: 'billing' }));
    expect(outcomes(card)).toMatchObject({ greeting: 'passed', summary: 'passed' });
    expect(card.behaviours[0]).toMatchObject({ key: 'interruptions', outcome: 'not applicable' });
  });

  it('the default standard scores a sales call by its sales variant, where verification does not apply', () => {
    const card = scored(scoreCall(GOOD, standard(), { intent: 'sales' }));
    expect(card.variant).toBe('sales');
    expect(outcomes(card).verification).toBe('not applicable');
  });
});
