import { type CommandIo, UsageError } from './io';
import { connectIdOf, instanceArnOf } from '../functions/src/domain/connect-arn';
import { type PolicyValidation, queuesOutsideInstance } from '../functions/src/domain/policy/policy';
import { PolicyFileUnreadableError, readPolicyFile } from './policy-file';

/**
 * `callwise policy validate FILE [--instance ARN]`: exit 0 when the policy is valid, else 1 with one
 * line per error naming its path. With `--instance`, a warning (on stderr; the exit code stays 0) for
 * each queue whose ARN is not a queue of that instance: calls routed there would fail.
 */
export async function runPolicyValidate(args: string[], io: CommandIo): Promise<number> {
  const { file, instanceArn } = parseArgs(args);
  let result: PolicyValidation;
  try {
    result = await readPolicyFile(file);
  } catch (error) {
    if (!(error instanceof PolicyFileUnreadableError)) throw error;
    io.stderr(error.message);
    return 1;
  }
  if (!result.ok) {
    io.stderr(`${file}: ${result.errors.length} error(s)`);
    for (const error of result.errors) io.stderr(`  ${error}`);
    return 1;
  }
  const p = result.policy;
  io.stdout(`${file}: valid (version ${p.version}: ${Object.keys(p.queues).length} queues, ${p.intents.length} intents, ${p.rules.length} rules)`);
  if (instanceArn) {
    for (const queue of queuesOutsideInstance(p, instanceArn)) {
      const where = queue.instanceArn ? `belongs to instance ${queue.instanceArn}` : 'is not a Connect queue ARN';
      io.stderr(`  warning: queues.${queue.key}.arn ${queue.arn} ${where}, not ${instanceArn}: calls routed there would fail`);
    }
  }
  return 0;
}

function parseArgs(args: string[]): { file: string; instanceArn?: string } {
  const rest = [...args];
  const at = rest.indexOf('--instance');
  let instanceArn: string | undefined;
  if (at >= 0) {
    instanceArn = rest[at + 1];
    if (!instanceArn || instanceArn.startsWith('--')) throw new UsageError('--instance needs an instance ARN');
    if (instanceArnOf(instanceArn) !== instanceArn || !connectIdOf(instanceArn, 'instance')) {
      throw new UsageError(`--instance needs an instance ARN such as arn:aws:connect:us-east-1:111122223333:instance/<id> (got "${instanceArn}")`);
    }
    rest.splice(at, 2);
  }
  if (rest.length !== 1 || rest[0]!.startsWith('--')) throw new UsageError('policy validate takes exactly one FILE (and optionally --instance ARN)');
  return { file: rest[0]!, ...(instanceArn ? { instanceArn } : {}) };
}
