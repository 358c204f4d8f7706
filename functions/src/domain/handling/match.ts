import type { Matcher } from './standard';
import type { Turn } from './transcript';

/** Lower case, apostrophes dropped, everything but letters and digits a single space, padded: " i ve updated it ". */
function words(text: string): string {
  const bare = text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${bare} `;
}

interface CompiledMatcher {
  phrases: string[];
  patterns: RegExp[];
  contactLens: Matcher['contactLens'];
}

const compiled = new WeakMap<Matcher, CompiledMatcher>();

function compile(matcher: Matcher): CompiledMatcher {
  let c = compiled.get(matcher);
  if (!c) {
    c = { phrases: matcher.phrases.map(words), patterns: matcher.patterns.map((p) => new RegExp(p, 'iu')), contactLens: matcher.contactLens };
    compiled.set(matcher, c);
  }
  return c;
}

/**
 * Where in the turn the matcher first matches (0 to 1, the share of the turn before it), or undefined:
 * a phrase or pattern the agent said, or a Contact Lens detection (which covers the whole turn).
 */
export function matchPosition(turn: Turn, matcher: Matcher): number | undefined {
  const m = compile(matcher);
  if (m.contactLens.some((d) => turn.detected.includes(d))) return 0;
  const plain = turn.text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  const w = words(turn.text);
  const positions = [
    ...m.patterns.map((p) => plain.search(p) / Math.max(1, plain.length)),
    ...m.phrases.filter((p) => p.trim() !== '').map((p) => w.indexOf(p) / Math.max(1, w.length)),
  ].filter((at) => at >= 0);
  return positions.length ? Math.min(...positions) : undefined;
}

export const turnMatches = (turn: Turn, matcher: Matcher): boolean => matchPosition(turn, matcher) !== undefined;
