import type { z } from 'zod';

/** One line per schema issue, naming where it is: "rules.2.then.queue: unknown queue …" ("(root)" for the whole document). */
export function issueLines(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
