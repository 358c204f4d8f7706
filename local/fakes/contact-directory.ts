import type { ContactDetails } from '../../functions/src/domain/outcome/outcome';
import type { ContactDirectory } from '../../functions/src/ports';

/** DescribeContact for local runs and tests: details by ContactId, as a Connect instance would describe them. */
export class InMemoryContactDirectory implements ContactDirectory {
  calls = 0;

  constructor(
    private readonly details: Map<string, ContactDetails> = new Map(),
    private readonly queues: Map<string, string> = new Map(),
  ) {}

  set(contactId: string, details: ContactDetails): void {
    this.details.set(contactId, details);
  }

  async describe(contactId: string): Promise<ContactDetails | undefined> {
    this.calls++;
    return this.details.get(contactId);
  }

  async queueName(queueArn: string): Promise<string | undefined> {
    return this.queues.get(queueArn);
  }
}
