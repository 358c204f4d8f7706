/**
 * Jest config for the Lightning Web Components, run by sfdx-lwc-jest (its own jest 29) from crm-package/:
 * `npm run test:lwc` at the repository root. The TypeScript tests (root jest.config.js, roots test/) never
 * see these files, and this config only looks under force-app/.
 */
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
  modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
};
