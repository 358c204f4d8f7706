import { handlingReportLines } from '../../../local/demo/handling-report';
import { syntheticHandlingLines, transcriptTurns } from '../../../local/synthetic/handling-transcript';
import { parseHandlingTranscript } from '../../../functions/src/adapters/contact-lens/handling-transcript';
import { scoreCall } from '../../../functions/src/domain/handling/score';
import { standard } from '../../domain/handling/support';

const task = (queue: string, score: number, steps: string[], extra: Record<string, unknown> = {}) => ({
  Callwise_Queue__c: queue,
  Callwise_Handling_Score__c: score,
  Callwise_Handling_Status__c: 'Scored',
  Callwise_Step_Greeting__c: steps[0],
  Callwise_Step_Verification__c: steps[1],
  Callwise_Step_Needs__c: steps[2],
  Callwise_Step_Resolution__c: steps[3],
  Callwise_Step_Summary__c: steps[4],
  Callwise_Step_Documentation__c: steps[5],
  ...extra,
});
const ALL = ['Passed', 'Passed', 'Passed', 'Passed', 'Passed', 'Passed'];

describe("the demo's call handling section", () => {
  it('prints the distribution, pass rates and the weakest step per team from the Call Tasks', () => {
    const lines = handlingReportLines([
      task('Sales', 90, ALL, { Callwise_CSAT__c: 5 }),
      task('Sales', 40, ['Passed', 'Not applicable', 'Missed', 'Passed', 'Missed', 'Missed'], { Callwise_CSAT__c: 2 }),
      task('Support', 75, ['Missed', 'Passed', 'Passed', 'Passed', 'Passed', 'Passed']),
      { Callwise_Queue__c: 'Support', Callwise_Handling_Status__c: 'Not scored: too short' },
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  scored / not scored        3 / 1; average score 68.3',
        '  pass rate: greeting         66.7% of 3 calls',
        '  pass rate: verification     100.0% of 2 calls',
        '  weakest step, Sales        needs assessment (50% pass, 2 calls)',
        '  weakest step, Support      greeting (0% pass, 1 calls)',
      ]),
    );
    expect(lines.find((l) => l.includes('score ≥ 70'))).toContain('CSAT 5.00 vs 2.00 (2 vs 1 calls)');
  });

  it.each([
    [1, { greeting: 'passed', verification: 'passed', needsAssessment: 'passed', resolution: 'passed', summary: 'passed' }],
    [0, { greeting: 'missed', verification: 'missed', needsAssessment: 'missed', resolution: 'missed', summary: 'missed', documentation: 'missed' }],
  ])('synthetic transcripts of quality %d score as their lines say', (quality, expected) => {
    const turns = transcriptTurns(
      syntheticHandlingLines('billing', quality, () => 0.5),
      120_000,
    );
    const card = scoreCall(
      parseHandlingTranscript({ Channel: 'VOICE', Transcript: turns, ConversationCharacteristics: { TotalConversationDurationMillis: 120_000 } }),
      standard(),
      { intent: 'billing' },
    );
    if (!card.scored) throw new Error(card.reason);
    expect(Object.fromEntries(card.steps.map((s) => [s.key, s.outcome]))).toMatchObject(expected);
  });
});
