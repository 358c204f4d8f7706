import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import type { RouteResponse } from '../../functions/src/domain/routing/route-response';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb';
import defaultPolicy from '../../config/default-policy.json';

/** `callwise route` on the fixture events (the README's examples), against the local environment. */
const FIXTURES = join(__dirname, '../fixtures/contact-flow-events');
let dynamo: DynamoDbLocal;
const saved = process.env.DYNAMODB_ENDPOINT;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ createTables: false });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
}, 120_000);
afterAll(async () => {
  process.env.DYNAMODB_ENDPOINT = saved;
  await dynamo?.stop();
});

// Pinned times: a Tuesday at 10:00 and at 23:00 in the policy's zone (America/New_York, UTC-5 in December).
const IN_HOURS = '2026-12-01T15:00:00Z';
const AFTER_HOURS = '2026-12-02T04:00:00Z';

async function route(...args: string[]): Promise<{ code: number; response: RouteResponse; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['route', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, response: stdout ? (JSON.parse(stdout) as RouteResponse) : ({} as RouteResponse), stderr };
}

const fixture = (name: string) => join(FIXTURES, `${name}.json`);

/**
 * The default policy with the longest deadline the schema allows: these tests check where each call
 * goes, not how fast; on a busy machine the first Salesforce lookup of a fresh process can pass 2 s
 * and would turn the answer into the fallback (route-call's deadline has its own tests).
 */
function patientPolicy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callwise-'));
  writeFileSync(join(dir, 'policy.json'), JSON.stringify({ ...defaultPolicy, timing: { ...defaultPolicy.timing, deadlineMs: 7000 } }));
  return join(dir, 'policy.json');
}

describe('callwise route', () => {
  it.each([
    ['inbound-known', { callerKnown: 'true', callerRecordType: 'Contact', intent: 'support', degraded: 'false' }],
    ['inbound-lex', { callerKnown: 'true', callerRecordType: 'Lead', intent: 'sales', degraded: 'false' }],
    ['outbound', { callerKnown: 'true', degraded: 'false' }],
    ['transfer', { callerKnown: 'true', callerRecordType: 'PersonAccount', intent: 'billing', degraded: 'false' }],
    ['callback', { callerKnown: 'true', callerRecordType: 'PersonAccount', degraded: 'false' }],
    ['chat', { callerKnown: 'false', routingRule: 'unknown-caller', degraded: 'false' }],
    ['anonymous', { callerKnown: 'false', routingRule: 'unknown-caller', targetQueueName: 'General', degraded: 'false' }],
  ])(
    'answers %s correctly',
    async (name, expected) => {
      const { code, response, stderr } = await route('--event', fixture(name), '--at', IN_HOURS, '--policy', patientPolicy());
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(response).toMatchObject(expected);
      expect(response.targetQueueArn).toMatch(/^arn:aws:connect:/);
    },
    60_000,
  );

  it('routes by the time given with --at: after hours a known caller goes where the after-hours rule says', async () => {
    const { code, response } = await route('--event', fixture('inbound-known'), '--at', AFTER_HOURS, '--policy', patientPolicy());
    expect(code).toBe(0);
    expect(response).toMatchObject({ callerKnown: 'true', routingRule: 'after-hours' });
  }, 60_000);

  it('reports a malformed event on stderr and still prints the fallback route', async () => {
    const { code, response, stderr } = await route('--event', fixture('malformed'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/not a valid Connect contact flow event: .*ContactId/);
    expect(response).toMatchObject({ degraded: 'true', routingRule: 'fallback', targetQueueName: 'General' });
  }, 60_000);

  it('routes by another policy given with --policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callwise-'));
    const policy = structuredClone(defaultPolicy) as typeof defaultPolicy;
    policy.fallback = { ...policy.fallback, queue: 'support' };
    writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
    const { response } = await route('--event', fixture('malformed'), '--policy', join(dir, 'policy.json'));
    expect(response.targetQueueName).toBe('Support');
  }, 60_000);

  it('refuses an invalid policy file, naming what is wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callwise-'));
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ ...defaultPolicy, timezone: 'Mars/Olympus' }));
    const { code, stderr } = await route('--event', fixture('inbound-known'), '--policy', join(dir, 'policy.json'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/timezone/);
  });

  it.each([[[]], [['--event']], [['--evnt', 'x.json']], [['--event', 'x.json', '--at', 'tomorrow']], [['--event', 'x.json', '--at', '2026-12-01']]])(
    'rejects bad arguments %j with usage',
    async (args) => {
      const { code, stderr } = await route(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/Usage:/);
    },
  );
});
