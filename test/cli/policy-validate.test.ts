import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import defaultPolicy from '../../config/default-policy.json';

/** `callwise policy validate FILE [--instance ARN]` on policy files written for the test. */
const DEMO = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';
const ACME = 'arn:aws:connect:eu-west-2:444455556666:instance/acme';
const dir = mkdtempSync(join(tmpdir(), 'callwise-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function policyFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

async function validate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['policy', 'validate', ...args], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

describe('callwise policy validate', () => {
  const demo = policyFile('demo.json', defaultPolicy);

  it('says a valid policy is valid, and warns of nothing when its queues are of the instance given', async () => {
    expect(await validate(demo, '--instance', DEMO)).toEqual({
      code: 0,
      stdout: `${demo}: valid (version ${defaultPolicy.version}: 7 queues, 5 intents, 9 rules)`,
      stderr: '',
    });
  });

  it('warns of each queue of another instance (exit 0: the policy itself is valid)', async () => {
    const mixed = structuredClone(defaultPolicy) as typeof defaultPolicy;
    for (const key of Object.keys(mixed.queues) as (keyof typeof mixed.queues)[]) mixed.queues[key].arn = `${ACME}/queue/${key}-id`;
    mixed.queues.vip.arn = `${DEMO}/queue/vip`;
    const file = policyFile('mixed.json', mixed);

    const { code, stderr } = await validate(file, '--instance', ACME);

    expect(code).toBe(0);
    expect(stderr).toBe(`  warning: queues.vip.arn ${DEMO}/queue/vip belongs to instance ${DEMO}, not ${ACME}: calls routed there would fail\n`);
  });

  it('warns of every demo queue when the default policy is checked against a real instance', async () => {
    const { code, stderr } = await validate('--instance', ACME, demo);
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(Object.keys(defaultPolicy.queues).length);
  });

  it.each([
    [['--instance'], /--instance needs an instance ARN/],
    [['--instance', `${ACME}/queue/q`], /--instance needs an instance ARN such as/],
    [[], /exactly one FILE/],
  ])('refuses %j as a usage error', async (extra, message) => {
    const { code, stderr } = await validate(...(extra.length === 1 || extra.length === 0 ? extra : [demo, ...extra]));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('reports an invalid policy with the path of each error (exit 1)', async () => {
    const file = policyFile('broken.json', { ...defaultPolicy, timezone: 'Mars/Olympus' });
    const { code, stderr } = await validate(file, '--instance', DEMO);
    expect(code).toBe(1);
    expect(stderr).toContain('timezone: unknown IANA time zone');
  });
});
