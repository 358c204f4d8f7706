import type { BehaviourKey, Behaviours } from './standard';
import type { HandlingTranscript, Turn } from './transcript';

/** What the analysis measured for each behaviour; undefined when it cannot be measured (e.g. chat has no offsets). */
export type BehaviourMeasures = Record<BehaviourKey, number | undefined>;

const timed = (t: Turn): t is Turn & { beginMillis: number; endMillis: number } => t.beginMillis !== undefined && t.endMillis !== undefined;

/** Agent turns that start while an earlier customer turn is still going (when Contact Lens did not count them). */
function overlapInterruptions(turns: Turn[]): number | undefined {
  if (!turns.every(timed)) return undefined;
  return turns.filter(
    (cur, i) =>
      cur.speaker === 'AGENT' &&
      turns.slice(0, i).some((prev) => prev.speaker === 'CUSTOMER' && prev.beginMillis! <= cur.beginMillis! && cur.beginMillis! < prev.endMillis!),
  ).length;
}

/** The longest run of agent speech without a customer turn between, in seconds. */
function longestMonologueSeconds(turns: Turn[]): number | undefined {
  if (!turns.length || !turns.every(timed)) return undefined;
  let longest = 0;
  let start: number | undefined;
  for (const turn of turns) {
    if (turn.speaker === 'CUSTOMER') start = undefined;
    if (turn.speaker !== 'AGENT') continue;
    start ??= turn.beginMillis!;
    longest = Math.max(longest, turn.endMillis! - start);
  }
  return Math.round(longest / 100) / 10;
}

function talkMillis(transcript: HandlingTranscript): { agent: number; customer: number } | undefined {
  if (transcript.talkMillis) return transcript.talkMillis;
  if (!transcript.turns.every(timed)) return undefined;
  const sum = (speaker: string) => transcript.turns.filter((t) => t.speaker === speaker).reduce((n, t) => n + (t.endMillis! - t.beginMillis!), 0);
  return { agent: sum('AGENT'), customer: sum('CUSTOMER') };
}

export function measureBehaviours(transcript: HandlingTranscript): BehaviourMeasures {
  const talk = talkMillis(transcript);
  const agentTurns = transcript.turns.filter((t) => t.speaker === 'AGENT');
  const duration = transcript.durationMillis;
  return {
    interruptions: transcript.agentInterruptions ?? overlapInterruptions(transcript.turns),
    longestMonologue: longestMonologueSeconds(transcript.turns),
    talkListenRatio: talk && talk.customer > 0 ? Math.round((talk.agent / talk.customer) * 100) / 100 : undefined,
    nonTalkTime: transcript.nonTalkMillis !== undefined && duration ? Math.round((transcript.nonTalkMillis / duration) * 100) / 100 : undefined,
    questionsAsked: agentTurns.reduce((n, t) => n + (t.text.match(/\?/g)?.length ?? 0), 0),
  };
}

/** Whether a measured value meets the standard's check for it. */
export function behaviourPasses(key: BehaviourKey, value: number, behaviours: Behaviours): boolean {
  switch (key) {
    case 'interruptions':
      return value <= behaviours.interruptions!.max;
    case 'longestMonologue':
      return value <= behaviours.longestMonologue!.maxSeconds;
    case 'talkListenRatio':
      return value >= behaviours.talkListenRatio!.min && value <= behaviours.talkListenRatio!.max;
    case 'nonTalkTime':
      return value <= behaviours.nonTalkTime!.maxShare;
    case 'questionsAsked':
      return value >= behaviours.questionsAsked!.min;
  }
}

/** The limit in words, for the scorecard: "at most 2", "0.6–1.5". */
export function behaviourLimit(key: BehaviourKey, behaviours: Behaviours): string {
  switch (key) {
    case 'interruptions':
      return `at most ${behaviours.interruptions!.max}`;
    case 'longestMonologue':
      return `at most ${behaviours.longestMonologue!.maxSeconds} s`;
    case 'talkListenRatio':
      return `${behaviours.talkListenRatio!.min}–${behaviours.talkListenRatio!.max}`;
    case 'nonTalkTime':
      return `at most ${Math.round(behaviours.nonTalkTime!.maxShare * 100)}% of the call`;
    case 'questionsAsked':
      return `at least ${behaviours.questionsAsked!.min}`;
  }
}
