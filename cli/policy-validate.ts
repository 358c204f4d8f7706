import { type CommandIo, UsageError } from './io';
import type { PolicyValidation } from '../functions/src/domain/policy/policy';
import { PolicyFileUnreadableError, readPolicyFile } from './policy-file';

/** `callwise policy validate FILE`: exit 0 when the policy is valid, else 1 with one line per error naming its path. */
export async function runPolicyValidate(args: string[], io: CommandIo): Promise<number> {
  const [file] = args;
  if (!file || args.length > 1) throw new UsageError('policy validate takes exactly one FILE');
  let result: PolicyValidation;
  try {
    result = await readPolicyFile(file);
  } catch (error) {
    if (!(error instanceof PolicyFileUnreadableError)) throw error;
    io.stderr(error.message);
    return 1;
  }
  if (result.ok) {
    const p = result.policy;
    io.stdout(`${file}: valid (version ${p.version}: ${Object.keys(p.queues).length} queues, ${p.intents.length} intents, ${p.rules.length} rules)`);
    return 0;
  }
  io.stderr(`${file}: ${result.errors.length} error(s)`);
  for (const error of result.errors) io.stderr(`  ${error}`);
  return 1;
}
