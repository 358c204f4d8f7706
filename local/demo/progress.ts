/**
 * A progress line for a long phase, on stderr: in a terminal one line redrawn (at most every 100 ms)
 * with a bar, the count and the rate; otherwise a plain line per 10% and at least every 15 s, so a
 * log shows the job is alive.
 */
export interface ProgressOptions {
  write?: (text: string) => void;
  tty?: boolean;
  /** Milliseconds from any fixed origin (injected so tests pin the time). */
  now?: () => number;
  /** What is counted ("calls", "contacts", "messages"). */
  unit?: string;
  /** Also show the time left at the current rate. */
  eta?: boolean;
}

export interface Progress {
  update(done: number): void;
  /** Ends the line; with a reason, says the phase stopped there. */
  finish(stoppedBecause?: string): void;
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 15_000;

export function progressBar(label: string, total: number, options: ProgressOptions = {}): Progress {
  const write = options.write ?? ((t: string) => process.stderr.write(t));
  const tty = options.tty ?? !!process.stderr.isTTY;
  const now = options.now ?? (() => performance.now());
  const unit = options.unit ?? 'calls';
  const started = now();
  let lastDrawn = -Infinity;
  let lastDecile = -1;
  let done = 0;
  let drawnDone = -1;
  const figures = (at: number) => {
    const seconds = (at - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const eta = options.eta && rate > 0 && total > done ? `, ETA ${Math.ceil((total - done) / rate)} s` : '';
    return `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}, ${rate.toLocaleString('en-US')}/s, ${seconds.toFixed(0)} s${eta}`;
  };
  const draw = (at: number) => {
    const fraction = total ? Math.min(1, done / total) : 1;
    if (tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures(at)}\x1b[K`);
    } else {
      write(`${label}: ${figures(at)} (${Math.floor(fraction * 100)}%)\n`);
    }
    lastDrawn = at;
    drawnDone = done;
  };
  return {
    update(count: number): void {
      done = count;
      const at = now();
      if (tty) {
        if (at - lastDrawn >= REDRAW_MS || done === total) draw(at);
        return;
      }
      const decile = Math.floor((total ? done / total : 1) * 10);
      if (decile !== lastDecile || at - lastDrawn >= PLAIN_EVERY_MS) {
        lastDecile = decile;
        draw(at);
      }
    },
    finish(stoppedBecause?: string): void {
      if (tty || drawnDone !== done) draw(now());
      if (tty) write('\n');
      if (stoppedBecause) write(`${label} stopped: ${stoppedBecause}\n`);
    },
  };
}
