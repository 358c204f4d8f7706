import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { salesforceFromSecret } from '../../../functions/src/adapters/salesforce/connection';
import { createTestCredentials, startSalesforceEmulator, type SalesforceEmulator } from '../../../local/salesforce-emulator';

/** The one sign-in of the Lambdas: credentials read from Secrets Manager at every sign-in, not once per container. */
const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:callwise-sf';
const secrets = mockClient(SecretsManagerClient);
let sf: SalesforceEmulator;

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty' });
});
afterAll(async () => {
  await sf.stop();
  secrets.restore();
});

it('reads the secret again when the session is renewed, so a rotated secret takes effect at the next sign-in', async () => {
  const good = createTestCredentials(sf.url);
  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(good) });
  const salesforce = salesforceFromSecret(new SecretsManagerClient({}), SECRET, { timeoutMs: 5_000 });

  await salesforce.query('SELECT Id FROM Contact');
  expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);

  secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ ...good, clientId: 'rotated-to-a-wrong-key' }) });
  sf.expireSessions();

  await expect(salesforce.query('SELECT Id FROM Contact')).rejects.toMatchObject({ errorCode: 'invalid_client_id' });
  expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
});
