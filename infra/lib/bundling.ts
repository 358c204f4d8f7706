import * as path from 'node:path';

/** Modules replaced while bundling the Lambdas (one list, used by the stack and the cold-start benchmark). */
export const BUNDLE_ALIASES: Record<string, string> = {
  'whatwg-url': path.join(__dirname, '..', '..', 'functions', 'src', 'platform', 'whatwg-url.ts'),
};
