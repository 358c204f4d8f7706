import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HandlingStandard, type StandardValidation, validateStandard } from '../functions/src/domain/handling/standard';

export const DEFAULT_STANDARD_FILE = join(__dirname, '..', 'config', 'default-handling-standard.json');

export class StandardFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StandardFileError';
  }
}

/** Reads a JSON file; a missing or malformed one throws StandardFileError naming the file and what it should hold. */
export async function readJsonFile(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new StandardFileError(`${file}: cannot read ${what}: ${(error as Error).message}`);
  }
}

export async function readStandardFile(file: string): Promise<StandardValidation> {
  return validateStandard(await readJsonFile(file, 'a JSON handling standard'));
}

/** The standard in FILE (or the default one), or StandardFileError listing what is wrong with it. */
export async function loadStandard(file = DEFAULT_STANDARD_FILE): Promise<HandlingStandard> {
  const result = await readStandardFile(file);
  if (!result.ok) throw new StandardFileError(`${file}: not a valid handling standard:\n  ${result.errors.join('\n  ')}`);
  return result.standard;
}
