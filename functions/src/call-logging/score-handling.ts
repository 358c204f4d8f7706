import { parseHandlingTranscript } from '../adapters/contact-lens/handling-transcript';
import { summariseScorecard, type HandlingSummary } from '../domain/handling/handling-summary';
import { scoreCall } from '../domain/handling/score';
import { HANDLING_DIRECTIONS, type HandlingStandard } from '../domain/handling/standard';
import type { HandlingContext, HandlingTranscript } from '../domain/handling/transcript';
import type { RoutingDecision } from '../domain/routing/routing-decision';

/** The transcript of an analysis file for scoring; undefined when it cannot be read (the rest of the analysis is still imported). */
export function handlingTranscriptOf(file: unknown): HandlingTranscript | undefined {
  try {
    return parseHandlingTranscript(file);
  } catch {
    return undefined;
  }
}

/**
 * Scores the call against the standard, in the context its routing decision gives (intent, queue,
 * direction). Only the decision is used, never facts that arrive later, so a replayed analysis scores
 * the same and changes nothing.
 */
export function scoreHandling(transcript: HandlingTranscript | undefined, standard: HandlingStandard, decision: RoutingDecision | undefined): HandlingSummary {
  if (!transcript) return { status: 'Not scored: transcript unreadable' };
  const direction = HANDLING_DIRECTIONS.find((d) => d === decision?.initiationMethod);
  const context: HandlingContext = {
    ...(decision?.intent.name ? { intent: decision.intent.name } : {}),
    ...(decision?.route.queueName ? { queue: decision.route.queueName } : {}),
    ...(direction ? { direction } : {}),
  };
  return summariseScorecard(scoreCall(transcript, standard, context), standard.version);
}
