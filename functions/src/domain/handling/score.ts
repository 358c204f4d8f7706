import { behaviourLimit, behaviourPasses, measureBehaviours } from './behaviours';
import { matchPosition } from './match';
import { BEHAVIOUR_LABELS, scoreOf, weakestStep, type BehaviourResult, type Scorecard, type StepResult } from './scorecard';
import { BEHAVIOUR_KEYS, type AppliesTo, type HandlingStandard, type HandlingStep, type HandlingVariant, type Matcher } from './standard';
import { clockOffset, type HandlingContext, type HandlingTranscript, type Turn } from './transcript';

/**
 * Scores how a call was handled, by rules anyone can read in the standard: each step passed, missed
 * or not applicable, with the turn that shows it; behaviour checks from the analysis; one coaching
 * note. A call that cannot be scored fairly says why and never counts as a zero.
 */

type Facts = HandlingContext & { channel: HandlingTranscript['channel'] };

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A step applies unless a known fact falls outside its lists; a variant (strict) needs every listed fact known and in its list. */
export function applies(appliesTo: AppliesTo, facts: Facts, strict = false): boolean {
  const fits = <T extends string>(list: readonly T[] | undefined, fact: T | undefined) =>
    !list || (fact === undefined ? !strict : list.some((v) => sameName(v, fact)));
  return (
    fits(appliesTo.intents, facts.intent) &&
    fits(appliesTo.queues, facts.queue) &&
    fits(appliesTo.channels, facts.channel) &&
    fits(appliesTo.directions, facts.direction)
  );
}

/** The first variant whose appliesTo fits the call; the last variant is the catch-all. */
export function selectVariant(standard: HandlingStandard, facts: Facts): HandlingVariant {
  return standard.variants.find((v) => applies(v.appliesTo, facts, true)) ?? standard.variants[standard.variants.length - 1]!;
}

function notScoredReason(transcript: HandlingTranscript, variant: HandlingVariant): Scorecard | undefined {
  const turns = transcript.turns;
  if (transcript.channel === 'CHAT' && turns.length === 0)
    return { scored: false, reason: 'chat without transcript', detail: 'the chat has no transcript to score' };
  if (!turns.some((t) => t.speaker === 'AGENT')) return { scored: false, reason: 'no agent turns', detail: 'the rep is never heard in the transcript' };
  const customerSilent = !turns.some((t) => t.speaker === 'CUSTOMER') || transcript.talkMillis?.customer === 0 || transcript.talkMillis?.agent === 0;
  if (transcript.channel === 'VOICE' && customerSilent) return { scored: false, reason: 'one-way audio', detail: 'only one side of the call was heard' };
  const duration = transcript.durationMillis ?? Math.max(0, ...turns.map((t) => t.endMillis ?? 0));
  if (transcript.channel === 'VOICE' && duration < variant.minimumSeconds * 1000) {
    return {
      scored: false,
      reason: 'too short',
      detail: `the conversation lasted ${Math.round(duration / 1000)} s, under the ${variant.minimumSeconds} s needed`,
    };
  }
  return undefined;
}

function inWindow(turn: Turn, step: HandlingStep, durationMillis: number | undefined): boolean {
  const window = step.detection.window;
  if (!window || turn.beginMillis === undefined) return true;
  if (window.firstSeconds !== undefined) return turn.beginMillis < window.firstSeconds * 1000;
  if (durationMillis === undefined || turn.endMillis === undefined) return true;
  return turn.endMillis >= durationMillis - window.lastSeconds! * 1000;
}

const quote = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);
const at = (turn: Turn) => (turn.beginMillis === undefined ? '' : ` at ${clockOffset(turn.beginMillis)}`);

interface Hit {
  turn: Turn;
  index: number;
  /** Share of the turn before the match, to order two matches in one turn. */
  at: number;
}

function firstHit(turns: { turn: Turn; index: number }[], matcher: Matcher): Hit | undefined {
  for (const { turn, index } of turns) {
    const at = matchPosition(turn, matcher);
    if (at !== undefined) return { turn, index, at };
  }
  return undefined;
}

const before = (a: Hit, b: Hit) => a.index < b.index || (a.index === b.index && a.at < b.at);

