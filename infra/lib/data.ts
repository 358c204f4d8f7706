import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, ProjectionType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLES, type TableId } from '../../functions/src/platform/settings';

/** How much of a table a function may touch; never Scan, never table administration. */
/** `readUpdate`: read, and change attributes of items (UpdateItem) without putting or deleting any. */
/** `lookup`: BatchGetItem alone (route-call reading the caller directory). */
export type TableAccess = 'read' | 'write' | 'readWrite' | 'readUpdate' | 'lookup';

export const TABLE_ACTIONS: Record<TableAccess, string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  lookup: ['dynamodb:BatchGetItem'],
  readUpdate: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:UpdateItem'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
};

/** With a customer-managed key: what each access level needs of it (no wildcard actions). */
const KEY_ACTIONS: Record<TableAccess, string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  lookup: ['kms:Decrypt', 'kms:DescribeKey'],
  readUpdate: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
  write: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
  readWrite: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
};

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
   * Gives `fn` exactly these tables: their names in its environment, and the matching actions on the
   * table alone (not its indexes: CDK's table.grant would add `index/*`); `queryIndexes` adds Query on
   * the named indexes only.
   */
  connect(fn: IFunction & { addEnvironment(key: string, value: string): unknown; addToRolePolicy(statement: PolicyStatement): void }, access: Partial<Record<TableId, TableAccess>>, queryIndexes: Partial<Record<TableId, string[]>> = {}): void {
    for (const def of TABLES) {
      const level = access[def.id];
      if (!level) continue;
      const table = this.tables[def.id];
      fn.addEnvironment(def.envVar, table.tableName);
      fn.addToRolePolicy(new PolicyStatement({ actions: TABLE_ACTIONS[level], resources: [table.tableArn] }));
      const indexes = queryIndexes[def.id] ?? [];
      if (indexes.length) fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexes.map((name) => `${table.tableArn}/index/${name}`) }));
      if (this.key) this.key.grant(fn, ...KEY_ACTIONS[level]);
    }
  }
}
