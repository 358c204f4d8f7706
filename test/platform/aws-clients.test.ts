import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { clearSalesforceCredentialsCache, loadSalesforceCredentials } from '../../functions/src/adapters/salesforce/secrets';
import { awsClientConfig, TIMEOUTS } from '../../functions/src/platform/settings';

const SRC = join(__dirname, '..', '..', 'functions', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

/** The code of a file without its comments (a comment may show `new XClient(` as an example). */
const code = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

/** Every AWS client constructed in functions/src: the file, the client class and the start of what it is given. */
const constructions = files(SRC).flatMap((file) =>
  [...code(file).matchAll(/new\s+([\w.]*Client)\(([^;]{0,200})/g)].map((m) => ({
    file: relative(SRC, file),
    client: m[1]!.split('.').pop()!,
    args: m[2]!.replace(/\s+/g, ' ').trim(),
  })),
);

describe('AWS clients', () => {
  it('are the clients the Lambdas use: DynamoDB, Secrets Manager, S3, SQS and Connect', () => {
    expect(constructions.map((c) => `${c.client} in ${c.file}`).sort()).toEqual([
      'ConnectClient in call-logging/wiring.ts',
      'ConnectClient in routing/refresh-queue-status-wiring.ts',
      'DynamoDBClient in adapters/dynamodb/client.ts',
      'S3Client in handlers/import-analysis.ts',
      'SQSClient in call-logging/wiring.ts',
      'SQSClient in directory/wiring.ts',
      'SecretsManagerClient in call-logging/wiring.ts',
      'SecretsManagerClient in config-sync/wiring.ts',
      'SecretsManagerClient in directory/wiring.ts',
      'SecretsManagerClient in routing/wiring.ts',
    ]);
  });

  it.each(constructions.map((c) => [c.client, c.file, c.args]))('%s in %s is built with awsClientConfig(TIMEOUTS.…)', (_client, _file, args) => {
    expect(args).toMatch(/^(\{ \.\.\.)?awsClientConfig\((TIMEOUTS\.\w+|timeouts)\)/);
  });

  it('gives the SDK connection and request timeouts that throw, and the attempts', () => {
    expect(awsClientConfig({ connectionTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxAttempts: 2 })).toEqual({
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
    });
  });

  it.each(['secretsManager', 's3', 'sqs', 'callLoggingConnect', 'refresherConnect', 'routingDynamoDb', 'callLoggingDynamoDb', 'configDynamoDb'] as const)(
    'TIMEOUTS.%s bounds connection, request and attempts',
    (name) => {
      const t = TIMEOUTS[name];
      expect(t.connectionTimeoutMs).toBeGreaterThan(0);
      expect(t.requestTimeoutMs).toBeGreaterThan(0);
      expect(t.maxAttempts).toBeGreaterThanOrEqual(1);
      // Lambda timeouts are 3 s (route-call) to 60 s: every attempt's worst case fits in the longest.
      expect(t.maxAttempts * (t.connectionTimeoutMs + t.requestTimeoutMs)).toBeLessThanOrEqual(60_000);
    },
  );
});

describe('a Secrets Manager that accepts connections and never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let endpoint = '';

  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails the credentials read after each attempt times out, instead of hanging', async () => {
    clearSalesforceCredentialsCache();
    const client = new SecretsManagerClient({
      ...awsClientConfig({ connectionTimeoutMs: 200, requestTimeoutMs: 300, maxAttempts: 2 }),
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await expect(loadSalesforceCredentials(client, 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/sf-AbCdEf')).rejects.toThrow(
      'Cannot read the Salesforce secret arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/sf-AbCdEf (TimeoutError)',
    );
    // Both attempts reached the server and were given up on.
    expect(sockets).toHaveLength(2);
    client.destroy();
  }, 10_000);
});
