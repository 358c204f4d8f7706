import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Connection } from 'jsforce';
import { SALESFORCE_API_VERSION } from '../../functions/src/adapters/salesforce/api';
import { SalesforceCredentialsSchema } from '../../functions/src/adapters/salesforce/secrets';
import { signInWithJwt } from '../../functions/src/adapters/salesforce/jwt-auth';
import { createTestCredentials, startSalesforceEmulator, UNAPPROVED_USERNAME, type SalesforceEmulator } from '../../local/salesforce-emulator';
import { connectToEmulator, JWT_BEARER_GRANT, signJwtAssertion, type AssertionOverrides } from '../../local/salesforce-emulator/test-client';

let sf: SalesforceEmulator;

beforeAll(async () => {
  sf = await startSalesforceEmulator({ org: 'empty' });
});

afterAll(() => sf.stop());

const signIn = (overrides: AssertionOverrides = {}) => {
  const conn = new Connection({ loginUrl: sf.url, version: SALESFORCE_API_VERSION });
  return { conn, result: conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion: signJwtAssertion(createTestCredentials(sf.url), overrides) }) };
};

describe('JWT bearer sign-in', () => {
  it('hands out credentials that satisfy the Secrets Manager contract, with one key per process', () => {
    const credentials = createTestCredentials(sf.url);
    expect(SalesforceCredentialsSchema.parse(credentials)).toEqual({
      loginUrl: sf.url,
      clientId: 'callwise-local',
      username: 'integration@callwise.demo',
      privateKey: expect.stringContaining('PRIVATE KEY'),
    });
    expect(createTestCredentials('http://127.0.0.1:1').privateKey).toBe(credentials.privateKey);
  });

  it('signs in through jsforce and then calls the API with the bearer token', async () => {
    const before = sf.tokenRequests();
    const { conn, result } = signIn();
    const userInfo = await result;
    expect(userInfo).toMatchObject({ id: expect.stringMatching(/^005/), organizationId: expect.stringMatching(/^00D/) });
    expect(conn.instanceUrl).toBe(sf.url);
    expect(conn.accessToken).toEqual(expect.any(String));
    expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(0);
    expect(sf.tokenRequests()).toBe(before + 1);
  });

  it.each([
    [
      'a signature from another key',
      { privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      /signature/,
    ],
    ["the token host as audience (not the org's audience)", { aud: 'http://127.0.0.1' }, /audience/],
    ['the sandbox audience on a production org', { aud: 'https://test.salesforce.com' }, /audience/],
    ['an expired assertion (1970)', { exp: 1 }, /expired/],
    ['an unknown user', { sub: 'intruder@example.com' }, /approved/],
  ])('rejects %s with invalid_grant', async (_label, overrides, message) => {
    await expect(signIn(overrides).result).rejects.toMatchObject({ name: 'invalid_grant', message: expect.stringMatching(message) });
  });

  it.each([
    ['an unknown consumer key', { iss: 'someone-else' }, 'invalid_client_id', /client identifier invalid/],
    ['a user the app does not admit', { sub: UNAPPROVED_USERNAME }, 'invalid_app_access', /user is not admin approved/],
  ])('rejects %s with %s, as Salesforce does', async (_label, overrides, code, message) => {
    await expect(signIn(overrides).result).rejects.toMatchObject({ name: code, message: expect.stringMatching(message) });
  });

  it("advises on each refusal in the adapter's sign-in error", async () => {
    const base = createTestCredentials(sf.url);
    const refused = (credentials: typeof base) => signInWithJwt(credentials, { timeoutMs: 5_000 }).catch((e: Error) => e);
    expect(await refused({ ...base, clientId: 'wrong' })).toMatchObject({
      errorCode: 'invalid_client_id',
      message: expect.stringMatching(/consumer key of the Callwise External Client App/),
    });
    expect(await refused({ ...base, username: UNAPPROVED_USERNAME })).toMatchObject({
      errorCode: 'invalid_app_access',
      message: expect.stringMatching(/Callwise Integration permission set/),
    });
    expect(await refused({ ...base, audience: 'https://test.salesforce.com' })).toMatchObject({
      errorCode: 'invalid_grant',
      message: expect.stringMatching(/`audience` in the secret/),
    });
  });

  it('accepts only the audience the org is configured with (a sandbox: test.salesforce.com)', async () => {
    const sandbox = await startSalesforceEmulator({ org: 'empty', audience: 'https://test.salesforce.com' });
    try {
      const credentials = createTestCredentials(sandbox.url);
      await expect(signInWithJwt(credentials, { timeoutMs: 5_000 })).rejects.toMatchObject({ errorCode: 'invalid_grant' });
      await expect(signInWithJwt({ ...credentials, audience: 'https://test.salesforce.com' }, { timeoutMs: 5_000 })).resolves.toBeDefined();
    } finally {
      await sandbox.stop();
    }
  });

  it('rejects another grant type and a token that is not a JWT', async () => {
    const conn = new Connection({ loginUrl: sf.url, version: SALESFORCE_API_VERSION });
    await expect(conn.authorize({ grant_type: 'password', username: 'u', password: 'p' })).rejects.toMatchObject({ name: 'unsupported_grant_type' });
    await expect(conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion: 'not.a-jwt' })).rejects.toMatchObject({ name: 'invalid_grant' });
  });
});

describe('sessions', () => {
  it.each([
    ['no token', undefined],
    ['an unknown token', 'forged-token'],
  ])('answers 401 INVALID_SESSION_ID with %s', async (_label, accessToken) => {
    const conn = new Connection({ instanceUrl: sf.url, version: SALESFORCE_API_VERSION, ...(accessToken ? { accessToken } : {}) });
    await expect(conn.query('SELECT Id FROM Contact')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
  });

  it('expires every issued token on expireSessions, and a new sign-in works again', async () => {
    const { conn, result } = signIn();
    await result;
    const reused = new Connection({ instanceUrl: sf.url, accessToken: conn.accessToken!, version: SALESFORCE_API_VERSION });
    await expect(reused.query('SELECT Id FROM Contact')).resolves.toMatchObject({ done: true });
    sf.expireSessions();
    await expect(reused.query('SELECT Id FROM Contact')).rejects.toMatchObject({ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' });
    const again = signIn();
    await again.result;
    await expect(again.conn.query('SELECT Id FROM Contact')).resolves.toMatchObject({ done: true });
  });
});

describe('an emulator in another process', () => {
  it('accepts credentials made here, since the key is shared', async () => {
    const child = spawn(process.execPath, ['bin/run-ts.js', 'local/salesforce-emulator/serve.ts', '--org=empty'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Cleared when done: a pending 15 s timer would keep this jest worker alive after its last test.
    let startTimer: NodeJS.Timeout | undefined;
    try {
      const [line] = await Promise.race([
        (async () => {
          for await (const l of createInterface({ input: child.stdout })) return [l];
          return [''];
        })(),
        new Promise<string[]>((_, reject) => {
          startTimer = setTimeout(() => reject(new Error('serve.ts did not start')), 15_000);
        }),
      ]);
      const { url } = JSON.parse(line ?? '{}') as { url: string };
      const conn = await connectToEmulator(url);
      await expect(conn.query('SELECT COUNT() FROM Contact')).resolves.toMatchObject({ totalSize: 0 });
    } finally {
      clearTimeout(startTimer);
      child.kill('SIGTERM');
      await exited;
    }
  });
});
