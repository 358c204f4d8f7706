import {
  type ConnectClient,
  DescribeContactCommand,
  DescribeQueueCommand,
  GetContactAttributesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-connect';
import type { ContactDetails } from '../../domain/outcome/outcome';
import type { ContactDirectory } from '../../ports';
import { type RateLimiter, withThrottleBackoff } from '../../platform/rate-limiter';

/**
 * DescribeContact for what contact events lack (hold, after-call work, attributes, recordings;
 * GetContactAttributes only when DescribeContact returns no attributes) and DescribeQueue for queue
 * names, cached for the container's life. Every call takes a turn from ONE limiter shared by all
 * Connect calls of the container, and throttling answers back off.
 */
export class ConnectContactDirectory implements ContactDirectory {
  private readonly instanceId: string;
  private readonly queueNames = new Map<string, Promise<string | undefined>>();
  /** Connect API calls made (the bench reports them per 1,000 logged calls). */
  calls = 0;

  constructor(
    private readonly client: Pick<ConnectClient, 'send'>,
    instanceArn: string,
    private readonly limiter: RateLimiter,
    /** Backoff between throttled attempts (tests pin it). */
    private readonly backoff: { sleep?: (ms: number) => Promise<void>; random?: () => number } = {},
  ) {
    // The APIs take the instance id or ARN; the id is the last path segment of the ARN.
    this.instanceId = instanceArn.split('/').pop()!;
  }

  private send<T>(call: () => Promise<T>): Promise<T> {
    return withThrottleBackoff(
      this.limiter,
      () => {
        this.calls++;
        return call();
      },
      this.backoff,
    );
  }

  async describe(contactId: string): Promise<ContactDetails | undefined> {
    try {
      const { Contact: contact } = await this.send(() => this.client.send(new DescribeContactCommand({ InstanceId: this.instanceId, ContactId: contactId })));
      const attributes =
        contact?.Attributes ??
        (await this.send(() => this.client.send(new GetContactAttributesCommand({ InstanceId: this.instanceId, InitialContactId: contactId })))).Attributes;
      const agent = contact?.AgentInfo;
      return {
        holdSeconds: agent?.AgentInitiatedHoldDuration,
        afterContactWorkSeconds: agent?.AfterContactWorkDuration,
        recorded: (contact?.Recordings ?? []).length > 0,
        attributes: attributes ?? {},
      };
    } catch (error) {
      // Connect keeps contacts for 24 months; an unknown contact has nothing to add.
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  queueName(queueArn: string): Promise<string | undefined> {
    let name = this.queueNames.get(queueArn);
    if (!name) {
      name = this.send(() => this.client.send(new DescribeQueueCommand({ InstanceId: this.instanceId, QueueId: queueArn.split('/').pop()! }))).then(
        (out) => out.Queue?.Name,
      );
      // A failed lookup is forgotten, so the next contact asks again.
      name.catch(() => this.queueNames.delete(queueArn));
      this.queueNames.set(queueArn, name);
    }
    return name;
  }
}
