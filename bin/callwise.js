#!/usr/bin/env node
// The `callwise` command: runs the TypeScript CLI through tsx (no build step needed).
require('tsx/cjs/api').register();
require('../functions/src/cli/main.ts').runFromProcess();
