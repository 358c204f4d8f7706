import { readFile } from 'node:fs/promises';
import { type PolicyValidation, validatePolicy } from '../functions/src/domain/policy/policy';

export class PolicyFileUnreadableError extends Error {
  constructor(file: string, cause: Error) {
    super(`${file}: cannot read a JSON policy: ${cause.message}`);
    this.name = 'PolicyFileUnreadableError';
  }
}

/** A routing policy JSON file, validated; a file that is missing or not JSON throws PolicyFileUnreadableError. */
export async function readPolicyFile(file: string): Promise<PolicyValidation> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PolicyFileUnreadableError(file, error as Error);
  }
  return validatePolicy(input);
}
