import { progressBar } from '../../../local/demo/progress';

/** A progress bar fed a pinned clock; returns what it wrote. */
function harness(tty: boolean) {
  const out: string[] = [];
  let ms = 0;
  const bar = progressBar('Routing calls', 2000, { write: (t) => out.push(t), tty, now: () => ms, unit: 'calls' });
  return { out, bar, at: (seconds: number) => void (ms = seconds * 1000) };
}

describe('progressBar', () => {
  it('without a terminal, writes a plain line at the start and per 10%, with the count and the rate', () => {
    // Prepare
    const { out, bar, at } = harness(false);

    // Act: 2,000 calls at 100 calls/s, reported every 50 calls
    for (let done = 50; done <= 2000; done += 50) {
      at(done / 100);
      bar.update(done);
    }
    bar.finish();

    // Assess
    expect(out).toHaveLength(11);
    expect(out[0]).toBe('Routing calls: 50/2,000 calls, 100/s, 1 s (2%)\n');
    expect(out[1]).toBe('Routing calls: 200/2,000 calls, 100/s, 2 s (10%)\n');
    expect(out[10]).toBe('Routing calls: 2,000/2,000 calls, 100/s, 20 s (100%)\n');
  });

  it('without a terminal, still writes a line every 15 s when the count barely moves', () => {
    const { out, bar, at } = harness(false);
    at(1);
    bar.update(1);
    at(10);
    bar.update(2);
    at(16.5);
    bar.update(3);
    expect(out).toEqual(['Routing calls: 1/2,000 calls, 1/s, 1 s (0%)\n', 'Routing calls: 3/2,000 calls, 0/s, 17 s (0%)\n']);
  });

  it('in a terminal, redraws one line at most every 100 ms and ends it', () => {
    const { out, bar, at } = harness(true);
    at(1);
    bar.update(500);
    at(1.05);
    bar.update(510);
    at(2);
    bar.update(1000);
    bar.finish();
    expect(out).toEqual([
      `\rRouting calls [########......................] 500/2,000 calls, 500/s, 1 s\x1b[K`,
      `\rRouting calls [###############...............] 1,000/2,000 calls, 500/s, 2 s\x1b[K`,
      `\rRouting calls [###############...............] 1,000/2,000 calls, 500/s, 2 s\x1b[K`,
      '\n',
    ]);
  });

  it('says where and why a phase stopped', () => {
    const { out, bar, at } = harness(false);
    at(4);
    bar.update(1200);
    bar.finish('DynamoDB did not answer');
    expect(out).toEqual(['Routing calls: 1,200/2,000 calls, 300/s, 4 s (60%)\n', 'Routing calls stopped: DynamoDB did not answer\n']);
  });
});
