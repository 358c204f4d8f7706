import type { z } from 'zod';

/** Small text helpers shared by the domain: values that reach a contact flow or a rep's ear, and schema errors as lines. */

// Control characters (C0, DEL, C1) and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One line of plain text: control characters become spaces, runs of spaces collapse, ends trimmed. */
export function singleLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `max` characters (UTF-16 units, never splitting a surrogate pair), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** One line per schema issue, naming where it is: "rules.2.then.queue: unknown queue …" ("(root)" for the whole document). */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
