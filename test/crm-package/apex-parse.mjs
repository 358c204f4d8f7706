// Parses each Apex file given on the command line with prettier-plugin-apex (ESM, so run as a child
// process) and prints [{ file, error }] for the files that do not parse.
import { readFileSync } from 'node:fs';
import * as prettier from 'prettier';
import * as apex from 'prettier-plugin-apex';

const failures = [];
for (const file of process.argv.slice(2)) {
  try {
    await prettier.format(readFileSync(file, 'utf8'), { parser: 'apex', plugins: [apex], filepath: file });
  } catch (error) {
    failures.push({ file, error: String(error.message).split('\n')[0] });
  }
}
process.stdout.write(JSON.stringify(failures));
