import { readFile } from 'node:fs/promises';
import { clockStartingAt } from '../functions/src/platform/time';
import { routeCall } from '../functions/src/routing/route-call';
import type { RoutingPolicy } from '../functions/src/domain/policy/policy';
import { type CommandIo, UsageError } from './io';
import { PolicyFileUnreadableError, readPolicyFile } from './policy-file';

/**
 * `callwise route --event FILE [--policy FILE] [--at ISO-TIME]`: routes one Connect contact flow event
 * against the local environment and prints the route-call response. `--at` sets the time of the call
 * (business hours, repeat-call windows); by default it is now. A malformed event is reported on stderr
 * (exit 1) and the fallback route is still printed, as Connect would receive it. With DYNAMODB_ENDPOINT
 * set, a running DynamoDB Local is used instead of starting one.
 */
export async function runRoute(args: string[], io: CommandIo): Promise<number> {
  const { eventFile, policyFile, at } = parseRouteArgs(args);
  const policy = policyFile ? await readPolicy(policyFile, io) : undefined;
  if (policy === null) return 1;
  const event = await readEvent(eventFile);

  const { startLocalEnvironment } = require('../local/environment') as typeof import('../local/environment');
  const dynamoDbEndpoint = process.env.DYNAMODB_ENDPOINT;
  const env = await startLocalEnvironment({
    ...(policy ? { policy } : {}),
    ...(dynamoDbEndpoint ? { dynamoDbEndpoint } : {}),
    ...(at ? { clock: clockStartingAt(at) } : {}),
  });
  try {
    const result = await routeCall(event, env.deps);
    io.stdout(JSON.stringify(result.response, null, 2));
    if (result.invalidEvent) {
      io.stderr(`${eventFile}: not a valid Connect contact flow event: ${result.invalidEvent}; answered with the fallback route`);
      return 1;
    }
    return 0;
  } finally {
    await env.stop();
  }
}

function parseRouteArgs(args: string[]): { eventFile: string; policyFile?: string; at?: Date } {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [flag = '', value] = [args[i], args[i + 1]];
    if (!ROUTE_FLAGS.includes(flag)) throw new UsageError(`unexpected argument ${flag}`);
    if (!value || value.startsWith('--')) throw new UsageError(`${flag} needs ${flag === '--at' ? 'an ISO-TIME' : 'a FILE'}`);
    values[flag] = value;
    i++;
  }
  const eventFile = values['--event'];
  if (!eventFile) throw new UsageError('route needs --event FILE');
  const at = values['--at'] === undefined ? undefined : parseIsoTime(values['--at']);
  return { eventFile, ...(values['--policy'] ? { policyFile: values['--policy'] } : {}), ...(at ? { at } : {}) };
}

const ROUTE_FLAGS = ['--event', '--policy', '--at'];

function parseIsoTime(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--at needs an ISO-TIME with a date and time, such as 2026-12-01T15:00:00Z (got "${text}")`);
  }
  return at;
}

/** The event as JSON, or its raw text when it is not JSON (the router then reports it as malformed). */
async function readEvent(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function readPolicy(file: string, io: CommandIo): Promise<RoutingPolicy | null> {
  try {
    const result = await readPolicyFile(file);
    if (result.ok) return result.policy;
    io.stderr(`${file}: invalid policy:\n  ${result.errors.join('\n  ')}`);
  } catch (error) {
    if (!(error instanceof PolicyFileUnreadableError)) throw error;
    io.stderr(error.message);
  }
  return null;
}
