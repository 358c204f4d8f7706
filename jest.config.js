/** TypeScript tests (functions, local, infra). LWC tests run separately under sfdx-lwc-jest (npm run test:lwc). */

// The AWS SDK's notice that its Node 20 support ends in 2027 would repeat in every worker's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Passing tests print nothing: the Lambdas' Powertools log lines (warnings on handled failures) stay quiet.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// …and print no EMF metric lines; a test that reads the metrics turns them back on for its own module registry.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  testTimeout: 30000,
  maxWorkers: 2,
  // A worker that ends the run holding gigabytes of heap (the DynamoDB Local and emulator suites build large ones)
  // takes longer than jest's 500 ms to exit and is force-exited; one past this after a test file is replaced instead.
  workerIdleMemoryLimit: '640MB',
  // Even at 400 MB a worker takes 350–450 ms to tear its heap down on a 2-core machine, two exiting at once: past
  // jest's 500 ms default it was force-exited with no handle left open (both workers' last handles were jest's own
  // IPC and stdio pipes, and 'exit' fired within 300 ms of jest's end message). Leaks still show, a few seconds later.
  workerGracefulExitTimeout: 3000,
};
