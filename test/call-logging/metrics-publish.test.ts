import type * as Wiring from '../../functions/src/call-logging/wiring';
import type { CallOutcome } from '../../functions/src/domain/outcome/outcome';

const outcome = {
  contactId: 'c-1',
  direction: 'inbound',
  channel: 'VOICE',
  startedAt: '2026-11-24T09:00:00Z',
  queueName: 'Billing',
  waitSeconds: 12,
  talkSeconds: 200,
  holdSeconds: 10,
  acwSeconds: 30,
  handleSeconds: 240,
  answered: true,
  abandoned: false,
  transferred: false,
  csat: 4,
  converted: true,
  intent: 'billing',
  degraded: false,
  analysis: { contactId: 'c-1', talkListenRatio: 1.3, interruptions: 1, nonTalkSeconds: 3, categories: [], summary: '' },
} as CallOutcome;

/** The Lambdas' metrics, printed: jest.config.js turns them off for every other test. */
function metricsOn(): typeof Wiring {
  const before = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  try {
    let wiring: typeof Wiring | undefined;
    jest.isolateModules(() => {
      wiring = require('../../functions/src/call-logging/wiring') as typeof Wiring;
    });
    return wiring!;
  } finally {
    if (before === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = before;
  }
}

/** The EMF lines `act` prints. */
function printed(act: () => void): Array<Record<string, any>> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  const logSpy = jest.spyOn(console, 'log').mockImplementation((...args) => void lines.push(args.join(' ')));
  try {
    act();
  } finally {
    spy.mockRestore();
    logSpy.mockRestore();
  }
  return lines.filter((l) => l.includes('_aws')).map((l) => JSON.parse(l));
}

describe('publishOutcomeMetrics', () => {
  const { publishOutcomeMetrics, publishUntrustedValue } = metricsOn();

  it('publishes EMF metrics by queue and intent, talk-to-listen once analysed', () => {
    const emf = printed(() => {
      publishOutcomeMetrics(outcome, 'logged');
      publishOutcomeMetrics(outcome, 'analysed');
    });
    expect(emf).toHaveLength(2);
    expect(emf[0]).toMatchObject({ queue: 'Billing', intent: 'billing', HandleTime: 240, CSAT: 4, Converted: 1, CallsAbandoned: 0 });
    expect(emf[0]).not.toHaveProperty('TalkListenRatio');
    expect(emf[1]).toMatchObject({ queue: 'Billing', intent: 'billing', TalkListenRatio: 1.3 });
    expect(emf[0]!._aws.CloudWatchMetrics[0].Dimensions[0]).toEqual(expect.arrayContaining(['queue', 'intent']));
  });

  it('counts an untrusted attribute value as UntrustedValueDropped by field, at once and apart from the outcome metrics', () => {
    const emf = printed(() => {
      publishUntrustedValue('OwnerId');
      publishUntrustedValue('CallDisposition');
    });
    expect(emf).toHaveLength(2);
    expect(emf.map((e) => [e.field, e.UntrustedValueDropped])).toEqual([
      ['OwnerId', 1],
      ['CallDisposition', 1],
    ]);
    expect(emf[0]!._aws.CloudWatchMetrics[0].Dimensions[0]).toEqual(expect.arrayContaining(['field']));
    expect(emf[0]).not.toHaveProperty('queue');
  });
});
