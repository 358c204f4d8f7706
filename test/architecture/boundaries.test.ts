import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The boundaries the linter keeps, checked with the repository's own ESLint config on scratch files
 * (linted as text under the path given, never written): functions/src never imports cli/ or local/;
 * domain/ imports only zod, libphonenumber-js and files inside domain/.
 */
const ROOT = join(__dirname, '..', '..');

// ESLint loads its flat config with a dynamic import, which jest's module sandbox refuses: the
// scratch files are linted by ESLint's Node API in a child process, all in one run.
const LINT_SCRIPT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map(async ([filePath, specifier]) => {
  const [result] = await eslint.lintText("import * as imported from '" + specifier + "';\\nexport default imported;\\n", { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
})).then((out) => process.stdout.write(JSON.stringify(out)));
`;

let results: Map<string, string[]>;

function restrictedImports(filePath: string, specifier: string): string[] {
  return results.get(`${filePath} ${specifier}`)!;
}

const FORBIDDEN: Array<[string, string, RegExp]> = [
  ['functions/src/routing/scratch.ts', '../../local/fakes/clock', /must not import cli\/ or local\//],
  ['functions/src/handlers/scratch.ts', '../../cli/main', /must not import cli\/ or local\//],
  ['functions/src/adapters/dynamodb/scratch.ts', '../../../../local/dynamodb', /must not import cli\/ or local\//],
  ['functions/src/domain/routing/scratch.ts', '@aws-sdk/client-dynamodb', /only zod, libphonenumber-js/],
  ['functions/src/domain/routing/scratch.ts', 'node:crypto', /only zod, libphonenumber-js/],
  ['functions/src/domain/routing/scratch.ts', '../../ports', /only zod, libphonenumber-js/],
  ['functions/src/domain/outcome/scratch.ts', '../../../local/fakes/clock', /only zod, libphonenumber-js/],
  ['functions/src/domain/scratch.ts', '../platform/time', /only zod, libphonenumber-js/],
];
const ALLOWED: Array<[string, string]> = [
  ['functions/src/domain/routing/scratch.ts', 'zod'],
  ['functions/src/domain/routing/scratch.ts', 'libphonenumber-js/max'],
  ['functions/src/domain/routing/scratch.ts', '../policy/policy'],
  ['functions/src/domain/routing/scratch.ts', './phone'],
  ['functions/src/domain/scratch.ts', './text'],
  ['functions/src/routing/scratch.ts', '../adapters/dynamodb/client'],
  ['cli/scratch.ts', '../local/environment'],
];

beforeAll(() => {
  const cases = [...FORBIDDEN.map(([f, s]) => [f, s]), ...ALLOWED];
  const out = JSON.parse(execFileSync(process.execPath, ['-e', LINT_SCRIPT], { cwd: ROOT, input: JSON.stringify(cases) }).toString()) as string[][];
  results = new Map(cases.map(([f, s], i) => [`${f} ${s}`, out[i]!]));
}, 120_000);

describe('lint boundaries', () => {
  it.each(FORBIDDEN)('%s may not import %s', (filePath, specifier, message) => {
    const messages = restrictedImports(filePath, specifier);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it.each(ALLOWED)('%s may import %s', (filePath, specifier) => {
    expect(restrictedImports(filePath, specifier)).toEqual([]);
  });
});
