import { parseAnalysisFile, MalformedAnalysisError } from '../../functions/src/adapters/contact-lens/analysis-file';
import { sentimentTrend, talkListenRatio } from '../../functions/src/domain/outcome/outcome-analysis';
import { unresolvedByRepeat, windowClosed } from '../../functions/src/domain/outcome/first-call-resolution';
import { callMetrics } from '../../functions/src/domain/outcome/call-metrics';
import type { CallOutcome } from '../../functions/src/domain/outcome/outcome';
import { loadAnalysis } from './support';

describe('parseAnalysisFile', () => {
  it('reads sentiment, trend, talk-to-listen, interruptions, non-talk time, categories and the summary', () => {
    expect(parseAnalysisFile(loadAnalysis('answered-analysis'))).toEqual({
      contactId: '11111111-aaaa-4000-8000-000000000001',
      customerSentiment: 2.4,
      agentSentiment: 3.1,
      customerSentimentTrend: 'improving',
      talkListenRatio: 1.5,
      interruptions: 3,
      nonTalkSeconds: 5,
      categories: ['Billing dispute', 'Compliance: recording disclosure'],
      summary: 'Issue: invoice overcharged. Outcome: corrected and reissued. Action: confirm by email.',
    });
  });

  it('falls back to the detected issues when there is no post-contact summary', () => {
    const file = loadAnalysis('answered-analysis') as Record<string, unknown>;
    delete file.PostContactSummary;
    expect(parseAnalysisFile(file).summary).toBe('Issues: My invoice is wrong this month.');
  });

  it.each([
    ['no ContactId', (f: any) => (f.CustomerMetadata = {}), /CustomerMetadata\.ContactId/],
    ['no talk time', (f: any) => delete f.ConversationCharacteristics.TalkTime, /ConversationCharacteristics\.TalkTime/],
    ['sentiment not a number', (f: any) => (f.ConversationCharacteristics.Sentiment.OverallSentiment.AGENT = 'good'), /OverallSentiment\.AGENT/],
  ])('rejects a file with %s, naming the field', (_label, spoil, message) => {
    const file = loadAnalysis('answered-analysis');
    spoil(file);
    expect(() => parseAnalysisFile(file)).toThrow(MalformedAnalysisError);
    expect(() => parseAnalysisFile(file)).toThrow(message);
  });
});

describe('analysis arithmetic', () => {
  it.each([
    [[-2, -1, 0, 1], 'improving'],
    [[2, 1, 0, -1], 'worsening'],
    [[1, 1.5, 1, 1.8], 'steady'],
    [[1], undefined],
  ])('trend of %j is %s', (scores, trend) => expect(sentimentTrend(scores)).toBe(trend));

  it.each([
    [150, 100, 1.5],
    [100, 300, 0.33],
    [100, 0, undefined],
  ])('talk-to-listen %d/%d = %s', (agent, customer, ratio) => expect(talkListenRatio(agent, customer)).toBe(ratio));
});

describe('first-call resolution', () => {
  const earlier = [
    { contactId: 'a', at: '2026-11-20T10:00:00Z', intent: 'billing', queueName: 'Billing', agentArn: '' },
    { contactId: 'b', at: '2026-11-10T10:00:00Z', intent: 'billing', queueName: 'Billing', agentArn: '' },
    { contactId: 'c', at: '2026-11-23T10:00:00Z', intent: 'technical', queueName: 'Support', agentArn: '' },
    { contactId: 'd', at: '2026-11-24T10:00:00Z', intent: 'billing', queueName: 'Billing', agentArn: '' },
  ];
  it.each([
    ['same intent inside the window', { contactId: 'd', at: '2026-11-24T10:00:00Z', intent: 'billing' }, 7, ['a']],
    ['a wider window', { contactId: 'd', at: '2026-11-24T10:00:00Z', intent: 'billing' }, 30, ['a', 'b']],
    ['another intent', { contactId: 'e', at: '2026-11-24T11:00:00Z', intent: 'sales' }, 7, []],
    ['no intent', { contactId: 'e', at: '2026-11-24T11:00:00Z', intent: '' }, 7, []],
  ])('%s', (_label, current, days, expected) => expect(unresolvedByRepeat(current, earlier, days)).toEqual(expected));

  it('closes the window only after the configured days', () => {
    expect(windowClosed({ at: '2026-11-20T10:00:00Z' }, new Date('2026-11-27T09:59:00Z'), 7)).toBe(false);
    expect(windowClosed({ at: '2026-11-20T10:00:00Z' }, new Date('2026-11-27T10:01:00Z'), 7)).toBe(true);
  });
});

describe('callMetrics', () => {
  const base = { direction: 'inbound', channel: 'VOICE', startedAt: '', queueName: 'Q', waitSeconds: 10, talkSeconds: 0, holdSeconds: 0, acwSeconds: 0, handleSeconds: 0, answered: false, abandoned: false, transferred: false, intent: 'billing', degraded: false } as CallOutcome;
  it('computes AHT, abandonment, FCR, CSAT, conversion and talk-to-listen', () => {
    const outcomes: CallOutcome[] = [
      { ...base, contactId: '1', answered: true, handleSeconds: 300, csat: 5, converted: true, firstCallResolution: true, analysis: { contactId: '1', talkListenRatio: 1.2, interruptions: 0, nonTalkSeconds: 0, categories: [], summary: '' } },
      { ...base, contactId: '2', answered: true, handleSeconds: 100, csat: 3, converted: false, firstCallResolution: false, analysis: { contactId: '2', talkListenRatio: 0.8, interruptions: 0, nonTalkSeconds: 0, categories: [], summary: '' } },
      { ...base, contactId: '3', abandoned: true },
      { ...base, contactId: '4', direction: 'outbound', waitSeconds: 0 },
    ];
    expect(callMetrics(outcomes)).toEqual({ calls: 4, answered: 2, abandoned: 1, abandonmentRate: 0.3333, averageHandleSeconds: 200, firstCallResolutionRate: 0.5, csatAverage: 4, conversionRate: 0.5, talkListenAverage: 1 });
  });
});
