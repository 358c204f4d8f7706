import { QUIET_QUEUE, SimulatedQueueStatus } from '../../../local/fakes/queue-status-simulated';

const SALES = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/sales';
const SUPPORT = 'arn:aws:connect:us-east-1:111122223333:instance/demo-instance/queue/support';

describe('SimulatedQueueStatus', () => {
  it('reports every queue asked for as quiet until told otherwise', async () => {
    expect(await new SimulatedQueueStatus().current([SALES, SUPPORT])).toEqual({ [SALES]: QUIET_QUEUE, [SUPPORT]: QUIET_QUEUE });
  });

  it('reports what the demo set, field by field, and goes back to quiet on reset', async () => {
    const queues = new SimulatedQueueStatus({ [SUPPORT]: { contactsInQueue: 2, oldestContactAgeSeconds: 30, agentsAvailable: 0 } });
    queues.set(SALES, { contactsInQueue: 12, oldestContactAgeSeconds: 240 });

    expect(await queues.current([SALES, SUPPORT])).toEqual({
      [SALES]: { contactsInQueue: 12, oldestContactAgeSeconds: 240, agentsAvailable: 1 },
      [SUPPORT]: { contactsInQueue: 2, oldestContactAgeSeconds: 30, agentsAvailable: 0 },
    });
    queues.reset(SALES);
    expect((await queues.current([SALES]))[SALES]).toEqual(QUIET_QUEUE);
    queues.reset();
    expect((await queues.current([SUPPORT]))[SUPPORT]).toEqual(QUIET_QUEUE);
  });

  it('hands out copies, so a caller cannot change the simulation by accident', async () => {
    const queues = new SimulatedQueueStatus();
    const metrics = await queues.current([SALES]);
    metrics[SALES]!.contactsInQueue = 99;
    expect((await queues.current([SALES]))[SALES]!.contactsInQueue).toBe(0);
  });
});
