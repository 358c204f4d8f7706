import { startSalesforceEmulator } from './index';

/**
 * Runs the emulator on its own, for tools in other processes (SALESFORCE_EMULATOR_URL):
 *   node bin/run-ts.js local/salesforce-emulator/serve.ts [--latency=ms] [--org=demo|empty] [--seed=n]
 * Prints {"url": …} on one line and serves until interrupted.
 */
function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const org = option('org') === 'empty' ? 'empty' : 'demo';
  const emulator = await startSalesforceEmulator({ org, latencyMs: Number(option('latency') ?? 0), seed: Number(option('seed') ?? 42) });
  process.stdout.write(`${JSON.stringify({ url: emulator.url, org })}\n`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`salesforce emulator failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
