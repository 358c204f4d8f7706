#!/usr/bin/env node
// The `callwise` command: runs the TypeScript CLI through tsx (no build step needed).

// The AWS SDK warns on every start that its Node 20 support ends in 2027; the Lambdas run on Node 22,
// and local commands should not bury their output under it (nor under per-call info logs).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

require('tsx/cjs/api').register();
require('../cli/main.ts').runFromProcess();
