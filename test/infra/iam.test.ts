import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { TABLES, type TableId } from '../../functions/src/platform/settings';
import { DEMO_INSTANCE_ARN } from '../../infra/lib/settings';
import { permissionsOf, synthCallwise } from './synth';

// One synth for the file; every function's permissions are classified against what it may reach.
const { stack, template } = synthCallwise();
const json = (value: unknown) => JSON.stringify(Stack.of(stack).resolve(value));
const logicalId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as never);

const SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/salesforce-jwt-AbCdEf';
const XRAY = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const SQS_CONSUME = ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
const SQS_PARK = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

const parts = {
  'route-call': stack.routing.function,
  'log-outcome': stack.callLogging.function,
  'import-analysis': stack.analyticsImport.function,
  'sync-config': stack.configSync.function,
  'close-fcr': stack.callLogging.closeFcr.function,
  'refresh-queue-status': stack.queueStatus.function,
  'directory-sync': stack.directorySync.function,
  'reconcile-directory': stack.directorySync.reconcile,
};
type Part = keyof typeof parts;

/**
 * The DynamoDB operations each function's code sends, table by table, read from its code path
 * (handler → use case → adapters/dynamodb/*): never Put/Delete/BatchWrite where only Get/Update run.
 */
const TABLE_ACCESS: Record<Part, Partial<Record<TableId, string[]>>> = {
  // Profile cache get/put/lease; decision save (UpdateItem); caller history read and record; policy and queue-status reads; directory lookup.
  'route-call': {
    Profiles: ['GetItem', 'PutItem', 'UpdateItem'],
    Contacts: ['UpdateItem'],
    CallerHistory: ['Query', 'UpdateItem'],
    Policy: ['GetItem'],
    QueueStatus: ['GetItem'],
    CallerDirectory: ['BatchGetItem'],
  },
  // Contact state batch-read, read and conditionally updated; decisions read; repeat check and last agent; policy.
  'log-outcome': { Contacts: ['BatchGetItem', 'GetItem', 'UpdateItem'], CallerHistory: ['Query', 'UpdateItem'], Policy: ['GetItem'] },
  // The same, plus the handling standard (an item of the Policy table).
  'import-analysis': { Contacts: ['BatchGetItem', 'GetItem', 'UpdateItem'], CallerHistory: ['Query', 'UpdateItem'], Policy: ['GetItem'] },
  // Reads what is in force, puts the new policy (a transaction of two Puts) and handling standard.
  'sync-config': { Policy: ['GetItem', 'PutItem'] },
  // Open windows come from the FcrOpen index (below), never a Query of the table.
  'close-fcr': { Contacts: ['BatchGetItem', 'GetItem', 'UpdateItem'], CallerHistory: ['Query'], Policy: ['GetItem'] },
  'refresh-queue-status': { QueueStatus: ['PutItem'], Policy: ['GetItem'] },
  // Directory records read (BatchGet), number refs read and written (Get, Put, Delete), record, Account and child items
  // put or deleted by version, many at once in batches (reconcile; an overflow), summaries recomputed (Query, Update),
  // META read and updated; the policy's country.
  'directory-sync': { CallerDirectory: ['BatchGetItem', 'GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'], Policy: ['GetItem'] },
  'reconcile-directory': {
    CallerDirectory: ['BatchGetItem', 'GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
    Policy: ['GetItem'],
  },
};
const OTHER_ACCESS: Record<Part, Record<string, string[]>> = {
  // route-call reads queue status from DynamoDB: no Connect metrics call of its own.
  'route-call': { '*': XRAY, secret: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] },
  'log-outcome': {
    '*': XRAY,
    secret: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    'instance/contact/*': ['connect:DescribeContact', 'connect:GetContactAttributes'],
    'instance/queue/*': ['connect:DescribeQueue'],
    'own queue': SQS_CONSUME,
    'dead-letter queue': SQS_PARK,
  },
  'import-analysis': {
    '*': XRAY,
    secret: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    'instance/contact/*': ['connect:DescribeContact', 'connect:GetContactAttributes'],
    'instance/queue/*': ['connect:DescribeQueue'],
    'own queue': SQS_CONSUME,
    'dead-letter queue': SQS_PARK,
    'contact lens prefix': ['s3:GetObject'],
  },
  'sync-config': { '*': XRAY, secret: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] },
  'close-fcr': {
    '*': XRAY,
    secret: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    'instance/contact/*': ['connect:DescribeContact', 'connect:GetContactAttributes'],
    'instance/queue/*': ['connect:DescribeQueue'],
    'Contacts index FcrOpen': ['dynamodb:Query'],
  },
  'refresh-queue-status': { '*': XRAY, instance: ['connect:GetCurrentMetricData'], 'instance/queue/*': ['connect:GetCurrentMetricData'] },
  'directory-sync': {
    '*': XRAY,
    secret: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    'own queue': SQS_CONSUME,
    'dead-letter queue': SQS_PARK,
  },
  'reconcile-directory': { '*': XRAY, secret: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] },
};

