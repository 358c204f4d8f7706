import { mockClient } from 'aws-sdk-client-mock';
import { ConnectClient, type CurrentMetricResult, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import { connectIdOf, ConnectQueueStatus, InvalidConnectInstanceError } from '../../../functions/src/adapters/connect/queue-status';
import { ManualClock } from '../dynamodb/support';

const INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance';
const queue = (name: string) => `${INSTANCE_ARN}/queue/${name}`;
const SALES = queue('sales');
const SUPPORT = queue('support');

function row(queueId: string, values: { inQueue?: number; oldest?: number; available?: number }): CurrentMetricResult {
  const collections = [
    values.inQueue !== undefined && { Metric: { Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT' }, Value: values.inQueue },
    values.oldest !== undefined && { Metric: { Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS' }, Value: values.oldest },
    values.available !== undefined && { Metric: { Name: 'AGENTS_AVAILABLE', Unit: 'COUNT' }, Value: values.available },
  ].filter((c) => c !== false);
  return { Dimensions: { Queue: { Id: queueId, Arn: queue(queueId) }, Channel: 'VOICE' }, Collections: collections as CurrentMetricResult['Collections'] };
}

describe('ConnectQueueStatus (GetCurrentMetricData via aws-sdk-client-mock)', () => {
  const connect = mockClient(ConnectClient);
  let clock: ManualClock;
  let status: ConnectQueueStatus;
  beforeEach(() => {
    connect.reset();
    clock = new ManualClock();
    status = new ConnectQueueStatus(new ConnectClient({ region: 'us-east-1' }), INSTANCE_ARN, clock, 10);
  });

  it('asks for voice metrics of the queues by id, grouped by queue, and maps them back to the ARNs', async () => {
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [row('sales', { inQueue: 4, oldest: 95, available: 2 }), row('support', { inQueue: 0, oldest: 0, available: 5 })] });

    const metrics = await status.current([SALES, SUPPORT]);

    expect(metrics).toEqual({
      [SALES]: { contactsInQueue: 4, oldestContactAgeSeconds: 95, agentsAvailable: 2 },
      [SUPPORT]: { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 5 },
    });
    expect(connect.commandCalls(GetCurrentMetricDataCommand)[0]!.args[0].input).toEqual({
      InstanceId: 'demo-instance',
      Filters: { Queues: ['sales', 'support'], Channels: ['VOICE'] },
      Groupings: ['QUEUE'],
      CurrentMetrics: [
        { Name: 'CONTACTS_IN_QUEUE', Unit: 'COUNT' },
        { Name: 'OLDEST_CONTACT_AGE', Unit: 'SECONDS' },
        { Name: 'AGENTS_AVAILABLE', Unit: 'COUNT' },
      ],
      MaxResults: 100,
      NextToken: undefined,
    });
  });

  it('reports a queue Connect returns nothing for as quiet, and a missing metric as zero', async () => {
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [row('sales', { inQueue: 3 })] });
    expect(await status.current([SALES, SUPPORT])).toEqual({
      [SALES]: { contactsInQueue: 3, oldestContactAgeSeconds: 0, agentsAvailable: 0 },
      [SUPPORT]: { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 0 },
    });
  });

  it('follows NextToken across pages', async () => {
    connect
      .on(GetCurrentMetricDataCommand)
      .resolvesOnce({ MetricResults: [row('sales', { inQueue: 1, oldest: 5, available: 1 })], NextToken: 'page-2' })
      .resolvesOnce({ MetricResults: [row('support', { inQueue: 2, oldest: 6, available: 0 })] });
    const metrics = await status.current([SALES, SUPPORT]);
    expect(metrics[SUPPORT]).toEqual({ contactsInQueue: 2, oldestContactAgeSeconds: 6, agentsAvailable: 0 });
    expect(connect.commandCalls(GetCurrentMetricDataCommand)[1]!.args[0].input.NextToken).toBe('page-2');
  });

  it('caches for ttlSeconds, then asks again', async () => {
    connect.on(GetCurrentMetricDataCommand).resolvesOnce({ MetricResults: [row('sales', { inQueue: 1 })] }).resolves({ MetricResults: [row('sales', { inQueue: 7 })] });
    await status.current([SALES]);
    clock.advance(9_999);
    expect((await status.current([SALES]))[SALES]!.contactsInQueue).toBe(1);
    clock.advance(1);
    expect((await status.current([SALES]))[SALES]!.contactsInQueue).toBe(7);
    expect(connect.commandCalls(GetCurrentMetricDataCommand)).toHaveLength(2);
  });

  it('shares one request among concurrent callers, and fetches only the queues it does not have', async () => {
    connect.on(GetCurrentMetricDataCommand).callsFake(async (input: { Filters: { Queues: string[] } }) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { MetricResults: input.Filters.Queues.map((id) => row(id, { inQueue: 1, oldest: 1, available: 1 })) };
    });
    const answers = await Promise.all(Array.from({ length: 10 }, () => status.current([SALES])));
    await status.current([SALES, SUPPORT]);

    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(connect.commandCalls(GetCurrentMetricDataCommand).map((c) => c.args[0].input.Filters?.Queues)).toEqual([['sales'], ['support']]);
  });

  it('splits more than 100 queues into several requests', async () => {
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [] });
    const arns = Array.from({ length: 150 }, (_, i) => queue(`q-${i}`));
    expect(Object.keys(await status.current(arns))).toHaveLength(150);
    expect(connect.commandCalls(GetCurrentMetricDataCommand).map((c) => c.args[0].input.Filters?.Queues?.length)).toEqual([100, 50]);
  });

  it('leaves out values that are not queue ARNs, and asks nothing when none is left', async () => {
    expect(await status.current(['not-an-arn!', 'arn:aws:s3:::bucket'])).toEqual({});
    expect(connect.commandCalls(GetCurrentMetricDataCommand)).toHaveLength(0);
  });

  it('rejects when Connect fails (route-call then routes without queue status), and tries again next time', async () => {
    connect.on(GetCurrentMetricDataCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })).resolves({ MetricResults: [] });
    await expect(status.current([SALES])).rejects.toThrow('Rate exceeded');
    await expect(status.current([SALES])).resolves.toEqual({ [SALES]: { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 0 } });
  });

  it.each([
    [INSTANCE_ARN, 'instance', 'demo-instance'],
    ['5e0d1f2c-0000-4000-8000-000000000001', 'instance', '5e0d1f2c-0000-4000-8000-000000000001'],
    [SALES, 'queue', 'sales'],
    [`${INSTANCE_ARN}/queue/5e0d1f2c-0000-4000-8000-00000000000a`, 'queue', '5e0d1f2c-0000-4000-8000-00000000000a'],
    [INSTANCE_ARN, 'queue', undefined],
    ['arn:aws:connect:us-east-1:111122223333:instance/x/agent/agent-01', 'queue', undefined],
    ['', 'instance', undefined],
  ] as const)('connectIdOf(%j, %s) = %j', (value, kind, id) => {
    expect(connectIdOf(value, kind)).toBe(id);
  });

  it('refuses an instance that is neither an ARN nor an id', () => {
    expect(() => new ConnectQueueStatus(new ConnectClient({ region: 'us-east-1' }), 'arn:aws:s3:::bucket', clock)).toThrow(InvalidConnectInstanceError);
  });
});
