import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeadLetter, DeadLetterQueue } from '../../functions/src/ports';

/** Dead letters in memory (tests, the demo, the benchmarks). */
export class InMemoryDeadLetterQueue implements DeadLetterQueue {
  readonly letters: DeadLetter[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async park(letter: Omit<DeadLetter, 'id' | 'parkedAt'>): Promise<void> {
    this.letters.push({ ...letter, id: randomUUID(), parkedAt: this.clock().toISOString() });
  }

  async list(max: number): Promise<DeadLetter[]> {
    return this.letters.slice(0, max);
  }

  async remove(ids: string[]): Promise<void> {
    const gone = new Set(ids);
    for (let i = this.letters.length - 1; i >= 0; i--) if (gone.has(this.letters[i]!.id)) this.letters.splice(i, 1);
  }
}

/**
 * Dead letters in a JSON file, so `callwise dlq redrive` works across local runs. They hold phone
 * numbers and transcripts: the file is the owner's alone (0600, its folder 0700 when made here),
 * whatever the umask, and a file left readable by an earlier version is narrowed before it is written.
 */
export class FileDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly path: string) {}

  private read(): DeadLetter[] {
    return existsSync(this.path) ? (JSON.parse(readFileSync(this.path, 'utf8')) as DeadLetter[]) : [];
  }

  private write(letters: DeadLetter[]): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'w', 0o600);
    try {
      fchmodSync(fd, 0o600);
      writeSync(fd, `${JSON.stringify(letters, null, 2)}\n`);
    } finally {
      closeSync(fd);
    }
  }

  async park(letter: Omit<DeadLetter, 'id' | 'parkedAt'>): Promise<void> {
    this.write([...this.read(), { ...letter, id: randomUUID(), parkedAt: new Date().toISOString() }]);
  }

  async list(max: number): Promise<DeadLetter[]> {
    return this.read().slice(0, max);
  }

  async remove(ids: string[]): Promise<void> {
    const gone = new Set(ids);
    this.write(this.read().filter((l) => !gone.has(l.id)));
  }
}
