import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main';
import defaultStandard from '../../config/default-handling-standard.json';

const SAMPLE = join(__dirname, '../fixtures/contact-lens/handling/documented-redacted-analysis.json');
const dir = mkdtempSync(join(tmpdir(), 'callwise-score-'));

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('callwise score', () => {
  it("prints the scorecard of AWS's documented sample with the evidence of each passed step", async () => {
    const { code, stdout } = await run('score', '--analysis', SAMPLE);
    expect(code).toBe(0);
    expect(stdout).toContain('Call handling: 50/100 (support standard)');
    expect(stdout).toMatch(/passed {2}Resolution +w 25 {2}turn 7 at 0:18: "Alright, I made all the changes/);
    expect(stdout).toMatch(/passed {2}Summary and next steps +w 15 {2}turn 9 at 0:24: "No worries\. I will send you/);
    expect(stdout).toMatch(/MISSED {2}Greeting and self-identification/);
    expect(stdout).toContain('Coaching: Weakest step: Identity verification.');
  });

  it('scores by the variant the intent picks (sales: verification does not apply)', async () => {
    const { stdout } = await run('score', '--analysis', SAMPLE, '--intent', 'sales');
    expect(stdout).toContain('(sales standard)');
    expect(stdout).toMatch(/n\/a {5}Identity verification/);
  });

  it('says "not scored" and why for a call that cannot be scored fairly', async () => {
    const file = join(dir, 'one-way.json');
    writeFileSync(
      file,
      JSON.stringify({
        Channel: 'VOICE',
        Participants: [{ ParticipantId: 'AGENT', ParticipantRole: 'AGENT' }],
        Transcript: [{ ParticipantId: 'AGENT', Content: 'Hello?', BeginOffsetMillis: 0, EndOffsetMillis: 30000 }],
      }),
    );
    const { code, stdout } = await run('score', '--analysis', file);
    expect(code).toBe(0);
    expect(stdout).toBe('Not scored: one-way audio (only one side of the call was heard). The call does not count towards pass rates.');
  });

  it('uses --standard, and names what is wrong with a bad one', async () => {
    const bad = JSON.parse(JSON.stringify(defaultStandard));
    bad.variants[1].steps[0].weight = -1;
    const file = join(dir, 'bad-standard.json');
    writeFileSync(file, JSON.stringify(bad));
    const { code, stderr } = await run('score', '--analysis', SAMPLE, '--standard', file);
    expect(code).toBe(1);
    expect(stderr).toContain('variants.1.steps.0.weight');
  });

  it('rejects a file that is not an analysis, and a missing --analysis', async () => {
    const file = join(dir, 'not-analysis.json');
    writeFileSync(file, JSON.stringify({ Transcript: 'nope' }));
    expect(await run('score', '--analysis', file)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Not a Contact Lens analysis file with a transcript: Transcript'),
    });
    expect((await run('score')).code).toBe(2);
  });
});

describe('callwise standard validate', () => {
  it('accepts the default standard and summarises its variants', async () => {
    const { code, stdout } = await run('standard', 'validate', join(__dirname, '../../config/default-handling-standard.json'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/valid \(version 2026-12-02: sales \(6\/6 steps\), support \(6\/6 steps\)\)/);
  });

  it('lists each error with its path, and reports a file that is not JSON', async () => {
    const bad = JSON.parse(JSON.stringify(defaultStandard));
    bad.variants[0].steps[0].detection.allOf[0] = { patterns: ['[oops'] };
    const file = join(dir, 'invalid.json');
    writeFileSync(file, JSON.stringify(bad));
    const invalid = await run('standard', 'validate', file);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('variants.0.steps.0.detection.allOf.0.patterns.0: not a valid regular expression');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(await run('standard', 'validate', broken)).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read a JSON handling standard') });
  });
});
