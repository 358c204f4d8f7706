import defaultStandard from '../../../config/default-handling-standard.json';
import { validateStandard, type HandlingStandard } from '../../../functions/src/domain/handling/standard';
import type { HandlingTranscript, Speaker, Turn } from '../../../functions/src/domain/handling/transcript';

export function standard(): HandlingStandard {
  const result = validateStandard(defaultStandard);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.standard;
}

/** A voice transcript from [speaker, beginSeconds, endSeconds, text] rows. */
export function voice(rows: [Speaker, number, number, string][], extra: Partial<HandlingTranscript> = {}): HandlingTranscript {
  const turns: Turn[] = rows.map(([speaker, begin, end, text]) => ({ speaker, text, beginMillis: begin * 1000, endMillis: end * 1000, detected: [] }));
  return { channel: 'VOICE', turns, categories: [], durationMillis: Math.max(...rows.map((r) => r[2])) * 1000, ...extra };
}
