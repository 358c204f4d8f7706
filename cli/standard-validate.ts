import { STEP_KEYS } from '../functions/src/domain/handling/standard';
import { type CommandIo, UsageError } from './io';
import { readStandardFile, StandardFileError } from './standard-file';

/** `callwise standard validate FILE`: exit 0 when the handling standard is valid, else 1 with one line per error naming its path. */
export async function runStandardValidate(args: string[], io: CommandIo): Promise<number> {
  const [file] = args;
  if (!file || args.length > 1) throw new UsageError('standard validate takes exactly one FILE');
  try {
    const result = await readStandardFile(file);
    if (result.ok) {
      const variants = result.standard.variants.map((v) => `${v.name} (${v.steps.length}/${STEP_KEYS.length} steps)`).join(', ');
      io.stdout(`${file}: valid (version ${result.standard.version}: ${variants})`);
      return 0;
    }
    io.stderr(`${file}: ${result.errors.length} error(s)`);
    for (const error of result.errors) io.stderr(`  ${error}`);
    return 1;
  } catch (error) {
    if (!(error instanceof StandardFileError)) throw error;
    io.stderr(error.message);
    return 1;
  }
}
