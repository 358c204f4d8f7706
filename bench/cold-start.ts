import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { TABLES } from '../functions/src/platform/settings';
import { BUNDLE_ALIASES } from '../infra/lib/bundling';
import { percentile } from '../local/demo/stats';
import type { BenchRow } from './report';

/**
 * Cold start of route-call: the handler bundled as the CDK stack bundles it (esbuild, minified,
 * the same aliases, @aws-sdk/* left to the runtime), its size, and how long Node takes to load it (median of 7 fresh
 * processes; the AWS SDK is resolved from node_modules, so its load time is counted).
 */
const OUT_DIR = join(__dirname, '.out');

export function bundleRouteCall(): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, 'route-call.js');
  buildSync({
    entryPoints: [join(__dirname, '../functions/src/handlers/route-call.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['@aws-sdk/*'],
    alias: BUNDLE_ALIASES,
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

function loadTimeMs(bundle: string): number {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_REGION: 'us-east-1',
    SALESFORCE_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise-salesforce',
    CONNECT_INSTANCE_ARN: 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance',
    POWERTOOLS_METRICS_NAMESPACE: 'Callwise',
  };
  for (const t of TABLES) env[t.envVar] = `callwise-${t.id}`;
  const script = `const s=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-s)/1e6))`;
  const samples = Array.from({ length: 7 }, () => Number(execFileSync(process.execPath, ['-e', script], { env, cwd: join(__dirname, '..') }).toString()));
  return percentile(samples, 50);
}

export function benchColdStart(): BenchRow[] {
  const bundle = bundleRouteCall();
  const sizeMb = statSync(bundle).size / (1024 * 1024);
  const loadMs = loadTimeMs(bundle);
  return [
    { name: 'Cold start: route-call bundle size', callwise: `${sizeMb.toFixed(2)} MB`, baseline: 'n/a', target: '≤ 1.5 MB', met: sizeMb <= 1.5 },
    { name: 'Cold start: module load time (median of 7)', callwise: `${loadMs.toFixed(0)} ms`, baseline: 'n/a', target: '≤ 250 ms', met: loadMs <= 250 },
  ];
}
