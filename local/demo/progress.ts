/** A one-line progress bar on stderr (redrawn in a terminal, a line per 10% otherwise). */
export function progressBar(label: string, total: number, write: (text: string) => void = (t) => process.stderr.write(t), tty = !!process.stderr.isTTY) {
  let lastDecile = -1;
  return {
    update(done: number): void {
      const fraction = total ? done / total : 1;
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
        if (done === total) write('\n');
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        write(`${label}: ${done}/${total} (${decile * 10}%)\n`);
      }
    },
  };
}
