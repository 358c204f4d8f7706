import { mockClient } from 'aws-sdk-client-mock';
import { ConnectClient, type CurrentMetricResult, GetCurrentMetricDataCommand } from '@aws-sdk/client-connect';
import { connectIdOf, ConnectQueueMetrics, InvalidConnectInstanceError } from '../../../functions/src/adapters/connect/queue-status';

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

describe('ConnectQueueMetrics (GetCurrentMetricData via aws-sdk-client-mock)', () => {
  const connect = mockClient(ConnectClient);
  let status: ConnectQueueMetrics;
  beforeEach(() => {
    connect.reset();
    status = new ConnectQueueMetrics(new ConnectClient({ region: 'us-east-1' }), INSTANCE_ARN);
  });

  it('asks for voice metrics of the queues by id, grouped by queue, and maps them back to the ARNs', async () => {
    connect
      .on(GetCurrentMetricDataCommand)
      .resolves({ MetricResults: [row('sales', { inQueue: 4, oldest: 95, available: 2 }), row('support', { inQueue: 0, oldest: 0, available: 5 })] });

    const metrics = await status.fetch([SALES, SUPPORT]);

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
    expect(await status.fetch([SALES, SUPPORT])).toEqual({
      [SALES]: { contactsInQueue: 3, oldestContactAgeSeconds: 0, agentsAvailable: 0 },
      [SUPPORT]: { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 0 },
    });
  });

  it('follows NextToken across pages', async () => {
    connect
      .on(GetCurrentMetricDataCommand)
      .resolvesOnce({ MetricResults: [row('sales', { inQueue: 1, oldest: 5, available: 1 })], NextToken: 'page-2' })
      .resolvesOnce({ MetricResults: [row('support', { inQueue: 2, oldest: 6, available: 0 })] });
    const metrics = await status.fetch([SALES, SUPPORT]);
    expect(metrics[SUPPORT]).toEqual({ contactsInQueue: 2, oldestContactAgeSeconds: 6, agentsAvailable: 0 });
    expect(connect.commandCalls(GetCurrentMetricDataCommand)[1]!.args[0].input.NextToken).toBe('page-2');
  });

  it('asks each time it is called (the one refresher decides how often)', async () => {
    connect
      .on(GetCurrentMetricDataCommand)
      .resolvesOnce({ MetricResults: [row('sales', { inQueue: 1 })] })
      .resolves({ MetricResults: [row('sales', { inQueue: 7 })] });
    expect((await status.fetch([SALES]))[SALES]!.contactsInQueue).toBe(1);
    expect((await status.fetch([SALES]))[SALES]!.contactsInQueue).toBe(7);
    expect(connect.commandCalls(GetCurrentMetricDataCommand)).toHaveLength(2);
  });

  it('asks only for queues of its own instance', async () => {
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [] });
    const other = 'arn:aws:connect:eu-west-2:444455556666:instance/acme/queue/sales';
    expect(Object.keys(await status.fetch([SALES, other, SALES]))).toEqual([SALES]);
    expect(connect.commandCalls(GetCurrentMetricDataCommand).map((c) => c.args[0].input.Filters?.Queues)).toEqual([['sales']]);
  });

  it('splits more than 100 queues into several requests', async () => {
    connect.on(GetCurrentMetricDataCommand).resolves({ MetricResults: [] });
    const arns = Array.from({ length: 150 }, (_, i) => queue(`q-${i}`));
    expect(Object.keys(await status.fetch(arns))).toHaveLength(150);
    expect(connect.commandCalls(GetCurrentMetricDataCommand).map((c) => c.args[0].input.Filters?.Queues?.length)).toEqual([100, 50]);
  });

  it('leaves out values that are not queue ARNs, and asks nothing when none is left', async () => {
    expect(await status.fetch(['not-an-arn!', 'arn:aws:s3:::bucket'])).toEqual({});
    expect(connect.commandCalls(GetCurrentMetricDataCommand)).toHaveLength(0);
  });

  it('rejects when Connect fails (the refresher reports it and tries at its next time)', async () => {
    connect
      .on(GetCurrentMetricDataCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ MetricResults: [] });
    await expect(status.fetch([SALES])).rejects.toThrow('Rate exceeded');
    await expect(status.fetch([SALES])).resolves.toEqual({ [SALES]: { contactsInQueue: 0, oldestContactAgeSeconds: 0, agentsAvailable: 0 } });
  });

  it.each([
    [INSTANCE_ARN, 'instance', 'demo-instance'],
    ['5e0d1f2c-0000-4000-8000-000000000001', 'instance', '5e0d1f2c-0000-4000-8000-000000000001'],
    [SALES, 'queue', 'sales'],
    [`${INSTANCE_ARN}/queue/5e0d1f2c-0000-4000-8000-00000000000a`, 'queue', '5e0d1f2c-0000-4000-8000-00000000000a'],
    [INSTANCE_ARN, 'queue', undefined],
    ['arn:aws:connect:us-east-1:111122223333:instance/x/agent/agent-01', 'queue', undefined],
    ['arn:aws:connect:us-east-1:111122223333:instance/x/agent/agent-01', 'agent', 'agent-01'],
    [SALES, 'agent', undefined],
    ['Pat Lee', 'agent', undefined],
    ['', 'instance', undefined],
  ] as const)('connectIdOf(%j, %s) = %j', (value, kind, id) => {
    expect(connectIdOf(value, kind)).toBe(id);
  });

  it('refuses an instance that is neither an ARN nor an id', () => {
    expect(() => new ConnectQueueMetrics(new ConnectClient({ region: 'us-east-1' }), 'arn:aws:s3:::bucket')).toThrow(InvalidConnectInstanceError);
  });
});
