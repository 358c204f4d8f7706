import { DescribeContactCommand, DescribeQueueCommand, GetContactAttributesCommand, ResourceNotFoundException } from '@aws-sdk/client-connect';
import type { ContactDetails } from '../../functions/src/domain/outcome/outcome';

/**
 * A stand-in for the Amazon Connect API as ConnectContactDirectory calls it (DescribeContact,
 * GetContactAttributes, DescribeQueue), answering from synthetic contact details in the API's shapes,
 * and counting the calls by operation (the call-logging bench reports them).
 */
export class FakeConnectApi {
  readonly calls = new Map<string, number>();

  constructor(
    private readonly details: Map<string, ContactDetails>,
    private readonly queues: Map<string, string> = new Map(),
  ) {}

  get total(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }

  async send(command: unknown): Promise<never> {
    const name = (command as { constructor: { name: string } }).constructor.name;
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    const input = (command as { input: Record<string, string> }).input;
    if (command instanceof DescribeContactCommand) {
      const d = this.details.get(input.ContactId!);
      if (!d) throw new ResourceNotFoundException({ message: 'Contact not found', $metadata: {} });
      const contact = {
        Id: input.ContactId,
        AgentInfo: { AgentInitiatedHoldDuration: d.holdSeconds, AfterContactWorkDuration: d.afterContactWorkSeconds },
        Recordings: d.recorded ? [{ StorageType: 'S3' }] : [],
        Attributes: d.attributes,
      };
      return { Contact: contact } as never;
    }
    if (command instanceof GetContactAttributesCommand) return { Attributes: this.details.get(input.InitialContactId!)?.attributes ?? {} } as never;
    if (command instanceof DescribeQueueCommand) return { Queue: { Name: this.queues.get(input.QueueId!) } } as never;
    throw new Error(`FakeConnectApi does not answer ${name}`);
  }
}
