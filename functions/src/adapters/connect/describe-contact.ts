import { ConnectClient, DescribeContactCommand, GetContactAttributesCommand, ResourceNotFoundException } from '@aws-sdk/client-connect';
import type { ContactDetails } from '../../domain/outcome/outcome';
import type { ContactDirectory } from '../../ports';

/** DescribeContact (+ GetContactAttributes) for the details contact events lack: hold, after-call work, attributes. */
export class ConnectContactDirectory implements ContactDirectory {
  private readonly instanceId: string;

  constructor(
    private readonly client: ConnectClient,
    instanceArn: string,
  ) {
    // DescribeContact takes the instance id or ARN; the id is the last path segment of the ARN.
    this.instanceId = instanceArn.split('/').pop()!;
  }

  async describe(contactId: string): Promise<ContactDetails | undefined> {
    try {
      const [described, attributes] = await Promise.all([
        this.client.send(new DescribeContactCommand({ InstanceId: this.instanceId, ContactId: contactId })),
        this.client.send(new GetContactAttributesCommand({ InstanceId: this.instanceId, InitialContactId: contactId })),
      ]);
      const agent = described.Contact?.AgentInfo;
      const recording = described.Contact?.Recordings?.find((r) => r.Location)?.Location;
      return {
        holdSeconds: agent?.AgentInitiatedHoldDuration,
        afterContactWorkSeconds: agent?.AfterContactWorkDuration,
        recordingLocation: recording,
        attributes: attributes.Attributes,
      };
    } catch (error) {
      // Connect keeps contacts for 24 months; an unknown contact has nothing to add.
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }
}

/** Local and test implementation: details by ContactId, as a Connect instance would describe them. */
export class InMemoryContactDirectory implements ContactDirectory {
  calls = 0;

  constructor(private readonly details: Map<string, ContactDetails> = new Map()) {}

  set(contactId: string, details: ContactDetails): void {
    this.details.set(contactId, details);
  }

  async describe(contactId: string): Promise<ContactDetails | undefined> {
    this.calls++;
    return this.details.get(contactId);
  }
}
