/**
 * Builds Amazon Connect ContactFlowEvent payloads shaped like the ones a contact flow's
 * "Invoke AWS Lambda function" block sends: used by the demo day, the benchmarks and the tests.
 */
export interface ContactFlowEventInput {
  contactId: string;
  channel?: 'VOICE' | 'CHAT' | 'TASK' | 'EMAIL';
  initiationMethod?: string;
  /** The caller's number as Connect reports it (E.164, 'anonymous', …); undefined = no customer endpoint. */
  customerNumber?: string;
  dialledNumber?: string;
  ivrChoice?: string;
  lexIntent?: string;
  instanceArn?: string;
}

export const DEMO_INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';

export function contactFlowEvent(input: ContactFlowEventInput): Record<string, unknown> {
  const instanceArn = input.instanceArn ?? DEMO_INSTANCE_ARN;
  const channel = input.channel ?? 'VOICE';
  const attributes: Record<string, string> = {};
  if (input.ivrChoice) attributes.ivrChoice = input.ivrChoice;
  const parameters: Record<string, string> = {};
  if (input.lexIntent) parameters.lexIntent = input.lexIntent;
  return {
    Details: {
      ContactData: {
        Attributes: attributes,
        AwsRegion: 'us-east-1',
        Channel: channel,
        ContactId: input.contactId,
        CustomerEndpoint: input.customerNumber === undefined ? null : { Address: input.customerNumber, Type: 'TELEPHONE_NUMBER' },
        CustomerId: null,
        Description: null,
        InitialContactId: input.contactId,
        InitiationMethod: input.initiationMethod ?? 'INBOUND',
        InstanceARN: instanceArn,
        LanguageCode: 'en-US',
        MediaStreams: { Customer: { Audio: null } },
        Name: null,
        PreviousContactId: input.contactId,
        Queue: null,
        References: {},
        RelatedContactId: null,
        SystemEndpoint: input.dialledNumber ? { Address: input.dialledNumber, Type: 'TELEPHONE_NUMBER' } : null,
        Tags: {},
      },
      Parameters: parameters,
    },
    Name: 'ContactFlowEvent',
  };
}
