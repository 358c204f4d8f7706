import { analysisOutputOf, parseAnalysisFile, parseAnalysisKey, MalformedAnalysisError } from '../../functions/src/adapters/contact-lens/analysis-file';
import { sentimentTrend, talkListenRatio } from '../../functions/src/domain/outcome/outcome-analysis';
import { unresolvedByRepeat, windowClosed, type CallOutcome } from '../../functions/src/domain/outcome/outcome';
import { callMetrics } from '../../functions/src/domain/outcome/call-metrics';
import { loadAnalysis } from './support';

const CONTACT = '11111111-aaaa-4000-8000-000000000001';
const ORIGINAL_KEY = `connect/acme/Analysis/Voice/2026/11/24/${CONTACT}_analysis_2026-11-24T09:07:00Z.json`;
const REDACTED_KEY = `connect/acme/Analysis/Voice/Redacted/2026/11/24/${CONTACT}_analysis_redacted_2026-11-24T09:07:00Z.json`;
// The documented example's figures: AGENT 15,079 ms / CUSTOMER 13,619 ms of talk = 1.107…; customer quarters -2.5 → 5.
const DOCUMENTED = {
  contactId: CONTACT,
  customerSentiment: 3.1,
  agentSentiment: 0,
  customerSentimentTrend: 'improving',
  talkListenRatio: 1.11,
  interruptions: 0,
  nonTalkSeconds: 0,
};
const SUMMARY_110 =
  "The customer and agent's conversation did not have any clear issues, outcomes or next steps. Agent verified customer information and finished the call.";

