import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDeadLetterQueue } from '../../local/fakes/dead-letter-queue';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the local dead-letter file (phone numbers, transcripts)', () => {
  let dir: string;
  let umask: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callwise-dlq-'));
    // The most permissive umask: the modes below come from the code, not from it.
    umask = process.umask(0);
  });

  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written 0600 in a folder made 0700', async () => {
    const file = join(dir, '.callwise', 'dead-letters.json');
    await new FileDeadLetterQueue(file).park({ body: '{"phone":"+14155550100"}', source: 'analysis', reason: 'test' });
    expect(mode(file)).toBe(0o600);
    expect(mode(join(dir, '.callwise'))).toBe(0o700);
  });

  it('narrows a file an earlier run left world-readable before writing to it', async () => {
    const file = join(dir, 'dead-letters.json');
    writeFileSync(file, '[]\n');
    chmodSync(file, 0o644);
    const dlq = new FileDeadLetterQueue(file);
    await dlq.park({ body: '{}', source: 'contact-event', reason: 'test' });
    expect(mode(file)).toBe(0o600);
    const [letter] = await dlq.list(10);
    await dlq.remove([letter!.id]);
    expect(mode(file)).toBe(0o600);
    expect(await dlq.list(10)).toEqual([]);
  });
});