function catalogue(part: Part): Map<string, string> {
  const fn = parts[part];
  const names = new Map<string, string>([
    ['"*"', '*'],
    [JSON.stringify(SECRET), 'secret'],
    [JSON.stringify(DEMO_INSTANCE_ARN), 'instance'],
    [JSON.stringify(`${DEMO_INSTANCE_ARN}/queue/*`), 'instance/queue/*'],
    [JSON.stringify(`${DEMO_INSTANCE_ARN}/contact/*`), 'instance/contact/*'],
    [json((part === 'directory-sync' ? stack.directorySync : stack.callLogging).deadLetterQueue.queueArn), 'dead-letter queue'],
    [
      JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::amazon-connect-demo-bucket/Analysis/Voice/Redacted/*']] }),
      'contact lens prefix',
    ],
  ]);
  for (const def of TABLES) names.set(json(stack.data.tables[def.id].tableArn), `table ${def.id}`);
  names.set(
    JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack.data.tables.Contacts), 'Arn'] }, '/index/FcrOpen']] }),
    'Contacts index FcrOpen',
  );
  const consumer = {
    'log-outcome': stack.callLogging.consumer,
    'import-analysis': stack.analyticsImport.consumer,
    'directory-sync': stack.directorySync.consumer,
  }[part as string];
  if (consumer) names.set(json(consumer.queue.queueArn), 'own queue');
  names.set(json(fn.logGroup.logGroupArn), 'own log group');
  return names;
}

function expected(part: Part): string[] {
  const pairs = [
    ...Object.entries(TABLE_ACCESS[part]).flatMap(([table, actions]) => actions!.map((a) => `dynamodb:${a} on table ${table}`)),
    ...Object.entries(OTHER_ACCESS[part]).flatMap(([resource, actions]) => actions.map((a) => `${a} on ${resource}`)),
    'logs:CreateLogStream on own log group',
    'logs:PutLogEvents on own log group',
  ];
  return [...new Set(pairs)].sort();
}

describe('IAM least privilege', () => {
  it.each(Object.keys(parts) as Part[])('%s reaches exactly its own tables, the secret, its queues and the Connect actions it needs', (part) => {
    const names = catalogue(part);
    const role = logicalId(parts[part].role!);
    const actual = [...new Set(permissionsOf(template, role).map((p) => `${p.action} on ${names.get(p.resource) ?? `UNEXPECTED ${p.resource}`}`))].sort();
    expect(actual).toEqual(expected(part));
  });

  it.each(Object.keys(parts) as Part[])('%s gets only its own tables’ names in its environment', (part) => {
    const env = (template.toJSON().Resources[logicalId(parts[part])].Properties.Environment.Variables ?? {}) as Record<string, unknown>;
    const tableVars = TABLES.filter((t) => t.envVar in env)
      .map((t) => t.id)
      .sort();
    expect(tableVars).toEqual(Object.keys(TABLE_ACCESS[part]).sort());
    for (const id of tableVars) expect(env[TABLES.find((t) => t.id === id)!.envVar]).toEqual({ Ref: logicalId(stack.data.tables[id as TableId]) });
  });

  it('uses "*" only for X-Ray, which has no resource-level permissions', () => {
    const wildcard = Object.values(parts).flatMap((fn) =>
      permissionsOf(template, logicalId(fn.role!))
        .filter((p) => p.resource === '"*"')
        .map((p) => p.action),
    );
    expect([...new Set(wildcard)].sort()).toEqual([...XRAY].sort());
  });

  it('never allows Scan, table administration or service-wide actions', () => {
    const actions = Object.values(parts).flatMap((fn) => permissionsOf(template, logicalId(fn.role!)).map((p) => p.action));
    expect(actions.filter((a) => /:\*$|dynamodb:Scan|dynamodb:(Create|Delete|Update)Table|iam:/.test(a))).toEqual([]);
    // No function deletes an item or writes in batches: items expire by TTL. Only the directory writers delete (a
    // number's ref or a closed Case's item must stop routing the moment the change applies, not when a TTL runs out)
    // and write in batches (reconcile's many changes, through the store's batched path).
    const directoryWriters = new Set<Part>(['directory-sync', 'reconcile-directory']);
    const others = (Object.keys(parts) as Part[])
      .filter((p) => !directoryWriters.has(p))
      .flatMap((p) => permissionsOf(template, logicalId(parts[p].role!)).map((x) => x.action));
    expect(others.filter((a) => /dynamodb:(DeleteItem|BatchWriteItem|ConditionCheckItem)/.test(a))).toEqual([]);
  });

  it('attaches no managed policy to a Callwise role', () => {
    for (const fn of Object.values(parts)) {
      const role = template.toJSON().Resources[logicalId(fn.role!)].Properties;
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }]);
    }
  });

  it('lets only the Connect instance invoke route-call, through its live alias', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map((p) => p.Properties);
    const connect = permissions.filter((p) => p.Principal === 'connect.amazonaws.com');
    expect(connect).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { Ref: logicalId(stack.routing.alias) },
        Principal: 'connect.amazonaws.com',
        SourceAccount: '111122223333',
        SourceArn: DEMO_INSTANCE_ARN,
      },
    ]);
    // The only other invokers are the sync-config, close-fcr, reconcile and queue-status schedules.
    expect(permissions.filter((p) => p.Principal !== 'connect.amazonaws.com').map((p) => [p.Principal, p.FunctionName])).toEqual([
      ['events.amazonaws.com', { 'Fn::GetAtt': [logicalId(stack.callLogging.closeFcr.function), 'Arn'] }],
      ['events.amazonaws.com', { 'Fn::GetAtt': [logicalId(stack.configSync.function), 'Arn'] }],
      ['events.amazonaws.com', { 'Fn::GetAtt': [logicalId(stack.queueStatus.function), 'Arn'] }],
      ['events.amazonaws.com', { 'Fn::GetAtt': [logicalId(stack.directorySync.reconcile), 'Arn'] }],
    ]);
  });
});
