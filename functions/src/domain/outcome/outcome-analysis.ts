import type { HandlingSummary } from '../handling/handling-summary';

/** What Callwise keeps from a Contact Lens post-call analysis: the facts that go on the Call Task. */
export type SentimentTrend = 'improving' | 'worsening' | 'steady';

export interface ContactAnalysis {
  contactId: string;
  customerSentiment?: number;
  agentSentiment?: number;
  /** How the customer's sentiment moved from the first to the last quarter of the call. */
  customerSentimentTrend?: SentimentTrend;
  /** Agent talk time / customer talk time; undefined when the customer never spoke. */
  talkListenRatio?: number;
  interruptions: number;
  nonTalkSeconds: number;
  categories: string[];
  /** Issues, outcomes and action items, one short paragraph. */
  summary: string;
  /** How the call was handled, scored against the handling standard when the analysis was imported. */
  handling?: HandlingSummary;
}

/** Trend from per-period sentiment scores: a move of more than one point is a trend. */
export function sentimentTrend(scores: readonly number[]): SentimentTrend | undefined {
  if (scores.length < 2) return undefined;
  const delta = scores[scores.length - 1]! - scores[0]!;
  if (delta > 1) return 'improving';
  if (delta < -1) return 'worsening';
  return 'steady';
}

export function talkListenRatio(agentTalkMs: number, customerTalkMs: number): number | undefined {
  if (customerTalkMs <= 0) return undefined;
  return Math.round((agentTalkMs / customerTalkMs) * 100) / 100;
}
