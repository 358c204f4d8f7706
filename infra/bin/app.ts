import { createCallwiseApp } from '../lib/callwise-app';
import { InvalidSecretReferenceError } from '../lib/secrets';
import { InvalidContextError } from '../lib/settings';

try {
  createCallwiseApp().app.synth();
} catch (error) {
  // A wrong -c value is the admin's to fix: say which, without a stack trace.
  if (!(error instanceof InvalidContextError || error instanceof InvalidSecretReferenceError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
