import { join } from 'node:path';
import { buildSync, stop } from 'esbuild';

/**
 * How many project files a Lambda loads: the static import closure of each handler as esbuild
 * bundles it (npm packages left out, type-only imports dropped, lazily required modules counted).
 * Fewer files is fewer places a newcomer opens to follow one call. Issue #8 sets route-call at
 * most 40 and log-outcome at most 32.
 */
const ROOT = join(__dirname, '..', '..');

function build(handler: string) {
  return buildSync({
    entryPoints: [join(ROOT, 'functions/src/handlers', `${handler}.ts`)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    packages: 'external',
    outfile: 'closure.js',
    logLevel: 'silent',
  }).metafile;
}

function closure(handler: string): string[] {
  return Object.keys(build(handler).inputs).filter((file) => !file.includes('node_modules'));
}

/** The npm packages a handler's own files import (type-only imports dropped). */
function packagesImported(handler: string): Set<string> {
  return new Set(
    Object.values(build(handler).inputs)
      .flatMap((input) => input.imports)
      .filter((i) => i.external)
      .map((i) => i.path),
  );
}

// buildSync runs esbuild in a worker thread that starts an esbuild process; both outlive the call until stop().
afterAll(() => stop());

describe('handler import closure', () => {
  it.each([
    ['route-call', 40],
    ['log-outcome', 32],
    // Issue #11: change events onto the directory store, gap reads and reconcile's composite read.
    ['directory-sync', 34],
  ])('%s loads at most %i project files', (handler, most) => {
    const files = closure(handler);
    expect(files.length).toBeLessThanOrEqual(most);
    expect(files.every((f) => f.startsWith('functions/src/') || f.startsWith('config/'))).toBe(true);
  });

  // The X-Ray SDK's async hook doubled route-call's per-request CPU (platform/tracing.ts); other Lambdas may load it.
  it('route-call does not load the X-Ray SDK; the queue-status refresher does', () => {
    expect([...packagesImported('route-call')].filter((p) => p.includes('tracer') || p.includes('xray'))).toEqual([]);
    expect(packagesImported('refresh-queue-status')).toContain('@aws-lambda-powertools/tracer');
  });
});
