import { mockClient } from 'aws-sdk-client-mock';
import { ConnectClient, DescribeContactCommand, DescribeQueueCommand, GetContactAttributesCommand, ResourceNotFoundException } from '@aws-sdk/client-connect';
import { ConnectContactDirectory } from '../../../functions/src/adapters/connect/describe-contact';
import { RateLimiter } from '../../../functions/src/platform/rate-limiter';

const INSTANCE_ARN = 'arn:aws:connect:eu-west-1:111122223333:instance/5e0d1f2c-0000-4000-8000-000000000001';
const QUEUE_ARN = `${INSTANCE_ARN}/queue/7a1b2c3d-0000-4000-8000-00000000000q`;
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });

/** A limiter on a pinned clock that advances by whatever it is asked to sleep. */
function pinnedLimiter(ratePerSecond = 1, burst = 1) {
  let now = 0;
  const slept: number[] = [];
  const sleep = async (ms: number) => void (slept.push(ms), (now += ms));
  return { limiter: new RateLimiter({ ratePerSecond, burst, maxWaitMs: 60_000, now: () => now, sleep }), slept };
}

describe('ConnectContactDirectory', () => {
  const connect = mockClient(ConnectClient);
  afterEach(() => connect.reset());
  const backoffs: number[] = [];
  afterEach(() => (backoffs.length = 0));
  const directory = (limiter = pinnedLimiter(100, 100).limiter) =>
    new ConnectContactDirectory(new ConnectClient({ region: 'eu-west-1' }), INSTANCE_ARN, limiter, {
      sleep: async (ms) => void backoffs.push(ms),
      random: () => 1,
    });

  it('describes hold, after-call work, the recording and the attributes in one DescribeContact, asking with the instance id', async () => {
    connect.on(DescribeContactCommand).resolves({
      Contact: {
        Id: 'c-1',
        AgentInfo: { AgentInitiatedHoldDuration: 30, AfterContactWorkDuration: 60 },
        Recordings: [{ Location: 'bucket/connect/c-1.wav' }],
        Attributes: { csat: '5' },
      },
    });
    const contacts = directory();
    expect(await contacts.describe('c-1')).toEqual({ holdSeconds: 30, afterContactWorkSeconds: 60, recorded: true, attributes: { csat: '5' } });
    expect(connect.commandCalls(DescribeContactCommand)[0]!.args[0].input).toEqual({ InstanceId: '5e0d1f2c-0000-4000-8000-000000000001', ContactId: 'c-1' });
    expect(connect.commandCalls(GetContactAttributesCommand)).toHaveLength(0);
    expect(contacts.calls).toBe(1);
  });

  it('asks GetContactAttributes only when DescribeContact returns no attributes', async () => {
    connect.on(DescribeContactCommand).resolves({ Contact: { Id: 'c-1', AgentInfo: {} } });
    connect.on(GetContactAttributesCommand).resolves({ Attributes: { disposition: 'Resolved' } });
    const contacts = directory();
    expect(await contacts.describe('c-1')).toEqual({
      holdSeconds: undefined,
      afterContactWorkSeconds: undefined,
      recorded: false,
      attributes: { disposition: 'Resolved' },
    });
    expect(connect.commandCalls(GetContactAttributesCommand)[0]!.args[0].input).toEqual({
      InstanceId: '5e0d1f2c-0000-4000-8000-000000000001',
      InitialContactId: 'c-1',
    });
    expect(contacts.calls).toBe(2);
  });

  it('returns nothing for a contact Connect does not know', async () => {
    connect.on(DescribeContactCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    await expect(directory().describe('gone')).resolves.toBeUndefined();
  });

  it('backs off on throttling and succeeds, each attempt taking a turn from the shared limiter', async () => {
    connect
      .on(DescribeContactCommand)
      .rejectsOnce(throttled())
      .resolves({ Contact: { Id: 'c-2', Attributes: {} } });
    const { limiter, slept } = pinnedLimiter(1, 1);
    const contacts = directory(limiter);
    await expect(contacts.describe('c-2')).resolves.toMatchObject({ attributes: {} });
    expect(contacts.calls).toBe(2);
    expect(backoffs).toEqual([200]);
    // The retry's turn came from the limiter too: at 1 request/s, one second after the first (its clock is pinned).
    expect(slept).toEqual([1000]);
  });

  it('lets persistent throttling through after its attempts, so only that contact is retried', async () => {
    connect.on(DescribeContactCommand).rejects(throttled());
    const contacts = directory();
    await expect(contacts.describe('c-3')).rejects.toThrow('Rate exceeded');
    expect(contacts.calls).toBe(4);
    expect(backoffs).toEqual([200, 400, 800]);
  });

  it('asks DescribeQueue once per queue and remembers the name', async () => {
    connect.on(DescribeQueueCommand).resolves({ Queue: { Name: 'Billing' } });
    const contacts = directory();
    expect(await Promise.all([contacts.queueName(QUEUE_ARN), contacts.queueName(QUEUE_ARN)])).toEqual(['Billing', 'Billing']);
    expect(await contacts.queueName(QUEUE_ARN)).toBe('Billing');
    expect(connect.commandCalls(DescribeQueueCommand).map((c) => c.args[0].input)).toEqual([
      { InstanceId: '5e0d1f2c-0000-4000-8000-000000000001', QueueId: '7a1b2c3d-0000-4000-8000-00000000000q' },
    ]);
  });
});

describe('RateLimiter', () => {
  it('lets a burst through at once, then spaces calls at the rate', async () => {
    const { limiter, slept } = pinnedLimiter(2, 3);
    for (let i = 0; i < 5; i++) await limiter.take();
    // 3 from the burst, then one every 500 ms.
    expect(slept).toEqual([500, 500]);
  });

  it('refuses a turn further away than its longest wait (retryable), instead of outwaiting the Lambda', async () => {
    const limiter = new RateLimiter({ ratePerSecond: 0.5, burst: 1, maxWaitMs: 1_000, now: () => 0, sleep: async () => undefined });
    await limiter.take();
    await expect(limiter.take()).rejects.toMatchObject({ name: 'RateLimitedError' });
  });
});
