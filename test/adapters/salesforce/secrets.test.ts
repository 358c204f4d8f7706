import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CREDENTIALS_CACHE_MS,
  SalesforceSecretError,
  clearSalesforceCredentialsCache,
  loadSalesforceCredentials,
} from '../../../functions/src/adapters/salesforce/secrets';

const ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:callwise/salesforce-AbCdEf';
const KEY = '-----BEGIN PRIVATE KEY-----\nTOP-SECRET-KEY-MATERIAL\n-----END PRIVATE KEY-----';
const GOOD = { loginUrl: 'https://login.salesforce.com', clientId: '3MVG9-consumer', username: 'integration@callwise.example', privateKey: KEY };

const secrets = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'us-east-1' });

beforeEach(() => {
  secrets.reset();
  clearSalesforceCredentialsCache();
});

async function failure(secretString: string | undefined): Promise<Error> {
  secrets.on(GetSecretValueCommand).resolves({ SecretString: secretString });
  return loadSalesforceCredentials(client, ARN).then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );
}

describe('loadSalesforceCredentials', () => {
  it('reads and validates the JSON secret by ARN', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: JSON.stringify(GOOD) });
    await expect(loadSalesforceCredentials(client, ARN)).resolves.toEqual(GOOD);
  });

  it('reads a binary secret too', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretBinary: new TextEncoder().encode(JSON.stringify(GOOD)) });
    await expect(loadSalesforceCredentials(client, ARN)).resolves.toEqual(GOOD);
  });

  it('keeps the credentials for 5 minutes, then reads the secret again (rotation)', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(GOOD) });
    let now = 1_000_000;
    const load = () => loadSalesforceCredentials(client, ARN, { now: () => now });
    await load();
    now += CREDENTIALS_CACHE_MS - 1;
    await load();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    now += 1;
    await load();
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('shares one read between concurrent first calls', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(GOOD) });
    await Promise.all(Array.from({ length: 10 }, () => loadSalesforceCredentials(client, ARN)));
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('does not cache a failure', async () => {
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new ResourceNotFoundException({ message: 'not found', $metadata: {} }))
      .resolves({ SecretString: JSON.stringify(GOOD) });
    await expect(loadSalesforceCredentials(client, ARN)).rejects.toThrow(/Cannot read the Salesforce secret .*ResourceNotFoundException.*GetSecretValue/);
    await expect(loadSalesforceCredentials(client, ARN)).resolves.toEqual(GOOD);
  });

  it.each([
    ['clientId', /missing clientId/],
    ['username', /missing username/],
    ['privateKey', /missing privateKey/],
    ['loginUrl', /missing loginUrl/],
  ])('names the missing key %s', async (key, message) => {
    const { [key as keyof typeof GOOD]: _dropped, ...rest } = GOOD;
    const error = await failure(JSON.stringify(rest));
    expect(error).toBeInstanceOf(SalesforceSecretError);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['an invalid loginUrl', { ...GOOD, loginUrl: 'login.salesforce' }, /invalid loginUrl/],
    ['a key that is not a PEM private key', { ...GOOD, privateKey: 'TOP-SECRET-KEY-MATERIAL' }, /invalid privateKey \(expected a PEM private key\)/],
    ['two missing keys', { loginUrl: GOOD.loginUrl, privateKey: KEY }, /missing clientId, username/],
  ])('explains %s', async (_, secret, message) => {
    expect((await failure(JSON.stringify(secret))).message).toMatch(message);
  });

  it.each(['http://login.salesforce.com', 'http://acme.my.salesforce.com', 'ftp://login.salesforce.com', 'http://127.0.0.1.example.com'])(
    'refuses loginUrl %s: https:// only, naming the key',
    async (loginUrl) => {
      const error = await failure(JSON.stringify({ ...GOOD, loginUrl }));
      expect(error).toBeInstanceOf(SalesforceSecretError);
      expect(error.message).toBe(
        `The Salesforce secret ${ARN} is incomplete: invalid loginUrl (must be an https:// URL (http:// only for a local emulator on 127.0.0.1 or localhost))`,
      );
    },
  );

  it.each(['https://acme.my.salesforce.com', 'http://127.0.0.1:8443', 'http://localhost:3000'])(
    'accepts loginUrl %s (a loopback emulator may use http://)',
    async (loginUrl) => {
      secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ ...GOOD, loginUrl }) });
      await expect(loadSalesforceCredentials(client, ARN)).resolves.toEqual({ ...GOOD, loginUrl });
    },
  );

  it.each([
    ['not JSON', '{"privateKey": "TOP-SECRET-KEY-MATERIAL"', /is not JSON/],
    ['a JSON array', '["TOP-SECRET-KEY-MATERIAL"]', /expected a JSON object|missing/],
    ['empty', '', /is empty/],
  ])('refuses a secret that is %s', async (_, text, message) => {
    expect((await failure(text)).message).toMatch(message);
  });

  it('never puts a secret value in an error message', async () => {
    const leaks = [
      JSON.stringify({ ...GOOD, username: '' }),
      JSON.stringify({ ...GOOD, privateKey: 'TOP-SECRET-KEY-MATERIAL' }),
      '{"privateKey": "TOP-SECRET-KEY-MATERIAL", ',
      JSON.stringify({ ...GOOD, clientId: 42 }),
    ];
    for (const text of leaks) {
      clearSalesforceCredentialsCache();
      const { message } = await failure(text);
      expect(message).not.toMatch(/TOP-SECRET|3MVG9|integration@|42/);
    }
  });

  it('asks for configuration when no ARN is set', async () => {
    await expect(loadSalesforceCredentials(client, '')).rejects.toThrow(/set SALESFORCE_SECRET_ARN/);
  });
});
