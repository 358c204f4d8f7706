import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { validatePolicy } from '../../domain/policy/policy';
import type { Clock, PolicyStore, StoredPolicy } from '../../ports';
import { callTable, ttlAfter } from './client';

const CURRENT_ID = 'current';
const HISTORY_TTL_SECONDS = 90 * 86_400;

export class InvalidStoredPolicyError extends Error {
  constructor(
    readonly source: string,
    readonly errors: string[],
  ) {
    super(
      `The routing policy stored from ${source || 'an unknown source'} is not valid (${errors.slice(0, 3).join('; ')}): it is ignored; fix it in Salesforce and sync again`,
    );
    this.name = 'InvalidStoredPolicyError';
  }
}

interface Loaded {
  value: StoredPolicy | undefined;
  /** Epoch ms when it was read. */
  at: number;
}

/** Seconds a read is held in memory: fixed, or worked out from what was read (the policy's own refresh time). */
export type PolicyRefresh = number | ((stored: StoredPolicy | undefined) => number);

/**
 * The policy in force, in the Policy table: item `current` { policy (JSON), source, storedAt }, and
 * one `history#<storedAt>` item per save (ttl 90 days) so earlier policies can be looked up.
 * current() is held in memory for `refreshSeconds`; concurrent reads share one GetItem, and a read
 * that fails keeps serving the policy read last. A stored policy that no longer validates is
 * treated as absent and reported through `onInvalid`.
 */
export class DynamoDbPolicyStore implements PolicyStore {
  private loaded: Loaded | undefined;
  private loading: Promise<StoredPolicy | undefined> | undefined;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
    private readonly refreshSeconds: PolicyRefresh = 60,
    private readonly onInvalid?: (error: InvalidStoredPolicyError) => void,
  ) {}

  async current(): Promise<StoredPolicy | undefined> {
    const now = this.clock.now().getTime();
    if (this.loaded && now - this.loaded.at < this.holdSeconds(this.loaded.value) * 1000) return this.loaded.value;
    this.loading ??= this.read(now).finally(() => (this.loading = undefined));
    try {
      return await this.loading;
    } catch (error) {
      if (this.loaded) return this.loaded.value;
      throw error;
    }
  }

  /** Stores a policy (validated again: an invalid one is refused and the current one stays). */
  async save(stored: StoredPolicy): Promise<void> {
    const checked = validatePolicy(stored.policy);
    if (!checked.ok) throw new InvalidStoredPolicyError(stored.source, checked.errors);
    const item = { policy: JSON.stringify(checked.policy), source: stored.source, storedAt: stored.storedAt };
    await callTable(this.tableName, 'TransactWriteItems', () =>
      this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { id: CURRENT_ID, ...item } } },
            { Put: { TableName: this.tableName, Item: { id: `history#${stored.storedAt}`, ...item, ttl: ttlAfter(HISTORY_TTL_SECONDS) } } },
          ],
        }),
      ),
    );
    this.loaded = { value: { policy: checked.policy, source: stored.source, storedAt: stored.storedAt }, at: this.clock.now().getTime() };
  }

  private holdSeconds(stored: StoredPolicy | undefined): number {
    return typeof this.refreshSeconds === 'number' ? this.refreshSeconds : this.refreshSeconds(stored);
  }

  private async read(now: number): Promise<StoredPolicy | undefined> {
    const out = await callTable(this.tableName, 'GetItem', () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: { id: CURRENT_ID }, ConsistentRead: true })),
    );
    const value = out.Item ? this.parse(out.Item) : undefined;
    this.loaded = { value, at: now };
    return value;
  }

  private parse(item: Record<string, unknown>): StoredPolicy | undefined {
    const source = typeof item.source === 'string' ? item.source : '';
    let json: unknown;
    try {
      json = JSON.parse(typeof item.policy === 'string' ? item.policy : '');
    } catch {
      this.onInvalid?.(new InvalidStoredPolicyError(source, ['(root): not JSON']));
      return undefined;
    }
    const checked = validatePolicy(json);
    if (!checked.ok) {
      this.onInvalid?.(new InvalidStoredPolicyError(source, checked.errors));
      return undefined;
    }
    return { policy: checked.policy, source, storedAt: typeof item.storedAt === 'string' ? item.storedAt : '' };
  }
}
