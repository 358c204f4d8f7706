import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { connectIdOf } from '../../domain/connect-arn';
import type { PastCall } from '../../domain/routing/caller-profile';
import type { CallHistory, Clock } from '../../ports';
import { callTable, ttlAfter } from './client';

/** At most this many past calls are read per number (newest first). */
const RECENT_LIMIT = 20;

/**
 * Callwise's memory of calls by number, in the CallerHistory table: partition `phone`, sort
 * `callKey` = `${at}#${contactId}` (ISO times sort as text, so a window is a key range).
 * Both writes are UpdateItems, so route-call's record and call logging's setAgent may land in
 * either order without one erasing the other.
 */
export class DynamoDbCallHistory implements CallHistory {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Not read: TTLs count from the wall clock (see ttlAfter); taken so every DynamoDB adapter is built alike. */
    protected readonly clock: Clock,
    private readonly ttlDays = 30,
  ) {}

  async recent(phoneE164: string, sinceIso: string): Promise<PastCall[]> {
    const out = await callTable(this.tableName, 'Query', () =>
      this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'phone = :phone AND callKey >= :since',
          ExpressionAttributeValues: { ':phone': phoneE164, ':since': sinceIso },
          ScanIndexForward: false,
          Limit: RECENT_LIMIT,
        }),
      ),
    );
    return (out.Items ?? []).map(toPastCall);
  }

  async record(phoneE164: string, call: PastCall): Promise<void> {
    await this.update(
      phoneE164,
      call.at,
      call.contactId,
      'record',
      {
        intent: call.intent,
        queueName: call.queueName,
        // An agent already set by call logging wins over the empty one route-call knows.
        ...(call.agentId ? { agentId: call.agentId } : {}),
      },
      call.agentId ? {} : { agentId: '' },
    );
  }

  /**
   * Call logging remembers which agent took the call (for "last agent" routing), by id: contact
   * events name the agent by ARN, routing criteria take the id.
   */
  async setAgent(phoneE164: string, at: string, contactId: string, agentArnOrId: string): Promise<void> {
    await this.update(phoneE164, at, contactId, 'setAgent', { agentId: connectIdOf(agentArnOrId, 'agent') ?? '' }, { intent: '', queueName: '' });
  }

  /** SETs `values`, and `defaults` only where the item has none yet. */
  private async update(
    phone: string,
    at: string,
    contactId: string,
    operation: string,
    values: Record<string, string>,
    defaults: Record<string, string>,
  ): Promise<void> {
    const ttl = ttlAfter(this.ttlDays * 86_400);
    const names: Record<string, string> = { '#ttl': 'ttl', '#at': 'at', '#contactId': 'contactId' };
    const attrValues: Record<string, unknown> = { ':ttl': ttl, ':at': at, ':contactId': contactId };
    const sets = ['#ttl = if_not_exists(#ttl, :ttl)', '#at = :at', '#contactId = :contactId'];
    for (const [name, value] of Object.entries(values)) {
      names[`#${name}`] = name;
      attrValues[`:${name}`] = value;
      sets.push(`#${name} = :${name}`);
    }
    for (const [name, value] of Object.entries(defaults)) {
      names[`#${name}`] = name;
      attrValues[`:${name}`] = value;
      sets.push(`#${name} = if_not_exists(#${name}, :${name})`);
    }
    await callTable(this.tableName, `UpdateItem (${operation})`, () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { phone, callKey: `${at}#${contactId}` },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: attrValues,
        }),
      ),
    );
  }
}

function toPastCall(item: Record<string, unknown>): PastCall {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  // Items written before agent ids hold `agentArn`: reduced to the id.
  const agentId = text(item.agentId) || (connectIdOf(text(item.agentArn), 'agent') ?? '');
  return { contactId: text(item.contactId), at: text(item.at), intent: text(item.intent), queueName: text(item.queueName), agentId };
}
