import { parseHandlingTranscript, UnreadableTranscriptError } from '../functions/src/adapters/contact-lens/handling-transcript';
import { scoreCall } from '../functions/src/domain/handling/score';
import type { HandlingContext } from '../functions/src/domain/handling/transcript';
import { HANDLING_DIRECTIONS } from '../functions/src/domain/handling/standard';
import { type CommandIo, UsageError } from './io';
import { formatScorecard } from './scorecard-text';
import { loadStandard, readJsonFile, StandardFileError } from './standard-file';

const FLAGS = ['--analysis', '--standard', '--intent', '--queue', '--direction'];

function parseScoreArgs(args: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const [flag = '', value] = [args[i], args[i + 1]];
    if (!FLAGS.includes(flag)) throw new UsageError(`unexpected argument ${flag}`);
    if (!value || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    values[flag] = value;
  }
  if (!values['--analysis']) throw new UsageError('score needs --analysis FILE');
  const direction = values['--direction'];
  if (direction && !(HANDLING_DIRECTIONS as readonly string[]).includes(direction))
    throw new UsageError(`--direction is one of ${HANDLING_DIRECTIONS.join(', ')}`);
  return values;
}

/**
 * `callwise score --analysis FILE [--standard FILE] [--intent NAME] [--queue NAME] [--direction D]`:
 * prints the handling scorecard of one Contact Lens analysis file. The intent and queue pick the
 * standard's variant and the steps that apply (the default standard scores sales and renewal calls by its sales variant).
 */
export async function runScore(args: string[], io: CommandIo): Promise<number> {
  const values = parseScoreArgs(args);
  try {
    const standard = await loadStandard(values['--standard']);
    const transcript = parseHandlingTranscript(await readJsonFile(values['--analysis']!, 'a Contact Lens analysis file'));
    const context: HandlingContext = {
      ...(values['--intent'] ? { intent: values['--intent'] } : {}),
      ...(values['--queue'] ? { queue: values['--queue'] } : {}),
      ...(values['--direction'] ? { direction: values['--direction'] as HandlingContext['direction'] } : {}),
    };
    io.stdout(formatScorecard(scoreCall(transcript, standard, context)));
    return 0;
  } catch (error) {
    if (!(error instanceof StandardFileError) && !(error instanceof UnreadableTranscriptError)) throw error;
    io.stderr((error as Error).message);
    return 1;
  }
}
