import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Dead letters in a JSON file, so `callwise dlq redrive` works across local runs. */
export class FileDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly path: string) {}

  private read(): DeadLetter[] {
    return existsSync(this.path) ? (JSON.parse(readFileSync(this.path, 'utf8')) as DeadLetter[]) : [];
  }

  private write(letters: DeadLetter[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, `${JSON.stringify(letters, null, 2)}\n`);
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
