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

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole ? part / whole : 0);

/**
 * Call-handling metrics added up one outcome at a time, so a day of any size is summed while it is
 * paged through (the outcomes need not all be held at once).
 */
export class CallMetricsTally {
  private calls = 0;
  private answered = 0;
  private abandoned = 0;
  private handleSeconds = 0;
  private fcrKnown = 0;
  private resolved = 0;
  private csatCount = 0;
  private csatSum = 0;
  private converted = 0;
  private ratioCount = 0;
  private ratioSum = 0;

  add(o: CallOutcome): void {
    this.calls++;
    if (o.answered) {
      this.answered++;
      this.handleSeconds += o.handleSeconds;
      if (o.converted) this.converted++;
    }
    if (o.abandoned) this.abandoned++;
    if (o.firstCallResolution !== undefined) {
      this.fcrKnown++;
      if (o.firstCallResolution) this.resolved++;
    }
    if (o.csat !== undefined) {
      this.csatCount++;
      this.csatSum += o.csat;
    }
    if (o.analysis?.talkListenRatio !== undefined) {
      this.ratioCount++;
      this.ratioSum += o.analysis.talkListenRatio;
    }
  }

  metrics(): CallMetrics {
    return {
      calls: this.calls,
      answered: this.answered,
      abandoned: this.abandoned,
      abandonmentRate: round(ratio(this.abandoned, this.answered + this.abandoned), 4),
      averageHandleSeconds: round(ratio(this.handleSeconds, this.answered), 1),
      firstCallResolutionRate: round(ratio(this.resolved, this.fcrKnown), 4),
      csatAverage: round(ratio(this.csatSum, this.csatCount)),
      conversionRate: round(ratio(this.converted, this.answered), 4),
      talkListenAverage: round(ratio(this.ratioSum, this.ratioCount)),
    };
  }
}

export function callMetrics(outcomes: readonly CallOutcome[]): CallMetrics {
  const tally = new CallMetricsTally();
  for (const o of outcomes) tally.add(o);
  return tally.metrics();
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
