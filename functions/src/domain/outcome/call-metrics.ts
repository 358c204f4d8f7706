import type { CallOutcome } from './outcome';

/** Call-handling metrics over a set of outcomes: what the summary, the demo and the dashboard show. */
export interface CallMetrics {
  calls: number;
  answered: number;
  abandoned: number;
  /** Abandoned / calls that reached a queue. */
  abandonmentRate: number;
  /** Average handle time (talk + hold + after-call work) of answered calls, seconds. */
  averageHandleSeconds: number;
  /** Resolved / calls whose resolution is known. */
  firstCallResolutionRate: number;
  csatAverage: number;
  conversionRate: number;
  talkListenAverage: number;
}

const average = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function callMetrics(outcomes: readonly CallOutcome[]): CallMetrics {
  const answered = outcomes.filter((o) => o.answered);
  const queued = outcomes.filter((o) => o.answered || o.abandoned);
  const abandoned = outcomes.filter((o) => o.abandoned).length;
  const fcrKnown = outcomes.filter((o) => o.firstCallResolution !== undefined);
  const csat = outcomes.flatMap((o) => (o.csat === undefined ? [] : [o.csat]));
  const ratios = outcomes.flatMap((o) => (o.analysis?.talkListenRatio === undefined ? [] : [o.analysis.talkListenRatio]));
  return {
    calls: outcomes.length,
    answered: answered.length,
    abandoned,
    abandonmentRate: round(queued.length ? abandoned / queued.length : 0, 4),
    averageHandleSeconds: round(average(answered.map((o) => o.handleSeconds)), 1),
    firstCallResolutionRate: round(fcrKnown.length ? fcrKnown.filter((o) => o.firstCallResolution).length / fcrKnown.length : 0, 4),
    csatAverage: round(average(csat)),
    conversionRate: round(answered.length ? answered.filter((o) => o.converted).length / answered.length : 0, 4),
    talkListenAverage: round(average(ratios)),
  };
}

/** One data point per metric for an outcome, with the dimensions to publish it by. */
export function outcomeDataPoints(o: CallOutcome): Array<{ name: string; value: number; unit: 'Count' | 'Seconds' | 'None' }> {
  const points: Array<{ name: string; value: number; unit: 'Count' | 'Seconds' | 'None' }> = [
    { name: 'CallsLogged', value: 1, unit: 'Count' },
    { name: 'CallsAbandoned', value: o.abandoned ? 1 : 0, unit: 'Count' },
  ];
  if (o.answered) points.push({ name: 'HandleTime', value: o.handleSeconds, unit: 'Seconds' }, { name: 'WaitTime', value: o.waitSeconds, unit: 'Seconds' });
  if (o.csat !== undefined) points.push({ name: 'CSAT', value: o.csat, unit: 'None' });
  if (o.converted !== undefined) points.push({ name: 'Converted', value: o.converted ? 1 : 0, unit: 'Count' });
  if (o.analysis?.talkListenRatio !== undefined) points.push({ name: 'TalkListenRatio', value: o.analysis.talkListenRatio, unit: 'None' });
  return points;
}
