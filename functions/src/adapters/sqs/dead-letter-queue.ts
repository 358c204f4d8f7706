import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeadLetter, DeadLetterQueue } from '../../ports';

/**
 * Dead-letter queues for call logging. In AWS this is an SQS queue (adapter to come with
 * @aws-sdk/client-sqs); locally, a JSON file, so `callwise dlq redrive` works across runs.
 */
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

export class DeadLetterQueueUnavailableError extends Error {
  constructor(what: string) {
    super(`${what}: the SQS dead-letter adapter needs @aws-sdk/client-sqs; until then the queue's redrive policy parks poison messages`);
    this.name = 'DeadLetterQueueUnavailableError';
  }
}

/**
 * In Lambda until the SQS adapter lands: a park logs the reason (by message, never the body) and
 * refuses, so the message fails and the source queue's redrive policy moves it to the DLQ.
 */
export class RedrivePolicyDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly log: (reason: string, source: string) => void) {}

  async park(letter: Omit<DeadLetter, 'id' | 'parkedAt'>): Promise<void> {
    this.log(letter.reason, letter.source);
    throw new DeadLetterQueueUnavailableError('Parking a message');
  }

  async list(): Promise<DeadLetter[]> {
    throw new DeadLetterQueueUnavailableError('Listing parked messages');
  }

  async remove(): Promise<void> {
    throw new DeadLetterQueueUnavailableError('Removing parked messages');
  }
}
