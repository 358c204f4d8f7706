import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, type ITable, ProjectionType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLES, type TableId } from '../../functions/src/platform/settings';

/**
 * Granting DynamoDB — the one way, for every function and table (follow it when adding either):
 *
 *   data.connect(fn, { Profiles: ['GetItem', 'PutItem', 'UpdateItem'] }, { Contacts: ['FcrOpen'] });
 *   grantTableActions(fn, table, ['GetItem', 'UpdateItem']);   // a table outside TABLES
 *
 * List exactly the operations the function's code sends (handler → use case → adapters/dynamodb/*),
 * table by table: never a level such as "read/write", never Scan or table administration; Query on an
 * index only where named. A transaction needs the action of each item it holds (a TransactWrite Put is
 * PutItem): "Using IAM with DynamoDB transactions", Amazon DynamoDB Developer Guide.
 * test/infra/iam.test.ts lists each function's actions per table as literals.
 */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';

/** Actions that change items: with a customer-managed key they need it to encrypt as well as decrypt. */
const WRITES: ReadonlySet<TableAction> = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/**
 * Allows `actions` on the table alone (CDK's table.grant would add `index/*`), Query on the named
 * indexes, and what those actions need of the table's customer-managed key, if it has one.
 */
export function grantTableActions(grantee: IGrantable, table: ITable, actions: readonly TableAction[], queryIndexes: readonly string[] = []): void {
  if (actions.length === 0 && queryIndexes.length === 0) return;
  if (actions.length) Grant.addToPrincipal({ grantee, actions: actions.map((a) => `dynamodb:${a}`), resourceArns: [table.tableArn] });
  if (queryIndexes.length)
    Grant.addToPrincipal({ grantee, actions: ['dynamodb:Query'], resourceArns: queryIndexes.map((name) => `${table.tableArn}/index/${name}`) });
  table.encryptionKey?.grant(grantee, ...(actions.some((a) => WRITES.has(a)) ? KEY_WRITE : KEY_READ));
}

export interface DataProps {
  encryption: 'aws-managed' | 'customer-managed';
}

/**
 * The DynamoDB tables, built from the one definition in functions/ (TABLES): on-demand, point-in-time
 * recovery, encrypted, TTL where the definition names one, kept when the stack is deleted.
 */
export class Data extends Construct {
  readonly tables: Record<TableId, Table>;
  readonly key?: Key;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    if (props.encryption === 'customer-managed') {
      this.key = new Key(this, 'TablesKey', { enableKeyRotation: true, description: 'Callwise DynamoDB tables', removalPolicy: RemovalPolicy.RETAIN });
    }
    const tables = {} as Record<TableId, Table>;
    for (const def of TABLES) {
      const sortKey = 'sortKey' in def ? def.sortKey : undefined;
      const ttlAttribute = 'ttlAttribute' in def ? def.ttlAttribute : undefined;
      tables[def.id] = new Table(this, def.id, {
        partitionKey: { name: def.partitionKey, type: AttributeType.STRING },
        ...(sortKey ? { sortKey: { name: sortKey, type: AttributeType.STRING } } : {}),
        ...(ttlAttribute ? { timeToLiveAttribute: ttlAttribute } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: this.key ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.AWS_MANAGED,
        ...(this.key ? { encryptionKey: this.key } : {}),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of 'indexes' in def ? def.indexes : []) {
        tables[def.id].addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
          projectionType: ProjectionType.KEYS_ONLY,
        });
      }
    }
    this.tables = tables;
  }

  /**
   * Gives `fn` exactly these tables: their names in its environment, and exactly the listed actions
   * on each (grantTableActions); `queryIndexes` adds Query on the named indexes only.
   */
  connect(
    fn: IGrantable & { addEnvironment(key: string, value: string): unknown },
    actions: Partial<Record<TableId, readonly TableAction[]>>,
    queryIndexes: Partial<Record<TableId, readonly string[]>> = {},
  ): void {
    for (const def of TABLES) {
      const granted = actions[def.id];
      if (!granted) continue;
      fn.addEnvironment(def.envVar, this.tables[def.id].tableName);
      grantTableActions(fn, this.tables[def.id], granted, queryIndexes[def.id]);
    }
  }
}
