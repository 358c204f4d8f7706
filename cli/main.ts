import { type CommandIo, processIo, UsageError } from './io';

const USAGE = `callwise — intent-based call routing for Amazon Connect with Salesforce

Usage:
  callwise demo                                   boot the local environment and route + log a synthetic day (npm start)
  callwise route --event FILE [--policy FILE] [--at ISO-TIME]
                                                  route one Connect contact flow event (at that time); prints the response JSON
  callwise policy validate FILE [--instance ARN]  check a routing policy file (and that its queues are of that instance)
  callwise policy pull [--out FILE | --store] [--package DIR]
                                                  build the policy from Salesforce custom metadata (SF_ORG=<alias> for a real org)
  callwise outcome --events FILE... [--analysis FILE]
                                                  log contact events (and a Contact Lens file) as a Call Task; prints it
  callwise score --analysis FILE [--standard FILE] [--intent NAME] [--queue NAME] [--direction D]
                                                  print the call-handling scorecard of a Contact Lens analysis file
  callwise standard validate FILE                 check a call-handling standard file
  callwise dlq list | redrive                     show parked call-logging messages, or run them again
  callwise directory load [--restart] [--max-records N] [--country CC]
                                                  load the caller directory through Bulk API 2.0 (resumes an unfinished load)
  callwise directory status                       records, numbers, last change event applied, staleness
  callwise directory verify [--sample N | --all]  compare the directory with the org; exit 1 on differences
  callwise directory rebuild                      load everything again and remove what the org no longer holds; exit 1 if differences remain
                                                  (SF_ORG=<alias> for a real org; CALLER_DIRECTORY_TABLE for a kept directory)
  callwise help                                   this text
`;

type Command = (args: string[], io: CommandIo) => Promise<number>;

/** Subcommands load lazily, so a quick command does not pay for the heavy ones. */
const COMMANDS: Record<string, () => Command> = {
  demo: () => require('./demo').runDemo,
  route: () => require('./route').runRoute,
  'policy validate': () => require('./policy-validate').runPolicyValidate,
  'policy pull': () => require('./policy-pull').runPolicyPull,
  outcome: () => require('./outcome').runOutcome,
  dlq: () => require('./dlq').runDlq,
  score: () => require('./score').runScore,
  'standard validate': () => require('./standard-validate').runStandardValidate,
  'directory load': () => require('./directory').runDirectoryLoad,
  'directory status': () => require('./directory').runDirectoryStatus,
  'directory verify': () => require('./directory').runDirectoryVerify,
  'directory rebuild': () => require('./directory').runDirectoryRebuild,
};

export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [first, second, ...rest] = argv;
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    io.stdout(USAGE);
    return first ? 0 : 2;
  }
  const twoWord = `${first} ${second ?? ''}`;
  const [name, args] = COMMANDS[twoWord] ? [twoWord, rest] : [first, argv.slice(1)];
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`callwise: unknown command "${first}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await load()(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`callwise ${name}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`callwise ${name}: ${(error as Error).message}`);
    return 1;
  }
}

/** Entry point of bin/callwise.js: runs the command line and sets the exit code. */
export function runFromProcess(): void {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`callwise: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
