import sample from '../../fixtures/contact-lens/handling/documented-redacted-analysis.json';
import { parseHandlingTranscript } from '../../../functions/src/adapters/contact-lens/handling-transcript';
import { scoreCall } from '../../../functions/src/domain/handling/score';
import { standard } from './support';

/** AWS's documented redacted Contact Lens sample, scored by the default standard (see the fixture's README). */
describe('the documented Contact Lens sample', () => {
  const card = scoreCall(parseHandlingTranscript(sample), standard());

  it('is read with its roles, offsets and Contact Lens detections', () => {
    const t = parseHandlingTranscript(sample);
    expect(t.turns).toHaveLength(10);
    expect(t.turns[2]).toMatchObject({ speaker: 'AGENT', text: 'Hello. [PII], how can I help you?', beginMillis: 4640 });
    expect(t.turns[6]!.detected).toEqual(['outcome']);
    expect(t.turns[8]!.detected).toEqual(['actionItem']);
    expect(t).toMatchObject({ durationMillis: 32110, agentInterruptions: 0, talkMillis: { agent: 15079, customer: 13619 } });
  });

  it('passes resolution and next steps with the offsets of their turns, and misses the rest', () => {
    if (!card.scored) throw new Error(card.reason);
    expect(card.steps.map((s) => [s.key, s.outcome, s.evidence?.source === 'transcript' ? s.evidence.offsetMillis : undefined])).toEqual([
      ['greeting', 'missed', undefined],
      ['verification', 'missed', undefined],
      ['needsAssessment', 'missed', undefined],
      ['resolution', 'passed', 18310],
      ['summary', 'passed', 24120],
      ['documentation', 'missed', undefined],
    ]);
    // Passed: resolution 25 + summary 15 + all five behaviours 15 = 55 of 95 + 15 = 110 → 50.
    expect(card.score).toBe(50);
    expect(card.weakestStep).toBe('verification');
  });
});
