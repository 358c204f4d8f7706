import { benchDirectorySync } from './directory-sync';
import { formatRows } from './report';

/** `npm run bench:directory-sync`: the directory-sync figures alone. */
benchDirectorySync((line) => process.stderr.write(`${line}\n`)).then(
  (rows) => {
    process.stdout.write(`\n${formatRows('Caller directory kept current (DynamoDB Local, emulator, local Event Relay)', rows)}\n`);
    process.exitCode = rows.every((r) => r.met) ? 0 : 1;
  },
  (error) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
