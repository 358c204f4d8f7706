// ESLint for the TypeScript parts (functions, infra, local, bench, test). The Salesforce package's
// LWC and Apex are checked by their own tools (sfdx-lwc-jest, prettier-plugin-apex, PMD).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', 'bench/.out/', 'crm-package/', '.callwise/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // CommonJS lazy loading (CLI subcommands, the Salesforce side of route-call) is deliberate.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  // Boundaries (docs/DESIGN: dependencies point inward). What is deployed never imports the CLI or
  // the local environment; the domain imports only zod, libphonenumber-js and files inside domain/
  // (one block per folder depth, so a relative path that climbs out of domain/ is caught).
  {
    files: ['functions/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(cli|local)(/|$)', message: 'functions/src is deployed: it must not import cli/ or local/.' }] },
      ],
    },
  },
  {
    files: ['functions/src/domain/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./|zod$|libphonenumber-js(/|$))', message: 'The domain imports only zod, libphonenumber-js and files inside domain/.' }] },
      ],
    },
  },
  {
    files: ['functions/src/domain/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./(?!\\.\\.)|zod$|libphonenumber-js(/|$))',
              message: 'The domain imports only zod, libphonenumber-js and files inside domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may poke at untyped JSON and assert on control characters.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