function evaluateStep(step: HandlingStep, transcript: HandlingTranscript, facts: Facts, earlier: StepResult[]): StepResult {
  const base = { key: step.key, label: step.label, weight: step.weight };
  if (!applies(step.appliesTo, facts)) return { ...base, outcome: 'not applicable' };
  const d = step.detection;
  const category = transcript.categories.find((c) => d.categories.some((want) => sameName(want, c)));
  if (category) return { ...base, outcome: 'passed', evidence: { source: 'category', category } };
  const duration = transcript.durationMillis ?? Math.max(0, ...transcript.turns.map((t) => t.endMillis ?? 0));
  const prior = earlier.find((r) => r.key === d.afterStep)?.evidence;
  const from = prior?.source === 'transcript' ? prior.turn + 1 : 0;
  const agentTurns = transcript.turns.map((turn, index) => ({ turn, index })).filter(({ turn }) => turn.speaker === 'AGENT');
  const candidates = agentTurns.filter(({ turn, index }) => index >= from && inWindow(turn, step, duration || undefined));
  const hits = d.allOf.map((group) => firstHit(candidates, group));
  if (d.allOf.length && hits.every((h) => h)) {
    const first = hits.reduce((a, b) => (before(b!, a!) ? b : a))!;
    const early = d.mustPrecede && firstHit(agentTurns, d.mustPrecede);
    if (early && before(early, first)) {
      return { ...base, outcome: 'missed', reason: `heard${at(first.turn)}, after the account was discussed${at(early.turn)}` };
    }
    return {
      ...base,
      outcome: 'passed',
      evidence: { source: 'transcript', turn: first.index, offsetMillis: first.turn.beginMillis, quote: quote(first.turn.text) },
    };
  }
  if (d.dispositionCounts && facts.dispositionRecorded) return { ...base, outcome: 'passed', evidence: { source: 'disposition' } };
  return { ...base, outcome: 'missed' };
}

function evaluateBehaviours(variant: HandlingVariant, transcript: HandlingTranscript): BehaviourResult[] {
  const measures = measureBehaviours(transcript);
  return BEHAVIOUR_KEYS.flatMap((key): BehaviourResult[] => {
    const check = variant.behaviours[key];
    if (!check) return [];
    const value = measures[key];
    const limit = behaviourLimit(key, variant.behaviours);
    if (value === undefined) return [{ key, weight: check.weight, outcome: 'not applicable', limit }];
    return [{ key, weight: check.weight, value, limit, outcome: behaviourPasses(key, value, variant.behaviours) ? 'passed' : 'missed' }];
  });
}

function coachingNote(steps: StepResult[], behaviours: BehaviourResult[], variant: HandlingVariant): string {
  const weakest = weakestStep(steps);
  if (weakest) {
    const advice = variant.steps.find((s) => s.key === weakest.key)!.detection.coaching;
    return `Weakest step: ${weakest.label}. ${advice}${weakest.reason ? ` (${weakest.reason})` : ''}`;
  }
  const behaviour = behaviours.filter((b) => b.outcome === 'missed').sort((a, b) => b.weight - a.weight)[0];
  if (behaviour) return `Every step was met. Work on: ${BEHAVIOUR_LABELS[behaviour.key]}. ${variant.behaviours[behaviour.key]!.coaching}`;
  return 'Every step and behaviour was met.';
}

export function scoreCall(transcript: HandlingTranscript, standard: HandlingStandard, context: HandlingContext = {}): Scorecard {
  const facts: Facts = { ...context, channel: transcript.channel };
  const variant = selectVariant(standard, facts);
  const unscorable = notScoredReason(transcript, variant);
  if (unscorable) return unscorable;
  const steps = variant.steps.reduce<StepResult[]>((done, step) => [...done, evaluateStep(step, transcript, facts, done)], []);
  const behaviours = evaluateBehaviours(variant, transcript);
  const score = scoreOf([...steps, ...behaviours]);
  if (score === undefined) return { scored: false, reason: 'nothing applicable', detail: `no step of the ${variant.name} standard applies to this call` };
  const coaching = coachingNote(steps, behaviours, variant);
  return { scored: true, variant: variant.name, score, steps, behaviours, coaching, weakestStep: weakestStep(steps)?.key };
}
