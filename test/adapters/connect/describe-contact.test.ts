import { mockClient } from 'aws-sdk-client-mock';
import { ConnectClient, DescribeContactCommand, GetContactAttributesCommand, ResourceNotFoundException } from '@aws-sdk/client-connect';
import { ConnectContactDirectory } from '../../../functions/src/adapters/connect/describe-contact';

const INSTANCE_ARN = 'arn:aws:connect:eu-west-1:111122223333:instance/5e0d1f2c-0000-4000-8000-000000000001';

describe('ConnectContactDirectory', () => {
  const connect = mockClient(ConnectClient);
  afterEach(() => connect.reset());

  it('describes hold, after-call work, recording and attributes, asking with the instance id', async () => {
    connect.on(DescribeContactCommand).resolves({ Contact: { Id: 'c-1', AgentInfo: { AgentInitiatedHoldDuration: 30, AfterContactWorkDuration: 60 }, Recordings: [{ Location: 'bucket/connect/c-1.wav' }] } });
    connect.on(GetContactAttributesCommand).resolves({ Attributes: { csat: '5', disposition: 'Resolved' } });
    const details = await new ConnectContactDirectory(new ConnectClient({ region: 'eu-west-1' }), INSTANCE_ARN).describe('c-1');
    expect(details).toEqual({ holdSeconds: 30, afterContactWorkSeconds: 60, recordingLocation: 'bucket/connect/c-1.wav', attributes: { csat: '5', disposition: 'Resolved' } });
    expect(connect.commandCalls(DescribeContactCommand)[0]!.args[0].input).toEqual({ InstanceId: '5e0d1f2c-0000-4000-8000-000000000001', ContactId: 'c-1' });
  });

  it('returns nothing for a contact Connect does not know', async () => {
    connect.on(DescribeContactCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    connect.on(GetContactAttributesCommand).resolves({ Attributes: {} });
    await expect(new ConnectContactDirectory(new ConnectClient({ region: 'eu-west-1' }), INSTANCE_ARN).describe('gone')).resolves.toBeUndefined();
  });

  it('lets throttling through so the message is retried', async () => {
    connect.on(DescribeContactCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    connect.on(GetContactAttributesCommand).resolves({ Attributes: {} });
    await expect(new ConnectContactDirectory(new ConnectClient({ region: 'eu-west-1' }), INSTANCE_ARN).describe('c-2')).rejects.toThrow('Rate exceeded');
  });
});
