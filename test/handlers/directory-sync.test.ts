import type { Context } from 'aws-lambda';
import { sqsEvent } from './sqs-event';
import type { ApplyOutcome } from '../../functions/src/ports';
import { useDirectorySyncDeps, syncFields } from '../../functions/src/directory/wiring';
import { handler } from '../../functions/src/handlers/directory-sync';
import { metrics } from '../../functions/src/platform/observability';
import { ManualClock } from '../../local/fakes/clock';
import { InMemoryDeadLetterQueue } from '../../local/fakes/dead-letter-queue';
import { loadEventRelayFixture } from '../fixtures/event-relay/load';

describe('directory-sync handler', () => {
  it('reports only the messages whose records were not written (SQS partial batch response)', async () => {
    const written: string[] = [];
    useDirectorySyncDeps({
      store: {
        records: async () => new Map(),
        updateMeta: async () => undefined,
        remove: async (): Promise<ApplyOutcome> => 'applied',
        apply: async (entity, fields): Promise<ApplyOutcome> => {
          if (entity === 'Case') throw new Error('DynamoDB did not answer');
          written.push(String(fields.Id));
          return 'applied';
        },
      },
      salesforce: { read: async () => new Map() },
      reconcile: async () => undefined,
      deadLetters: new InMemoryDeadLetterQueue(),
      clock: new ManualClock('2026-11-29T15:00:00.000Z'),
      fields: syncFields(false),
    });
    const addMetric = jest.spyOn(metrics, 'addMetric');
    jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const event = sqsEvent([...loadEventRelayFixture('contact-create'), ...loadEventRelayFixture('case-create')], 'callwise-directory-changes');
    const response = await handler(event, {} as Context);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(written).toEqual(['003Dm0000000901IAA']);
    expect(addMetric).toHaveBeenCalledWith('DirectoryChangesApplied', 'Count', 1);
  });
});