describe('parseAnalysisFile (AWS-documented output files)', () => {
  it.each([
    [
      'VOICE-2022-11-30 original',
      'voice-2022-11-30-original',
      ORIGINAL_KEY,
      { categories: [], summary: 'Issues: I need to cancel. I want to cancel my plan subscription' },
    ],
    [
      'VOICE-2022-11-30 redacted',
      'voice-2022-11-30-redacted',
      REDACTED_KEY,
      { categories: [], summary: 'Issues: I need to cancel. I want to cancel my plan subscription' },
    ],
    ['1.1.0 original', '1.1.0-original', ORIGINAL_KEY, { categories: ['Cancellation'], summary: SUMMARY_110 }],
    ['1.1.0 redacted', '1.1.0-redacted', REDACTED_KEY, { categories: ['Cancellation'], summary: SUMMARY_110 }],
  ])('reads the %s file, the contact id from its S3 key', (_label, fixture, key, expected) => {
    expect(parseAnalysisFile(loadAnalysis(fixture), key)).toEqual({ ...DOCUMENTED, ...expected });
  });

  it('gives one-way audio (only AGENT talk) an empty talk-to-listen and no customer sentiment, never NaN or Infinity', () => {
    const analysis = parseAnalysisFile(loadAnalysis('one-way-audio-redacted'), REDACTED_KEY);
    expect(analysis.talkListenRatio).toBeUndefined();
    expect(analysis.customerSentiment).toBeUndefined();
    expect(analysis.customerSentimentTrend).toBeUndefined();
    expect(analysis.agentSentiment).toBe(0);
    expect(JSON.stringify(analysis)).not.toMatch(/NaN|Infinity|null/);
  });

  it('prefers CustomerMetadata.ContactId over the key, and tolerates unknown fields and versions', () => {
    const file = {
      ...(loadAnalysis('1.1.0-redacted') as object),
      Version: 'VOICE-2031-01-01',
      SomethingNew: { x: 1 },
      CustomerMetadata: { ContactId: 'from-metadata', InstanceId: 'i' },
    };
    expect(parseAnalysisFile(file, REDACTED_KEY).contactId).toBe('from-metadata');
  });

  it.each([
    [ORIGINAL_KEY, { contactId: CONTACT, output: 'original' }],
    [REDACTED_KEY, { contactId: CONTACT, output: 'redacted' }],
    [`Analysis/Voice/2026/01/02/${CONTACT}_analysis_redacted_2026-01-02T00:00:00Z.json`, { contactId: CONTACT, output: 'redacted' }],
    ['connect/acme/CallRecordings/2026/11/24/x.wav', undefined],
  ])('reads the key %s', (key, expected) => expect(parseAnalysisKey(key)).toEqual(expected));

  it.each([
    ['its ContentMetadata.Output', loadAnalysis('1.1.0-redacted'), undefined, 'redacted'],
    ['its ContentMetadata.Output (Raw)', loadAnalysis('1.1.0-original'), REDACTED_KEY, 'original'],
    ['its key when it has no ContentMetadata', {}, REDACTED_KEY, 'redacted'],
    ['nothing when neither tells', {}, undefined, undefined],
  ])('tells original from redacted by %s', (_label, file, key, output) => expect(analysisOutputOf(file, key)).toBe(output));

  it.each([
    ['no contact id in the file nor the key', (f: any) => f, 'connect/acme/other.json', /no contact id/],
    ['sentiment not a number', (f: any) => (f.ConversationCharacteristics.Sentiment.OverallSentiment.AGENT = 'good'), REDACTED_KEY, /OverallSentiment\.AGENT/],
    [
      'a period without Score',
      (f: any) => (f.ConversationCharacteristics.Sentiment.SentimentByPeriod.QUARTER.CUSTOMER[0] = { SentimentScore: 1 }),
      REDACTED_KEY,
      /QUARTER\.CUSTOMER\.0\.Score/,
    ],
  ])('rejects a file with %s, naming what is wrong', (_label, spoil, key, message) => {
    const file = loadAnalysis('voice-2022-11-30-redacted');
    spoil(file);
    expect(() => parseAnalysisFile(file, key)).toThrow(MalformedAnalysisError);
    expect(() => parseAnalysisFile(file, key)).toThrow(message);
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
    { contactId: 'a', at: '2026-11-20T10:00:00Z', intent: 'billing', queueName: 'Billing', agentId: '' },
    { contactId: 'b', at: '2026-11-10T10:00:00Z', intent: 'billing', queueName: 'Billing', agentId: '' },
    { contactId: 'c', at: '2026-11-23T10:00:00Z', intent: 'technical', queueName: 'Support', agentId: '' },
    { contactId: 'd', at: '2026-11-24T10:00:00Z', intent: 'billing', queueName: 'Billing', agentId: '' },
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
  const base = {
    direction: 'inbound',
    channel: 'VOICE',
    startedAt: '',
    queueName: 'Q',
    waitSeconds: 10,
    talkSeconds: 0,
    holdSeconds: 0,
    acwSeconds: 0,
    handleSeconds: 0,
    answered: false,
    abandoned: false,
    transferred: false,
    intent: 'billing',
    degraded: false,
  } as CallOutcome;
  it('computes AHT, abandonment, FCR, CSAT, conversion and talk-to-listen', () => {
    const outcomes: CallOutcome[] = [
      {
        ...base,
        contactId: '1',
        answered: true,
        handleSeconds: 300,
        csat: 5,
        converted: true,
        firstCallResolution: true,
        analysis: { contactId: '1', talkListenRatio: 1.2, interruptions: 0, nonTalkSeconds: 0, categories: [], summary: '' },
      },
      {
        ...base,
        contactId: '2',
        answered: true,
        handleSeconds: 100,
        csat: 3,
        converted: false,
        firstCallResolution: false,
        analysis: { contactId: '2', talkListenRatio: 0.8, interruptions: 0, nonTalkSeconds: 0, categories: [], summary: '' },
      },
      { ...base, contactId: '3', abandoned: true },
      { ...base, contactId: '4', direction: 'outbound', waitSeconds: 0 },
    ];
    expect(callMetrics(outcomes)).toEqual({
      calls: 4,
      answered: 2,
      abandoned: 1,
      abandonmentRate: 0.3333,
      averageHandleSeconds: 200,
      firstCallResolutionRate: 0.5,
      csatAverage: 4,
      conversionRate: 0.5,
      talkListenAverage: 1,
    });
  });
});
