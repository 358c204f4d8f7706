import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type HandlingStandard, validateStandard } from '../../domain/handling/standard';
import type { Clock } from '../../ports';
import { callTable } from './client';

/** The call-handling standard in force, as sync-config stored it from Salesforce. */
export interface StoredHandlingStandard {
  standard: HandlingStandard;
  source: string;
  storedAt: string;
}

const ITEM_ID = 'handling-standard';

/**
 * The handling standard in the Policy table (item `handling-standard` { standard (JSON), source,
 * storedAt }), beside the routing policy it is synced with. current() is held in memory for
 * `holdSeconds`; a read that fails keeps serving what was read last; a stored standard that no
 * longer validates counts as absent (the bundled one then scores) and is reported through `onInvalid`.
 */
export class DynamoDbHandlingStandardStore {
  private loaded: { value: StoredHandlingStandard | undefined; at: number } | undefined;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly holdSeconds = 60,
    private readonly onInvalid?: (errors: string[]) => void,
  ) {}

  async current(): Promise<StoredHandlingStandard | undefined> {
    const now = this.clock.now().getTime();
    if (this.loaded && now - this.loaded.at < this.holdSeconds * 1000) return this.loaded.value;
    try {
      const out = await callTable(this.tableName, 'GetItem', () =>
        this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id: ITEM_ID }, ConsistentRead: true })),
      );
      this.loaded = { value: out.Item ? this.parse(out.Item) : undefined, at: now };
      return this.loaded.value;
    } catch (error) {
      if (this.loaded) return this.loaded.value;
      throw error;
    }
  }

  /** Stores a standard (validated again: an invalid one is refused and the current one stays). */
  async save(stored: StoredHandlingStandard): Promise<void> {
    const checked = validateStandard(stored.standard);
    if (!checked.ok) throw new Error(`The handling standard from ${stored.source} is not valid: ${checked.errors.slice(0, 3).join('; ')}`);
    const item = { id: ITEM_ID, standard: JSON.stringify(checked.standard), source: stored.source, storedAt: stored.storedAt };
    await callTable(this.tableName, 'PutItem', () => this.doc.send(new PutCommand({ TableName: this.tableName, Item: item })));
    this.loaded = { value: { ...stored, standard: checked.standard }, at: this.clock.now().getTime() };
  }

  private parse(item: Record<string, unknown>): StoredHandlingStandard | undefined {
    let json: unknown;
    try {
      json = JSON.parse(typeof item.standard === 'string' ? item.standard : '');
    } catch {
      this.onInvalid?.(['(root): not JSON']);
      return undefined;
    }
    const checked = validateStandard(json);
    if (!checked.ok) {
      this.onInvalid?.(checked.errors);
      return undefined;
    }
    return {
      standard: checked.standard,
      source: typeof item.source === 'string' ? item.source : '',
      storedAt: typeof item.storedAt === 'string' ? item.storedAt : '',
    };
  }
}
