import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import defaultPolicyJson from '../../config/default-policy.json';
import { UsageError } from '../../cli/io';
import { runPolicyPull } from '../../cli/policy-pull';
import { RoutingPolicySchema } from '../../functions/src/domain/policy/policy';
import { PACKAGE_SOURCE_DIR } from '../../local/tools/custom-metadata-xml';

const DEFAULT_POLICY = RoutingPolicySchema.parse(defaultPolicyJson);
const env = {} as NodeJS.ProcessEnv;
const run = promisify(execFile);
let dir: string;

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

/** A copy of the package's records with one record file edited. */
function brokenPackage(file: string, edit: (xml: string) => string): string {
  const copy = join(dir, `package-${Math.random().toString(36).slice(2)}`);
  cpSync(join(PACKAGE_SOURCE_DIR, 'customMetadata'), join(copy, 'customMetadata'), { recursive: true });
  const path = join(copy, 'customMetadata', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return copy;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-pull-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('callwise policy pull (local emulator seeded with the package records)', () => {
  it('prints the default policy', async () => {
    const { io, out, err } = captureIo();

    const code = await runPolicyPull([], io, env);

    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(JSON.parse(out.join(''))).toEqual(DEFAULT_POLICY);
  });

  it('writes --out FILE, and says so when the file already holds the same policy', async () => {
    const out1 = captureIo();
    const out2 = captureIo();
    const file = join(dir, 'pulled.json');

    const first = await runPolicyPull(['--out', file], out1.io, env);
    const second = await runPolicyPull(['--out', file], out2.io, env);

    expect([first, second]).toEqual([0, 0]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_POLICY);
    expect(out1.out.join('')).toContain(`wrote policy version ${DEFAULT_POLICY.version}`);
    expect(out2.out.join('')).toContain(`already holds policy version ${DEFAULT_POLICY.version}`);
  });

  it('rejects a broken record with the record and field, and keeps the previous policy in FILE', async () => {
    const file = join(dir, 'previous.json');
    writeFileSync(file, '{"previous": true}\n');
    const packageDir = brokenPackage('Callwise_Routing_Rule.billing.md-meta.xml', (xml) =>
      xml.replace(
        '<value xsi:type="xsd:string">billing</value>\n    </values>\n    <values>\n        <field>Then_Priority__c</field>',
        '<value xsi:type="xsd:string">accounts</value>\n    </values>\n    <values>\n        <field>Then_Priority__c</field>',
      ),
    );
    const { io, out, err } = captureIo();

    const code = await runPolicyPull(['--out', file, '--package', packageDir], io, env);

    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('Callwise_Routing_Rule__mdt record "billing", field Then_Queue__c: unknown queue "accounts"');
    expect(err.join('\n')).toContain(`${file} still holds the previous policy`);
    expect(readFileSync(file, 'utf8')).toBe('{"previous": true}\n');
  });

  it('reports a bad time in the settings record', async () => {
    const packageDir = brokenPackage('Callwise_Setting.Default.md-meta.xml', (xml) => xml.replace('>08:00<', ">8 o'clock<"));
    const { io, err } = captureIo();

    const code = await runPolicyPull(['--package', packageDir], io, env);

    expect(code).toBe(1);
    expect(err.join('\n')).toContain('Callwise_Setting__mdt record "Default", field Open_Time__c: expected HH:MM');
  });

  it.each([[['--out']], [['--package']], [['extra']], [['--out', 'policy.json', '--store']]])('%j is a usage error', async (args) => {
    await expect(runPolicyPull(args, captureIo().io, env)).rejects.toThrow(UsageError);
  });

  it('with SF_ORG, uses the sf login of that org (an unknown alias is a clear error, exit 1)', async () => {
    // A child process, so @salesforce/core sees a HOME of its own (it reads and writes there).
    const child = await run(process.execPath, [join(__dirname, '../../bin/callwise.js'), 'policy', 'pull'], {
      env: { ...process.env, SF_ORG: 'no-such-org', HOME: dir, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

    expect(child.code).toBe(1);
    expect(child.stderr).toContain('No authorization information found for no-such-org');
  });
});
