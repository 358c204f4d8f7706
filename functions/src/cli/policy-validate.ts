import { readFile } from 'node:fs/promises';
import { validatePolicy } from '../domain/policy';
import { type CommandIo, UsageError } from './io';

/** `callwise policy validate FILE`: exit 0 when the policy is valid, else 1 with one line per error naming its path. */
export async function runPolicyValidate(args: string[], io: CommandIo): Promise<number> {
  const [file] = args;
  if (!file || args.length > 1) throw new UsageError('policy validate takes exactly one FILE');
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.stderr(`${file}: cannot read a JSON policy: ${(error as Error).message}`);
    return 1;
  }
  const result = validatePolicy(input);
  if (result.ok) {
    const p = result.policy;
    io.stdout(`${file}: valid (version ${p.version}: ${Object.keys(p.queues).length} queues, ${p.intents.length} intents, ${p.rules.length} rules)`);
    return 0;
  }
  io.stderr(`${file}: ${result.errors.length} error(s)`);
  for (const error of result.errors) io.stderr(`  ${error}`);
  return 1;
}
